import { isObject, type FieldProblem, type JsonObject } from '../field-checks';
import type {
  ActorDefinition, ActorRef, EventTypeDefinition, IncidentDate, IncidentFeature, SourceCitation, SourceDefinition,
} from '../incident-types';
import { ACTOR_PALETTE, OTHER_ACTOR_COLOUR, slugOf } from '../event-definitions';
import { MARKER_SHAPES, type Warning } from '../validate-dataset';
import { calendarDate, daysInMonth } from '../record-cells';

/**
 * Reads the properties of someone else's GeoJSON Point features as incidents, guessing nothing it
 * cannot show: a title, date, story, place, actors, sources and event type are taken only from
 * properties with common names, and every other property is kept as text in `extra`, so nothing
 * in the file is lost. Names are matched without regard to case ("Title", "TITLE").
 */

/** Features without an id that get a warning each; the rest are counted in one (PlainFeatureReader.finish). */
const NAMED_WITHOUT_ID = 5;

/** Property names tried in order, lower case. */
const NAMES = {
  id: ['id', 'event_id', 'eventid', 'event_id_cnty', 'uid', 'uuid', 'guid', 'fid', 'objectid'],
  title: ['title', 'name', 'label', 'headline', 'event_name'],
  start: ['date', 'event_date', 'start', 'start_date', 'date_start', 'startdate', 'datetime', 'time', 'timestamp', 'day'],
  end: ['end', 'end_date', 'date_end', 'enddate'],
  story: ['description', 'notes', 'summary', 'story', 'details', 'text', 'comments', 'comment'],
  place: ['place', 'location', 'place_name', 'placename', 'locality', 'town', 'city', 'village', 'address', 'name'],
  eventType: ['event_type', 'eventtype', 'type', 'category', 'incident_type', 'kind'],
  actors: ['actors', 'actor'],
  sources: ['sources', 'source'],
};

export const DEFAULT_EVENT_TYPE = 'feature';

export interface PlainPoint {
  coordinates: [number, number];
  /** Numbers after longitude and latitude (altitude…), kept in `extra`. */
  rest: number[];
}

export type PlainResult = { ok: true; incident: IncidentFeature } | { ok: false; id?: string; reasons: FieldProblem[] };

/** One per file: the actors, sources and event types it defines are shared by all its features. */
export class PlainFeatureReader {
  readonly actors: Record<string, ActorDefinition> = {};
  readonly sources: Record<string, SourceDefinition> = {};
  readonly eventTypes: Record<string, EventTypeDefinition> = { [DEFAULT_EVENT_TYPE]: { label: 'Feature', shape: 'circle' } };
  private ids = new Map<string, number>();
  /** Features given an id from their position so far. */
  private withoutId = 0;
  /** Ids made from a feature's position that had to be numbered apart ("feature-3-2"), by feature index. */
  private readonly numbered = new Map<number, string>();
  private usedDefaultType = false;

  constructor(private readonly warnings: Warning[]) {}

  read(feature: JsonObject, index: number, point: PlainPoint): PlainResult {
    return this.map(feature, index, point, this.warnings);
  }

  /**
   * The incident a loaded feature gave (`read`), read again: its id as it was given then, and no
   * warnings. Call `finish` before: the ids seen are not kept for this.
   */
  readAgain(feature: JsonObject, index: number, point: PlainPoint): IncidentFeature {
    const read = this.map(feature, index, point, [], true);
    if (!read.ok) throw new Error(`feature ${index + 1} loaded once but not again: ${read.reasons.map((r) => `${r.field} ${r.message}`).join('; ')}`);
    return read.incident;
  }

  /** No more features to read: the features without an id not named are counted, and what only telling ids apart needed goes. */
  finish(): void {
    const more = this.withoutId - NAMED_WITHOUT_ID;
    if (more > 0) {
      this.warnings.push({
        where: 'the file',
        message: `has ${more} more ${more === 1 ? 'feature' : 'features'} without an id than the ${NAMED_WITHOUT_ID} named above: each was given "feature-" and its number in the file; links to them will point elsewhere if the file's features are reordered`,
      });
    }
    this.withoutId = 0;
    this.ids = new Map();
  }

  private map(feature: JsonObject, index: number, point: PlainPoint, warnings: Warning[], again = false): PlainResult {
    const props: JsonObject = isObject(feature.properties) ? feature.properties : {};
    const keys = new Map<string, string>();
    for (const key of Object.keys(props)) if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
    const used = new Set<string>();
    /** The first property among `names` whose value `accept` takes; marks it used. */
    const take = <T>(names: readonly string[], accept: (value: unknown) => T | undefined): { key: string; value: T } | undefined => {
      for (const name of names) {
        const key = keys.get(name);
        if (key === undefined || used.has(key)) continue;
        const value = accept(props[key]);
        if (value !== undefined) {
          used.add(key);
          return { key, value };
        }
      }
      return undefined;
    };

    const fromProperty = feature.id === undefined || feature.id === null || feature.id === '' ? take(NAMES.id, scalarText) : undefined;
    const id = fromProperty?.value ?? (feature.id === undefined || feature.id === null || feature.id === '' ? undefined : String(feature.id));
    let finalId = id;
    if (finalId === undefined) {
      finalId = again ? this.numbered.get(index) ?? `feature-${index + 1}` : this.positionalId(index);
      // The first few are named; the rest are counted (a file without ids has as many as features).
      if (!again && ++this.withoutId <= NAMED_WITHOUT_ID) {
        warnings.push({ where: `feature ${index + 1} (id "${finalId}")`, message: `has no id, so it was given "${finalId}" from its position in the file; links to it will point elsewhere if the file's features are reordered` });
      }
    }
    if (!again) {
      const earlier = this.ids.get(finalId);
      if (earlier !== undefined) {
        return { ok: false, id: finalId, reasons: [{ field: fromProperty ? `properties.${fromProperty.key}` : 'id', message: `is "${finalId}", already used by feature ${earlier + 1}; ids must be unique so that links find one incident` }] };
      }
      this.ids.set(finalId, index);
    }

    const title = take(NAMES.title, nonEmptyText)?.value ?? `Feature ${index + 1}`;
    const date = this.readDate(take, keys, props, `feature ${index + 1} (id "${finalId}")`, warnings);
    const story = take(NAMES.story, nonEmptyText)?.value ?? '';
    // "name" may already be the title; it is still the best place name when there is no other.
    const placeName = take(NAMES.place, nonEmptyText)?.value ?? nonEmptyText(props[keys.get('name') ?? '']);
    const [lng, lat] = point.coordinates;
    const eventType = this.eventType(take(NAMES.eventType, scalarText)?.value, again);
    const actors = this.readActors(take(NAMES.actors, names)?.value ?? [], again);
    const sources = this.readSources(take(NAMES.sources, names)?.value ?? [], again);

    const extra: Record<string, string> = {};
    for (const [key, value] of Object.entries(props)) {
      // null says only that the field is empty; everything else is kept as the text it was.
      if (used.has(key) || value === null) continue;
      extra[key] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    if (date?.keepRaw) for (const key of date.keepRaw) extra[key] = String(props[key]);
    if (point.rest.length) extra['coordinates after longitude, latitude'] = JSON.stringify(point.rest);

    const incident: IncidentFeature = {
      type: 'Feature',
      id: finalId,
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: {
        title,
        ...(date ? { date: date.date } : {}),
        place: {
          name: placeName ?? `${Math.abs(lat)}° ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lng)}° ${lng < 0 ? 'W' : 'E'}`,
          precision: 'unknown',
          uncertaintyKm: 0,
          note: placeName ? 'The file does not say how precisely the point stands for the place.' : 'The file names no place: the name is the point\'s coordinates.',
        },
        eventType,
        layer: 'conflict',
        actors,
        targets: [],
        casualties: [],
        story,
        sources,
        origin: { format: 'geojson', row: index },
        ...(Object.keys(extra).length ? { extra } : {}),
      },
    };
    return { ok: true, incident };
  }

  /** Drops the catch-all event type when every feature named its own. */
  finishEventTypes(): Record<string, EventTypeDefinition> {
    if (this.usedDefaultType) return this.eventTypes;
    const { [DEFAULT_EVENT_TYPE]: _unused, ...named } = this.eventTypes;
    void _unused;
    return Object.keys(named).length ? named : this.eventTypes;
  }

  private positionalId(index: number): string {
    let id = `feature-${index + 1}`;
    for (let n = 2; this.ids.has(id); n++) id = `feature-${index + 1}-${n}`;
    if (id !== `feature-${index + 1}`) this.numbered.set(index, id);
    return id;
  }

  /** A date only when it parses; an unreadable one is kept in `extra` and said in a warning. */
  private readDate(
    take: <T>(names: readonly string[], accept: (v: unknown) => T | undefined) => { key: string; value: T } | undefined,
    keys: Map<string, string>, props: JsonObject, where: string, warnings: Warning[],
  ): { date: IncidentDate; keepRaw: string[] } | undefined {
    const start = take(NAMES.start, parseDate);
    const end = take(NAMES.end, parseDate);
    for (const name of [...NAMES.start, ...NAMES.end]) {
      const key = keys.get(name);
      const value = key === undefined ? undefined : props[key];
      if (key !== undefined && key !== start?.key && key !== end?.key && value !== null && value !== '' && (typeof value === 'string' || typeof value === 'number')) {
        warnings.push({ where, message: `properties.${key} is ${JSON.stringify(value)}, which is not a date this reader knows (YYYY-MM-DD, YYYY-MM or YYYY); it is kept as text${start ? '' : ', and the incident has no date'}` });
      }
    }
    if (!start) return undefined;
    // A value that carried more than the day (a time, a zone) is kept as written too.
    const keepRaw = [start, end].flatMap((d) => (d && !/^\d{4}(-\d{2}){0,2}$/.test(String(props[d.key])) ? [d.key] : []));
    if (!end || end.value.end < start.value.start) {
      if (end) warnings.push({ where, message: `properties.${end.key} (${end.value.end}) is before properties.${start.key} (${start.value.start}), so only the start is used` });
      return { date: { ...start.value, note: `From the "${start.key}" property.` }, keepRaw: end ? [...keepRaw, end.key] : keepRaw };
    }
    const same = start.value.start === end.value.start && start.value.end === end.value.end;
    return {
      date: { start: start.value.start, end: end.value.end, precision: same ? start.value.precision : 'range', note: `From the "${start.key}" and "${end.key}" properties.` },
      keepRaw,
    };
  }

  /** `again`: a feature read before, whose type is known (a name never seen is an error then, not a new type). */
  private eventType(value: string | undefined, again: boolean): string {
    if (value === undefined) {
      this.usedDefaultType = true;
      return DEFAULT_EVENT_TYPE;
    }
    const id = registered(this.eventTypes, uniqueSlug(value, this.eventTypes, (t) => t.label === value), again,
      () => ({ label: value, shape: MARKER_SHAPES[Object.keys(this.eventTypes).length % MARKER_SHAPES.length]! }));
    // A type named "Feature" is the catch-all's own: it must not be dropped (finishEventTypes).
    if (id === DEFAULT_EVENT_TYPE) this.usedDefaultType = true;
    return id;
  }

  private readActors(actorNames: string[], again: boolean): ActorRef[] {
    return actorNames.map((name) => {
      const id = registered(this.actors, uniqueSlug(name, this.actors, (a) => a.name === name), again,
        () => ({ name, colour: ACTOR_PALETTE[Object.keys(this.actors).length] ?? OTHER_ACTOR_COLOUR }));
      // Plain data names parties without saying who did what: 'party' claims no more than that.
      return { actor: id, role: 'party' };
    });
  }

  private readSources(sourceNames: string[], again: boolean): SourceCitation[] {
    return sourceNames.map((text) => {
      const url = /^https?:\/\/([^\s/?#@]+)/i.exec(text);
      const name = url ? url[1]! : text;
      const id = registered(this.sources, uniqueSlug(name, this.sources, (s) => s.name === name), again, () => ({ name, ...(url ? { url: text } : {}) }));
      return { source: id, status: 'reported', ...(url ? { url: text } : {}) };
    });
  }
}

/**
 * `id`, made a definition of its own in `taken` if it is not one yet (an own property: an id such
 * as "constructor" is not found on Object.prototype). Reading a feature `again`, every id it names
 * was made the first time: one that was not is an error, and nothing is added.
 */
function registered<T>(taken: Record<string, T>, id: string, again: boolean, make: () => T): string {
  if (Object.hasOwn(taken, id)) return id;
  if (again) throw new Error(`"${id}" was not defined when the feature was first read`);
  taken[id] = make();
  return id;
}

/** A stable id from a name ("Armed forces (FACA)" → "armed-forces-faca"), numbered if another name has it. */
function uniqueSlug<T>(name: string, taken: Record<string, T>, isSame: (existing: T) => boolean): string {
  const base = slugOf(name);
  let id = base;
  for (let n = 2; Object.hasOwn(taken, id) && !isSame(taken[id]!); n++) id = `${base}-${n}`;
  return id;
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return nonEmptyText(value);
}

/** A name, a list of names, or names joined by ";" ("Séléka; anti-Balaka"), as a list. */
function names(value: unknown): string[] | undefined {
  if (typeof value === 'string') {
    const parts = value.split(';').map((s) => s.trim()).filter(Boolean);
    return parts.length ? parts : undefined;
  }
  if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string' && v.trim())) return (value as string[]).map((s) => s.trim());
  return undefined;
}

/**
 * YYYY-MM-DD (with or without a time: the day is taken as written, not moved to UTC), YYYY-MM,
 * YYYY, a year as a number, or milliseconds since 1970 as a number (as USGS and many APIs write
 * "time"). Other spellings ("15/07/2016") are ambiguous between countries and are not guessed.
 */
function parseDate(value: unknown): IncidentDate | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value >= 1000 && value <= 2999) return span(value, 1, 1, 'year');
    if (Math.abs(value) >= 1e11 && Math.abs(value) <= 8.64e15) {
      const d = new Date(value);
      return span(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 'day');
    }
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined];
  return span(year, month ?? 1, day ?? 1, day !== undefined ? 'day' : month !== undefined ? 'month' : 'year');
}

/** The day, month or year as a span of days; undefined for a day the calendar lacks, or a year outside 1–9999. */
function span(year: number, month: number, day: number, precision: 'day' | 'month' | 'year'): IncidentDate | undefined {
  // Arithmetic, as the CSV readers do (record-cells): Date.UTC reads the years 0–99 as 1900–1999.
  const start = calendarDate(year, month, day);
  if (start === undefined) return undefined;
  const end = precision === 'day' ? start : precision === 'month' ? calendarDate(year, month, daysInMonth(year, month))! : calendarDate(year, 12, 31)!;
  return { start, end, precision };
}

