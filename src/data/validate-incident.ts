import { ProblemList, isObject, type FieldProblem } from './field-checks';
import type {
  ActorRef, CasualtyFigure, IncidentFeature, IncidentProperties, SourceCitation, TargetRef,
} from './incident-types';

export const DATE_PRECISIONS = ['day', 'range', 'week', 'month', 'year'] as const;
export const PLACE_PRECISIONS = ['site', 'village', 'district', 'city', 'region', 'province', 'country', 'unknown'] as const;
export const CLAIM_STATUSES = ['reported', 'claimed', 'alleged'] as const;
export const ACTOR_ROLES = ['carried out', 'claimed', 'took part', 'spoke', 'party', 'associated'] as const;
export const CASUALTY_KINDS = ['killed', 'injured', 'killed and injured'] as const;
export const LAYERS = ['conflict', 'diplomacy'] as const;

/** The ids defined once at the top of the dataset, which features refer to. */
export interface Definitions {
  actors: ReadonlySet<string>;
  sources: ReadonlySet<string>;
  eventTypes: ReadonlySet<string>;
}

export type IncidentCheck =
  | { ok: true; incident: IncidentFeature }
  | { ok: false; id: string | undefined; problems: FieldProblem[] };

/**
 * Checks one feature against the dataset format (data/README.md). Never throws: a bad feature
 * comes back with every problem found, each naming its field.
 */
export function validateIncident(feature: unknown, defs: Definitions): IncidentCheck {
  const p = new ProblemList();
  if (!isObject(feature)) {
    p.add('(feature)', 'should be a GeoJSON Feature object');
    return { ok: false, id: undefined, problems: p.problems };
  }
  if (feature.type !== 'Feature') p.add('type', `should be "Feature", but is ${JSON.stringify(feature.type ?? null)}`);
  const id = readId(feature.id, p);
  const coordinates = readPoint(feature.geometry, p);
  const props = p.object(feature.properties, 'properties');
  const properties = props ? readProperties(props, defs, p) : undefined;
  if (!p.ok || id === undefined || coordinates === undefined || properties === undefined) {
    return { ok: false, id, problems: p.problems };
  }
  return { ok: true, incident: { type: 'Feature', id, geometry: { type: 'Point', coordinates }, properties } };
}

function readId(value: unknown, p: ProblemList): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value;
  p.add('id', 'should be a stable id (text or number) so that links to this incident keep working, but is missing');
  return undefined;
}

function readPoint(value: unknown, p: ProblemList): [number, number] | undefined {
  const geometry = p.object(value, 'geometry');
  if (!geometry) return undefined;
  if (geometry.type !== 'Point') {
    p.add('geometry.type', `should be "Point" (an incident is a point), but is ${JSON.stringify(geometry.type ?? null)}`);
    return undefined;
  }
  const coords = p.list(geometry.coordinates, 'geometry.coordinates');
  if (!coords) return undefined;
  if (coords.length < 2 || coords.length > 3) {
    p.add('geometry.coordinates', `should be [longitude, latitude], but has ${coords.length} numbers`);
    return undefined;
  }
  const lng = p.number(coords[0], 'geometry.coordinates[0] (longitude)', { min: -180, max: 180 });
  const lat = p.number(coords[1], 'geometry.coordinates[1] (latitude)', { min: -90, max: 90 });
  return lng === undefined || lat === undefined ? undefined : [lng, lat];
}

function readProperties(props: Record<string, unknown>, defs: Definitions, p: ProblemList): IncidentProperties | undefined {
  const title = p.text(props.title, 'properties.title');
  const date = props.date === undefined ? undefined : readDate(props.date, p);
  const place = readPlace(props.place, p);
  const eventType = p.reference(props.eventType, defs.eventTypes, 'event type', 'properties.eventType');
  const layer = p.oneOf(props.layer, LAYERS, 'properties.layer');
  const actors = readEach(props.actors, 'properties.actors', p, {}, (a, f) => readActor(a, f, defs, p));
  const targets = readEach(props.targets, 'properties.targets', p, { optional: true }, (t, f) => readTarget(t, f, defs, p));
  const casualties = readEach(props.casualties, 'properties.casualties', p, { optional: true }, (c, f) => readCasualty(c, f, defs, p));
  const story = p.string(props.story, 'properties.story');
  const sources = readEach(props.sources, 'properties.sources', p, {}, (s, f) => readCitation(s, f, defs, p));
  const related = readEach(props.related, 'properties.related', p, { optional: true }, (r, f) => p.text(r, f));
  const section = p.text(props.section, 'properties.section', { optional: true });
  const origin = readOrigin(props.origin, p);
  const extra = readExtra(props.extra, p);
  if (!p.ok || !title || !place || !eventType || !layer || !actors || !targets || !casualties || story === undefined || !sources || !related) {
    return undefined;
  }
  // Set member by member, in the file format's order, rather than spread from conditional objects:
  // a hundred thousand incidents spent ~25 ms here on the spreads alone.
  const out = { title } as IncidentProperties;
  if (date) out.date = date;
  out.place = place;
  out.eventType = eventType;
  out.layer = layer;
  out.actors = actors;
  out.targets = targets;
  out.casualties = casualties;
  out.story = story;
  out.sources = sources;
  if (related.length) out.related = related;
  if (section) out.section = section;
  if (origin) out.origin = origin;
  if (extra) out.extra = extra;
  return out;
}

function readEach<T>(
  value: unknown, field: string, p: ProblemList, options: { optional?: boolean; nonEmpty?: boolean },
  read: (item: unknown, field: string) => T | undefined,
): T[] | undefined {
  const items = p.list(value, field, options);
  if (!items) return undefined;
  const out: T[] = [];
  items.forEach((item, i) => {
    const result = read(item, `${field}[${i}]`);
    if (result !== undefined) out.push(result);
  });
  return out.length === items.length ? out : undefined;
}

function readDate(value: unknown, p: ProblemList): IncidentProperties['date'] | undefined {
  const date = p.object(value, 'properties.date');
  if (!date) return undefined;
  const start = p.isoDate(date.start, 'properties.date.start');
  const end = date.end === undefined ? start : p.isoDate(date.end, 'properties.date.end');
  const precision = p.oneOf(date.precision, DATE_PRECISIONS, 'properties.date.precision');
  const note = p.text(date.note, 'properties.date.note', { optional: true });
  if (start && end && end < start) p.add('properties.date.end', `is before the start date (${end} < ${start})`);
  if (!start || !end || !precision || end < start) return undefined;
  const out: NonNullable<IncidentProperties['date']> = { start, end, precision };
  if (note) out.note = note;
  return out;
}

function readPlace(value: unknown, p: ProblemList): IncidentProperties['place'] | undefined {
  const place = p.object(value, 'properties.place');
  if (!place) return undefined;
  const name = p.text(place.name, 'properties.place.name');
  const nameAr = p.text(place.nameAr, 'properties.place.nameAr', { optional: true });
  const precision = p.oneOf(place.precision, PLACE_PRECISIONS, 'properties.place.precision');
  const uncertaintyKm = p.number(place.uncertaintyKm, 'properties.place.uncertaintyKm', { min: 0, max: 20000 });
  const note = p.text(place.note, 'properties.place.note', { optional: true });
  if (!name || !precision || uncertaintyKm === undefined) return undefined;
  const out: IncidentProperties['place'] = { name, precision, uncertaintyKm };
  if (nameAr) out.nameAr = nameAr;
  if (note) out.note = note;
  return out;
}

function readActor(value: unknown, field: string, defs: Definitions, p: ProblemList): ActorRef | undefined {
  const ref = p.object(value, field);
  if (!ref) return undefined;
  const actor = p.reference(ref.actor, defs.actors, 'actor', `${field}.actor`);
  const role = p.oneOf(ref.role, ACTOR_ROLES, `${field}.role`);
  const as = p.text(ref.as, `${field}.as`, { optional: true });
  return actor && role ? { actor, role, ...(as ? { as } : {}) } : undefined;
}

function readTarget(value: unknown, field: string, defs: Definitions, p: ProblemList): TargetRef | undefined {
  const ref = p.object(value, field);
  if (!ref) return undefined;
  const actor = p.reference(ref.actor, defs.actors, 'actor', `${field}.actor`);
  const what = p.text(ref.what, `${field}.what`, { optional: true });
  return actor ? { actor, ...(what ? { what } : {}) } : undefined;
}

function readCasualty(value: unknown, field: string, defs: Definitions, p: ProblemList): CasualtyFigure | undefined {
  const c = p.object(value, field);
  if (!c) return undefined;
  const text = p.text(c.text, `${field}.text`);
  const kind = p.oneOf(c.kind, CASUALTY_KINDS, `${field}.kind`);
  const min = p.number(c.min, `${field}.min`, { min: 0, integer: true, optional: true });
  const best = p.number(c.best, `${field}.best`, { min: 0, integer: true, optional: true });
  const max = p.number(c.max, `${field}.max`, { min: 0, integer: true, optional: true });
  const who = p.text(c.who, `${field}.who`, { optional: true });
  const source = p.reference(c.source, defs.sources, 'source', `${field}.source`);
  const status = p.oneOf(c.status, CLAIM_STATUSES, `${field}.status`);
  if (!text || !kind || !source || !status) return undefined;
  const out: CasualtyFigure = { text, kind, source, status };
  if (min !== undefined) out.min = min;
  if (best !== undefined) out.best = best;
  if (max !== undefined) out.max = max;
  if (who) out.who = who;
  return out;
}

function readCitation(value: unknown, field: string, defs: Definitions, p: ProblemList): SourceCitation | undefined {
  const c = p.object(value, field);
  if (!c) return undefined;
  const source = p.reference(c.source, defs.sources, 'source', `${field}.source`);
  const says = p.text(c.says, `${field}.says`, { optional: true });
  const status = p.oneOf(c.status, CLAIM_STATUSES, `${field}.status`);
  const url = p.httpUrl(c.url, `${field}.url`);
  if (!source || !status || (c.url !== undefined && !url) || (c.says !== undefined && !says)) return undefined;
  return { source, ...(says ? { says } : {}), status, ...(url ? { url } : {}) };
}

function readOrigin(value: unknown, p: ProblemList): IncidentProperties['origin'] {
  if (value === undefined) return undefined;
  const origin = p.object(value, 'properties.origin');
  if (!origin) return undefined;
  const format = p.text(origin.format, 'properties.origin.format');
  const row = p.number(origin.row, 'properties.origin.row', { min: 0, integer: true });
  return format && row !== undefined ? { format, row } : undefined;
}

function readExtra(value: unknown, p: ProblemList): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const extra = p.object(value, 'properties.extra');
  if (!extra) return undefined;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(extra)) {
    if (typeof v === 'string') out[key] = v;
    else p.add(`properties.extra.${key}`, `should be a text, but is ${JSON.stringify(v)}`);
  }
  return out;
}
