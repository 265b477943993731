import Papa from 'papaparse';
import type { IncidentFeature } from '../incident-types';
import type { LoadedDataset } from '../validate-dataset';
import { DefinitionsUsed, exportedMetadata } from './to-geojson';

/**
 * Writes an export a batch of incidents at a time, so that a million incidents never become one
 * string (which tops out near 512 million characters) nor one array of objects: the file is
 * head() + each add()'s text, in order + tail(). The head comes last to be asked for, as our
 * GeoJSON format's head lists only the definitions the incidents use.
 */
export interface ExportWriter {
  /** The text of the next incidents. */
  add(incidents: readonly IncidentFeature[]): string;
  /** What comes before every incident's text; asked for once all are added. */
  head(): string;
  /** What comes after. */
  tail(): string;
}

/** The CSV columns, in order (csvWriter). */
const CSV_COLUMNS = [
  'id', 'title', 'date_start', 'date_end', 'date_precision', 'place', 'place_arabic', 'place_precision', 'uncertainty_km', 'latitude', 'longitude',
  'event_type', 'actors', 'targets', 'casualties', 'casualties_best', 'story', 'sources', 'source_row',
] as const;

/**
 * One row per incident, readable in a spreadsheet: names rather than ids, the figures and sources
 * spelled out as in the popup ("at least 23 killed and injured — sohr, reported"). Papa Parse does
 * the quoting (commas, quotes and newlines in stories). Every row ends with a line break (CRLF).
 */
export function csvWriter(dataset: LoadedDataset): ExportWriter {
  const actorName = (id: string) => (Object.hasOwn(dataset.actors, id) ? dataset.actors[id]!.name : id);
  const sourceName = (id: string) => {
    const source = Object.hasOwn(dataset.sources, id) ? dataset.sources[id] : undefined;
    return source ? (source.characterisation ? `${source.name} (${source.characterisation})` : source.name) : id;
  };
  const typeLabel = (id: string) => (Object.hasOwn(dataset.eventTypes, id) ? dataset.eventTypes[id]!.label : id);
  const row = ({ id, geometry: { coordinates: [lng, lat] }, properties: p }: IncidentFeature): Record<typeof CSV_COLUMNS[number], string | number | undefined> => ({
    id,
    title: p.title,
    date_start: p.date?.start ?? '',
    date_end: p.date?.end ?? '',
    date_precision: p.date?.precision ?? '',
    place: p.place.name,
    place_arabic: p.place.nameAr ?? '',
    place_precision: p.place.precision,
    uncertainty_km: p.place.uncertaintyKm,
    latitude: lat,
    longitude: lng,
    event_type: typeLabel(p.eventType),
    actors: p.actors.map((a) => `${actorName(a.actor)} (${a.role})`).join('; '),
    targets: p.targets.map((t) => actorName(t.actor) + (t.what ? ` (${t.what})` : '')).join('; '),
    casualties: p.casualties.map((c) => `${c.text} — ${sourceName(c.source)}, ${c.status}`).join('; '),
    casualties_best: p.casualties.map((c) => c.best ?? c.min ?? '').join('; '),
    story: p.story,
    sources: p.sources.map((s) => `${sourceName(s.source)}, ${s.status}${s.says ? `: ${s.says}` : ''}${s.url ? ` <${s.url}>` : ''}`).join('; '),
    source_row: p.origin ? `${p.origin.format} ${p.origin.row}` : '',
  });
  const unparse = (rows: unknown[][]) => `${Papa.unparse(rows, { newline: '\r\n' })}\r\n`;
  return {
    add: (incidents) => {
      if (incidents.length === 0) return '';
      return unparse(incidents.map((incident) => {
        const cells = row(incident);
        return CSV_COLUMNS.map((column) => cells[column]);
      }));
    },
    head: () => unparse([[...CSV_COLUMNS]]),
    tail: () => '',
  };
}

/**
 * The incidents as a dataset in our own format (data/README.md), as toIncidentCollection makes
 * it: the dataset's metadata (noting the export), then only the actors, sources and event types
 * the incidents use, then the features, one a line. Re-importing it gives the same incidents back.
 */
export function geoJsonWriter(dataset: LoadedDataset, exportNote?: string): ExportWriter {
  const used = new DefinitionsUsed();
  let count = 0;
  return {
    add: (incidents) => {
      let text = '';
      for (const incident of incidents) {
        used.add(incident);
        text += `${count++ === 0 ? '' : ','}\n    ${JSON.stringify(incident)}`;
      }
      return text;
    },
    head: () => {
      const definitions = { type: 'FeatureCollection', dataset: exportedMetadata(dataset, exportNote), ...used.pick(dataset) };
      // Its closing "\n}" gives way to the features.
      return `${JSON.stringify(definitions, null, 2).slice(0, -2)},\n  "features": [`;
    },
    tail: () => (count === 0 ? ']\n}\n' : '\n  ]\n}\n'),
  };
}
