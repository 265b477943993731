import Papa from 'papaparse';
import type { IncidentFeature } from '../incident-types';
import type { LoadedDataset, Rejection, Warning } from '../validate-dataset';

/**
 * One row per incident, readable in a spreadsheet: names rather than ids, the figures and sources
 * spelled out as in the popup ("at least 23 killed and injured — sohr, reported"). papaparse does
 * the quoting (commas, quotes and newlines in stories).
 */
export function incidentsToCsv(dataset: LoadedDataset, incidents: readonly IncidentFeature[]): string {
  const actorName = (id: string) => dataset.actors[id]?.name ?? id;
  const sourceName = (id: string) => {
    const source = dataset.sources[id];
    return source ? (source.characterisation ? `${source.name} (${source.characterisation})` : source.name) : id;
  };
  const rows = incidents.map(({ id, geometry: { coordinates: [lng, lat] }, properties: p }) => ({
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
    event_type: dataset.eventTypes[p.eventType]?.label ?? p.eventType,
    actors: p.actors.map((a) => `${actorName(a.actor)} (${a.role})`).join('; '),
    targets: p.targets.map((t) => actorName(t.actor) + (t.what ? ` (${t.what})` : '')).join('; '),
    casualties: p.casualties.map((c) => `${c.text} — ${sourceName(c.source)}, ${c.status}`).join('; '),
    casualties_best: p.casualties.map((c) => c.best ?? c.min ?? '').join('; '),
    story: p.story,
    sources: p.sources.map((s) => `${sourceName(s.source)}, ${s.status}${s.says ? `: ${s.says}` : ''}${s.url ? ` <${s.url}>` : ''}`).join('; '),
    source_row: p.origin ? `${p.origin.format} ${p.origin.row}` : '',
  }));
  return Papa.unparse(rows, { newline: '\r\n' });
}

/** The "not loaded" list as a CSV a reader can keep beside the data: one line per reason. */
export function rejectionsToCsv(fileName: string, rejected: readonly Rejection[], warnings: readonly Warning[]): string {
  const rows = [
    ...rejected.flatMap((r) => r.reasons.map((reason) => ({
      file: fileName, level: 'not loaded', where: r.where, index: r.index ?? '', id: r.id ?? '', field: reason.field, problem: reason.message,
    }))),
    ...warnings.map((w) => ({ file: fileName, level: 'warning', where: w.where, index: '', id: '', field: '', problem: w.message })),
  ];
  return Papa.unparse(rows, { newline: '\r\n', columns: ['file', 'level', 'where', 'index', 'id', 'field', 'problem'] });
}
