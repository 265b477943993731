import { parseDatasetText } from '../parse-dataset';
import type { DatasetResult } from '../validate-dataset';

export type ImportProgress = (fraction: number) => void;

/**
 * Reads any supported file's text into incidents: our own dataset format, plain GeoJSON, UCDP GED
 * (CSV or GeoJSON) or ACLED (CSV). The one entry point for the browser (in a worker) and the
 * command line, so both load the same rows and reject the same ones.
 */
export function importDatasetText(text: string, fileName: string, onProgress?: ImportProgress): DatasetResult {
  void onProgress;
  return parseDatasetText(text, fileName);
}
