import type { DefinitionIds } from '../event-definitions';
import type {
  ActorRef, CasualtyFigure, DatePrecision, EventTypeDefinition, IncidentDate, IncidentFeature, IncidentPlace, PlacePrecision, TargetRef,
} from '../incident-types';
import { RecordReader, sameName, type RecordMapping, type SourceRecord } from '../record-cells';
import { UCDP_SOURCE_ID, readUcdpSources } from './ucdp-sources';

/*
 * One UCDP GED event (a CSV row, or a GeoJSON feature's properties) → one incident.
 * Column names are UCDP's; see src/data/ucdp/README.md for the reasoning.
 *
 * | UCDP column(s)                        | incident                                                      |
 * |---------------------------------------|---------------------------------------------------------------|
 * | id                                    | id (as text; required)                                        |
 * | longitude, latitude                   | geometry [lng, lat] (or the feature's own geometry)           |
 * | date_start, date_end, date_prec       | date: start, end, precision 1 day 2 range 3 week 4 month 5 year; |
 * |                                       |   a month/year span that crosses a calendar month/year → range |
 * | where_coordinates (adm_2, adm_1,      | place.name                                                    |
 * |   country as fallbacks)               |                                                               |
 * | where_prec                            | place.precision + uncertaintyKm (table below), note           |
 * | where_description, adm_2, adm_1, country | place.note                                                 |
 * | type_of_violence                      | eventType: state-based / non-state / one-sided                |
 * | side_a, side_b                        | actors (role 'party'); side_b of one-sided violence → targets |
 * | best, low, high                       | casualties: one figure, source UCDP GED, 'reported'           |
 * | source_office, source_article,        | sources (one per outlet) and story (the headlines):           |
 * |   source_headline                     |   see ucdp-sources.ts                                         |
 * | dyad_name, conflict_name, …           | extra, as text                                                |
 */

export const UCDP_FORMAT = 'ucdp-ged';

interface ViolenceType {
  id: string;
  definition: EventTypeDefinition;
}

/** UCDP's three types of organised violence, each with its own marker shape. */
export const UCDP_VIOLENCE_TYPES: Readonly<Record<number, ViolenceType>> = {
  1: { id: 'state-based', definition: { label: 'State-based armed conflict', shape: 'square' } },
  2: { id: 'non-state', definition: { label: 'Non-state conflict', shape: 'triangle' } },
  3: { id: 'one-sided', definition: { label: 'One-sided violence', shape: 'diamond' } },
};

/** where_prec → how far the real place may be from the point. */
export const WHERE_PREC: Readonly<Record<number, { precision: PlacePrecision; km: number; meaning: string }>> = {
  1: { precision: 'village', km: 2, meaning: 'the exact place is known' },
  2: { precision: 'region', km: 25, meaning: 'the event was within about 25 km of the named place' },
  3: { precision: 'region', km: 40, meaning: 'only the district (second-order administrative area) is known; the point is its centre' },
  4: { precision: 'province', km: 100, meaning: 'only the province (first-order administrative area) is known; the point is its centre' },
  5: { precision: 'region', km: 150, meaning: 'only a vaguer area is known (e.g. part of a country or several provinces); the point stands for it' },
  6: { precision: 'country', km: 300, meaning: 'only the country is known; the point is its centre' },
  7: { precision: 'region', km: 50, meaning: 'the event took place at sea or in the air; the point is approximate' },
};

export const DATE_PREC: Readonly<Record<number, { precision: DatePrecision; meaning: string }>> = {
  1: { precision: 'day', meaning: 'the exact day is known' },
  2: { precision: 'range', meaning: 'known to a span of 2–6 days' },
  3: { precision: 'week', meaning: 'known to within a week' },
  4: { precision: 'month', meaning: 'known to within a month' },
  5: { precision: 'year', meaning: 'known to within a year' },
};

const EVENT_CLARITY: Readonly<Record<string, string>> = {
  1: '1 (high: the reports describe this event itself)',
  2: '2 (lower: built from summary or aggregated reporting)',
};

/**
 * Maps one UCDP GED record. `coordinates`, when given (a GeoJSON feature's geometry), takes
 * precedence over the latitude and longitude columns. `row` is kept as the incident's origin.
 * Never throws: a bad record comes back with every problem, each naming UCDP's column.
 */
export function mapUcdpRecord(record: SourceRecord, row: number, ids: DefinitionIds, coordinates?: unknown): RecordMapping {
  const r = new RecordReader(record);
  const id = r.requiredText('id', 'the event’s UCDP id, so that links to it keep working');
  const point = readPoint(r, coordinates);
  const date = readDate(r);
  const place = readPlace(r);
  const violence = r.code('type_of_violence', UCDP_VIOLENCE_TYPES, '1 (state-based), 2 (non-state) or 3 (one-sided)');
  const deaths = readDeaths(r);
  if (!r.problems.length && !r.text('side_a')) r.warn('side_a', 'is empty: no actor is named for side A');
  if (!id || !point || !date || !place || !violence || !deaths || r.problems.length) return { ok: false, id, problems: r.problems };

  const { actors, targets } = ucdpSides(r.text('side_a'), r.text('side_b'), violence.id === 'one-sided', ids);
  const reporting = readUcdpSources(r, ids);
  const dyad = r.text('dyad_name') || [r.text('side_a'), r.text('side_b')].filter(Boolean).join(' - ') || 'sides not named';
  const incident: IncidentFeature = {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: point },
    properties: {
      title: `${violence.definition.label}: ${dyad}, ${place.name}`,
      date,
      place,
      eventType: ids.eventType(violence.id, violence.definition),
      layer: 'conflict',
      actors,
      targets,
      casualties: [deaths],
      story: reporting.story,
      sources: reporting.citations,
      origin: { format: UCDP_FORMAT, row },
      extra: readExtra(r, reporting.article),
    },
  };
  return { ok: true, incident, warnings: r.warnings };
}

function readPoint(r: RecordReader, coordinates: unknown): [number, number] | undefined {
  if (coordinates !== undefined) {
    const [lng, lat] = Array.isArray(coordinates) ? coordinates : [];
    if (typeof lng === 'number' && typeof lat === 'number' && Math.abs(lng) <= 180 && Math.abs(lat) <= 90) return [lng, lat];
    r.problem('geometry.coordinates', `should be [longitude, latitude] within -180…180 and -90…90, but is ${(JSON.stringify(coordinates) ?? 'nothing').slice(0, 60)}`);
    return undefined;
  }
  const lng = r.number('longitude', { min: -180, max: 180 });
  const lat = r.number('latitude', { min: -90, max: 90 });
  return lng === undefined || lat === undefined ? undefined : [lng, lat];
}

/** A precision or type code from a table; absent or unknown codes are problems (the columns may be shifted). */

function readDate(r: RecordReader): IncidentDate | undefined {
  const start = r.date('date_start');
  const end = r.date('date_end');
  const prec = r.code('date_prec', DATE_PREC, 'one of UCDP\'s date precision codes 1–5');
  if (start && end && end < start) r.problem('date_end', `is before date_start (${end} is earlier than ${start})`);
  if (!start || !end || !prec || end < start) return undefined;
  const precision = shownPrecision(start, end, prec.precision);
  const span = start === end ? '' : ` The event falls between ${start} and ${end}${precision !== prec.precision ? ', shown as a range because the span does not fit one calendar period' : ''}.`;
  return { start, end, precision, note: `UCDP date_prec ${r.text('date_prec')}: ${prec.meaning}.${span}` };
}

/**
 * The map writes a 'month' date as its start's month and a 'year' as its start's year: a span
 * that crosses into the next month or year is shown as a range instead, so no one reads it wrong.
 */
export function shownPrecision(start: string, end: string, precision: DatePrecision): DatePrecision {
  const crosses = (precision === 'day' && start !== end)
    || (precision === 'month' && start.slice(0, 7) !== end.slice(0, 7))
    || (precision === 'year' && start.slice(0, 4) !== end.slice(0, 4));
  return crosses ? 'range' : precision;
}

function readPlace(r: RecordReader): IncidentPlace | undefined {
  const prec = r.code('where_prec', WHERE_PREC, 'one of UCDP\'s place precision codes 1–7');
  if (!prec) return undefined;
  const name = r.text('where_coordinates') || r.text('adm_2') || r.text('adm_1') || r.text('country') || 'place not named';
  const description = r.text('where_description');
  const within = [r.text('adm_2'), r.text('adm_1'), r.text('country')].filter((part) => part && !sameName(part, name));
  const note = [
    `UCDP where_prec ${r.text('where_prec')}: ${prec.meaning}.`,
    description && !sameName(description, name) ? `UCDP describes the place as “${description}”.` : '',
    within.length ? `In ${within.join(', ')}.` : '',
  ].filter(Boolean).join(' ');
  return { name, precision: prec.precision, uncertaintyKm: prec.km, note };
}

/** best, low, high → one figure. A best of 0 is UCDP's estimate too, not "none reported". */
function readDeaths(r: RecordReader): CasualtyFigure | undefined {
  const best = r.number('best', { integer: true, min: 0 });
  const low = r.number('low', { integer: true, min: 0, required: false });
  const high = r.number('high', { integer: true, min: 0, required: false });
  if (best === undefined) return undefined;
  if (low !== undefined && low > best) r.warn('low', `(${low}) is above the best estimate (${best}); the figures are shown as UCDP gives them`);
  if (high !== undefined && high < best) r.warn('high', `(${high}) is below the best estimate (${best}); the figures are shown as UCDP gives them`);
  const bounds = (low !== undefined && low !== best) || (high !== undefined && high !== best)
    ? `; ${[low !== undefined ? `low ${low}` : '', high !== undefined ? `high ${high}` : ''].filter(Boolean).join(', ')}`
    : '';
  return {
    text: `${best} killed (best estimate${bounds})`,
    kind: 'killed',
    best,
    ...(low !== undefined ? { min: low } : {}),
    ...(high !== undefined ? { max: high } : {}),
    source: UCDP_SOURCE_ID,
    status: 'reported',
  };
}

/** Both sides are parties, except in one-sided violence, where side B is whoever was attacked (UCDP: "Civilians"). */
export function ucdpSides(sideA: string, sideB: string, oneSided: boolean, ids: DefinitionIds): { actors: ActorRef[]; targets: TargetRef[] } {
  const actors: ActorRef[] = sideA ? [{ actor: ids.actor(sideA), role: 'party' }] : [];
  const targets: TargetRef[] = [];
  if (sideB && oneSided) targets.push({ actor: ids.actor(sideB) });
  else if (sideB && !sameName(sideB, sideA)) actors.push({ actor: ids.actor(sideB), role: 'party' });
  return { actors, targets };
}

/** Fields worth showing as UCDP gives them, under UCDP's column names; empty ones are left out. */
function readExtra(r: RecordReader, article: string | undefined): Record<string, string> {
  const extra: Record<string, string> = {};
  const put = (key: string, value: string) => { if (value) extra[key] = value; };
  for (const key of ['conflict_name', 'dyad_name', 'adm_1', 'adm_2']) put(key, r.text(key));
  put('event_clarity', EVENT_CLARITY[r.text('event_clarity')] ?? r.text('event_clarity'));
  const sourcesCount = r.text('number_of_sources');
  put('number_of_sources', sourcesCount === '-1' ? '-1 (not recorded)' : sourcesCount);
  put('source_date', r.text('source_date'));
  put('source_original', r.text('source_original'));
  if (article) put('source_article', article);
  for (const key of ['deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown']) put(key, r.text(key));
  return extra;
}
