import { importEventCsv, importUcdpRecords, type ImportProgress } from '../event-datasets';
import { importGeoJsonText } from '../geojson/import-geojson';
import type { DatasetResult, IncidentSink } from '../validate-dataset';

export type { ImportProgress };

/**
 * Reads any supported file's text into incidents: our own dataset format, plain GeoJSON, UCDP GED
 * (CSV or GeoJSON) or ACLED (CSV). The one entry point for the browser (in a worker) and the
 * command line, so both load the same rows and reject the same ones.
 *
 * A `sink` takes the incidents of a CSV file as they load (see importEventCsv); GeoJSON is parsed
 * whole by JSON.parse anyway, and its incidents come back in the dataset as always.
 */
export function importDatasetText(text: string, fileName: string, onProgress?: ImportProgress, sink?: IncidentSink): DatasetResult {
  if (isCsv(text, fileName)) return importEventCsv(text, fileName, onProgress, sink);
  return importGeoJsonText(text, fileName, { ucdp: (records, name) => importUcdpRecords(records, name, onProgress) });
}

/** By its name, or, for a name that says nothing (a URL, "download"), by not starting like JSON. */
function isCsv(text: string, fileName: string): boolean {
  if (/\.(csv|tsv|txt)$/i.test(fileName)) return true;
  if (/\.(geo)?json$/i.test(fileName)) return false;
  const first = /\S/.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)?.[0];
  return first !== undefined && first !== '{' && first !== '[';
}
