import type {
  ActorRef, CasualtyFigure, EventTypeDefinition, IncidentDate, IncidentFeature, IncidentPlace, PlacePrecision, SourceDefinition, TargetRef,
} from '../incident-types';
import { slugOf, type DefinitionIds } from '../event-definitions';
import { RecordReader, calendarDate, daysInMonth, distinctNames, sameName, splitList, type RecordMapping, type SourceRecord } from '../record-cells';

/*
 * One ACLED event (a row of an ACLED CSV export, codebook column names) → one incident.
 * See src/data/acled/README.md for the reasoning.
 *
 * | ACLED column(s)                    | incident                                                        |
 * |------------------------------------|-----------------------------------------------------------------|
 * | event_id_cnty                      | id (required)                                                   |
 * | longitude, latitude                | geometry [lng, lat]                                             |
 * | event_date, time_precision         | date: 1 the day; 2 a week (event_date ± 3 days); 3 its month    |
 * | location (admin3…country fallback) | place.name                                                      |
 * | geo_precision                      | place: 1 village ~2 km, 2 region ~25 km, 3 province ~100 km     |
 * | admin1, admin2, admin3, country    | place.note (and extra)                                          |
 * | event_type                         | eventType: the six ACLED types, each its own shape; others kept |
 * | actor1, actor2                     | actors, role 'party' — a civilian actor (inter 7) → targets     |
 * | assoc_actor_1, assoc_actor_2 (;)   | actors, role 'associated' — on a civilian side → targets        |
 * | fatalities                         | casualties: "N fatalities", source ACLED; empty → no figure     |
 * | source (;)                         | sources: one citation per outlet, 'reported', no words          |
 * | notes                              | story                                                           |
 * | sub_event_type, disorder_type, civilian_targeting, admin1-3, source_scale, tags | extra           |
 */

export const ACLED_FORMAT = 'acled';
export const ACLED_SOURCE_ID = 'acled';
export const ACLED_SOURCE: SourceDefinition = {
  name: 'ACLED',
  characterisation: 'fatality count coded by ACLED',
  url: 'https://acleddata.com/',
};

/** ACLED's six event types, by slug of the label, each with its own marker shape. */
export const ACLED_EVENT_TYPES: Readonly<Record<string, EventTypeDefinition>> = {
  battles: { label: 'Battles', shape: 'square' },
  'explosions-remote-violence': { label: 'Explosions/Remote violence', shape: 'triangle' },
  'violence-against-civilians': { label: 'Violence against civilians', shape: 'diamond' },
  protests: { label: 'Protests', shape: 'circle' },
  riots: { label: 'Riots', shape: 'hexagon' },
  'strategic-developments': { label: 'Strategic developments', shape: 'star' },
};
/** Only six shapes exist: a type outside the codebook shares the circle with Protests, and the importer says so. */
export const OTHER_TYPE_SHAPE = 'circle';

export const GEO_PRECISION: Readonly<Record<number, { precision: PlacePrecision; km: number; meaning: string }>> = {
  1: { precision: 'village', km: 2, meaning: 'the named place itself (a town, or a district of a city)' },
  2: { precision: 'region', km: 25, meaning: 'near the named place, or in a small area coded to a representative town' },
  3: { precision: 'province', km: 100, meaning: 'only a larger region is known; the point is a natural feature or the provincial capital' },
};

/** Maps one ACLED record. `row` is kept as the incident's origin. Never throws. */
export function mapAcledRecord(record: SourceRecord, row: number, ids: DefinitionIds): RecordMapping {
  const r = new RecordReader(record);
  const id = r.requiredText('event_id_cnty', 'the event’s ACLED id, so that links to it keep working');
  const lng = r.number('longitude', { min: -180, max: 180 });
  const lat = r.number('latitude', { min: -90, max: 90 });
  const date = readDate(r);
  const place = readPlace(r);
  const eventTypeLabel = r.requiredText('event_type', 'ACLED\'s event type');
  const fatalities = r.number('fatalities', { integer: true, min: 0, required: false });
  if (!id || lng === undefined || lat === undefined || !date || !place || !eventTypeLabel || r.problems.length) {
    return { ok: false, id, problems: r.problems };
  }

  const { actors, targets } = readActors(r, ids);
  const casualties: CasualtyFigure[] = fatalities === undefined ? [] : [{
    text: `${fatalities} ${fatalities === 1 ? 'fatality' : 'fatalities'}`,
    kind: 'killed', best: fatalities, source: ACLED_SOURCE_ID, status: 'reported',
  }];
  const who = [r.text('actor1'), r.text('actor2')].filter(Boolean).join(' – ') || 'actors not named';
  const incident: IncidentFeature = {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lng, lat] },
    properties: {
      title: `${r.text('sub_event_type') || eventTypeLabel}: ${who}, ${place.name}`,
      date,
      place,
      eventType: readEventType(eventTypeLabel, ids),
      layer: 'conflict',
      actors,
      targets,
      casualties,
      story: r.text('notes'),
      sources: distinctNames(r.list('source')).map((outlet) => ({ source: ids.outlet(outlet), status: 'reported' })),
      origin: { format: ACLED_FORMAT, row },
      extra: readExtra(r),
    },
  };
  return { ok: true, incident, warnings: r.warnings };
}


/**
 * ACLED gives one day and says how precise it is. For a week it records a day within it (usually
 * the middle), so three days either side covers it; for a month, the whole calendar month.
 */
function readDate(r: RecordReader): IncidentDate | undefined {
  const day = r.date('event_date', { dayMonthYear: true });
  const precision = r.code('time_precision', TIME_PRECISION, '1 (day), 2 (week) or 3 (month)');
  if (!day || !precision) return undefined;
  const written = r.text('event_date');
  const { start, end } = acledSpan(day, precision);
  switch (precision) {
    case 'day':
      return { start, end, precision, note: `ACLED time_precision 1: the exact day (event_date ${written}).` };
    case 'week':
      return {
        start, end, precision,
        note: `ACLED time_precision 2: known to within a week; ACLED records a day in that week (event_date ${written}), usually its middle, so the dates shown run three days either side of it.`,
      };
    case 'month':
      return { start, end, precision, note: `ACLED time_precision 3: known only to the month (event_date ${written}).` };
  }
}

export const TIME_PRECISION = { 1: 'day', 2: 'week', 3: 'month' } as const;

/** The days an ACLED event may fall on: its day; three days either side of it (a week); its calendar month. */
export function acledSpan(day: string, precision: 'day' | 'week' | 'month'): { start: string; end: string } {
  if (precision === 'day') return { start: day, end: day };
  if (precision === 'week') return { start: shiftDays(day, -3), end: shiftDays(day, 3) };
  return { start: `${day.slice(0, 7)}-01`, end: lastOfMonth(day) };
}

/** A day ± a few days, by calendar arithmetic (a Date and toISOString per row cost ~4 µs: seconds at a million rows). */
function shiftDays(isoDay: string, days: number): string {
  let year = Number(isoDay.slice(0, 4)), month = Number(isoDay.slice(5, 7)), day = Number(isoDay.slice(8, 10)) + days;
  while (day < 1) {
    month -= 1;
    if (month < 1) [year, month] = [year - 1, 12];
    day += daysInMonth(year, month);
  }
  while (day > daysInMonth(year, month)) {
    day -= daysInMonth(year, month);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return calendarDate(year, month, day) ?? isoDay;
}

function lastOfMonth(isoDay: string): string {
  const year = Number(isoDay.slice(0, 4)), month = Number(isoDay.slice(5, 7));
  return `${isoDay.slice(0, 7)}-${daysInMonth(year, month)}`;
}

function readPlace(r: RecordReader): IncidentPlace | undefined {
  const prec = r.code('geo_precision', GEO_PRECISION, '1 (the place itself), 2 (near it) or 3 (a larger region)');
  if (!prec) return undefined;
  const name = r.text('location') || r.text('admin3') || r.text('admin2') || r.text('admin1') || r.text('country') || 'place not named';
  const within = [r.text('admin3'), r.text('admin2'), r.text('admin1'), r.text('country')].filter((part) => part && !sameName(part, name));
  const note = `ACLED geo_precision ${r.text('geo_precision')}: ${prec.meaning}.${within.length ? ` In ${within.join(', ')}.` : ''}`;
  return { name, precision: prec.precision, uncertaintyKm: prec.km, note };
}

const typeSlugs = new Map<string, string>();

/** One of the six types, or a type outside the codebook kept under its own name (the importer warns once per such type). */
export function readEventType(label: string, ids: DefinitionIds): string {
  let id = typeSlugs.get(label);
  if (id === undefined) {
    // A file has a handful of type labels, on every row: each slugged once (slugOf normalises and runs regexes).
    if (typeSlugs.size > 1000) typeSlugs.clear();
    typeSlugs.set(label, (id = slugOf(label)));
  }
  return ids.eventType(id, ACLED_EVENT_TYPES[id] ?? { label, shape: OTHER_TYPE_SHAPE });
}

/**
 * ACLED codes civilians only ever as victims (interaction code 7, or "Civilians" in newer exports),
 * so a civilian side and its associated actors are targets: they do not put the event in a layer.
 */
function readActors(r: RecordReader, ids: DefinitionIds): { actors: ActorRef[]; targets: TargetRef[] } {
  return acledActors((field) => r.text(field), ids);
}

/** The actors of a record whose cells `text` gives (trimmed, '' when empty or absent). */
export function acledActors(text: (field: string) => string, ids: DefinitionIds): { actors: ActorRef[]; targets: TargetRef[] } {
  const actors: ActorRef[] = [];
  const targets: TargetRef[] = [];
  const add = (name: string, role: ActorRef['role'], civilian: boolean) => {
    const actor = ids.actor(name);
    if (civilian) {
      if (!targets.some((t) => t.actor === actor)) targets.push({ actor });
    } else if (!actors.some((a) => a.actor === actor && a.role === role)) {
      actors.push({ actor, role });
    }
  };
  for (const side of ['1', '2']) {
    const inter = text(`inter${side}`);
    const civilian = inter === '7' || sameName(inter, 'Civilians');
    const main = text(`actor${side}`);
    if (main) add(main, 'party', civilian);
    for (const name of splitList(text(`assoc_actor_${side}`))) add(name, 'associated', civilian);
  }
  return { actors, targets };
}

function readExtra(r: RecordReader): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const key of ['disorder_type', 'sub_event_type', 'civilian_targeting', 'admin1', 'admin2', 'admin3', 'source_scale', 'tags']) {
    const value = r.text(key);
    if (value) extra[key] = value;
  }
  return extra;
}
