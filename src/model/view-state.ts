import { NO_ACTOR } from './actor-layers';
import { NO_FILTER, type IncidentFilter, type TimeRange } from './incident-filter';
import { isoDay } from './index/incident-columns';

/**
 * Everything that shapes the view, as it travels in the link: a researcher filters the map and
 * sends the address; opening it restores exactly that view. The link is read leniently — anything
 * it holds that is unknown, invalid or repeated is left out with a short sentence for the reader
 * (a notice), never an error — and written canonically (fixed order, sorted lists, defaults left
 * out), so that equal views give equal links and the address bar does not churn.
 *
 * The query string is parsed and written here by hand: this is the pure core, compiled without the
 * DOM lib, so URLSearchParams is not available. The format is what URLSearchParams reads back
 * ('+' is a space, each value percent-encoded), because src/state/data-param.ts reads ?data= with it.
 */

export type BaseLayer = 'offline' | 'osm';
export type ListSort = 'newest' | 'oldest' | 'casualties';

/** The map's centre and zoom, as Leaflet reports them. */
export interface MapView {
  lat: number;
  lng: number;
  zoom: number;
}

export interface ViewState {
  /** The ?data= value as given; src/state/data-param.ts decides whether it may be opened. */
  data: string | null;
  /**
   * The name of a file opened from the reader's computer, which no link can fetch: it says whose
   * view this is, so the view is not applied to other data. Never set together with `data`.
   */
  file: string | null;
  filter: IncidentFilter;
  selectedId: string | null;
  /** null: the dataset's own initial extent. */
  map: MapView | null;
  base: BaseLayer;
  sort: ListSort;
}

export const DEFAULT_VIEW_STATE: ViewState = {
  data: null,
  file: null,
  filter: NO_FILTER,
  selectedId: null,
  map: null,
  base: 'offline',
  sort: 'newest',
};

const BASE_LAYERS: readonly BaseLayer[] = ['offline', 'osm'];
const LIST_SORTS: readonly ListSort[] = ['newest', 'oldest', 'casualties'];

/** The parameters a view is made of, in the order they are written. */
const PARAMS = ['data', 'file', 'hide', 'type', 'source', 'from', 'to', 'single', 'precise', 'q', 'id', 'map', 'base', 'sort'] as const;
type Param = (typeof PARAMS)[number];
const PARAM_SET: ReadonlySet<string> = new Set(PARAMS);

/** Parameters the app reads elsewhere (bench: the benchmark hook; halves-from, with it: state/bench-mode.ts) that are not part of a view: no notice, never written. */
const NOT_VIEW_PARAMS: ReadonlySet<string> = new Set(['bench', 'halves-from']);

/** Longer than any file system allows a file's name to be (255 bytes on most). */
const MAX_FILE_NAME = 255;

/** Web Mercator's limit: Leaflet cannot centre beyond it. */
const MAX_LAT = 85.06;
const MIN_ZOOM = 0;
const MAX_ZOOM = 20;

// ---------------------------------------------------------------------------------------------
// Encoding

/**
 * The query string (without '?') for a view; '' for the default view. Only what decodeViewState
 * accepts is written, so a link made here never comes back with a notice: a malformed time range or
 * a map view with a non-finite number is left out rather than written.
 */
export function encodeViewState(state: ViewState): string {
  const parts: string[] = [];
  const put = (name: Param, value: string) => parts.push(`${name}=${value}`);
  const { filter } = state;

  if (state.data !== null && state.data.trim() !== '') put('data', encodeValue(state.data, true));
  else if (state.file !== null && fileNameProblem(state.file) === null) put('file', encodeValue(state.file, true));
  const hidden = canonicalList(filter.hiddenActors);
  if (hidden.length > 0) put('hide', encodeList(hidden));
  // An empty list is written (type=) because it means "none", unlike the absent "all".
  if (filter.eventTypes !== null) put('type', encodeList(canonicalList(filter.eventTypes)));
  if (filter.sources !== null) put('source', encodeList(canonicalList(filter.sources)));
  if (filter.timeRange !== null && isValidRange(filter.timeRange)) {
    put('from', filter.timeRange.start);
    put('to', filter.timeRange.end);
  }
  if (filter.singleSource) put('single', '1');
  if (filter.preciseOnly) put('precise', '1');
  const query = filter.query.trim();
  if (query !== '') put('q', encodeValue(query, true));
  if (state.selectedId !== null && state.selectedId !== '') put('id', encodeValue(state.selectedId, true));
  const map = state.map && encodeMap(state.map);
  if (map) put('map', map);
  if (state.base !== DEFAULT_VIEW_STATE.base) put('base', state.base);
  if (state.sort !== DEFAULT_VIEW_STATE.sort) put('sort', state.sort);
  return parts.join('&');
}

/**
 * Percent-encodes a value for the query. Characters that are safe in a query (RFC 3986) and common
 * in addresses stay readable ('/', ':', '@', and ',' outside lists), and a space is '+', as forms
 * write it. Lone UTF-16 surrogates, which encodeURIComponent refuses, become U+FFFD: such an id
 * cannot survive the link, but writing the rest of it is better than failing.
 */
function encodeValue(value: string, keepCommas: boolean): string {
  const encoded = encodeURIComponent(wellFormed(value))
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(/%3A/g, ':')
    .replace(/%40/g, '@');
  return keepCommas ? encoded.replace(/%2C/g, ',') : encoded;
}

function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Each id encoded on its own (',' inside an id becomes %2C), so the ',' between them is unambiguous. */
function encodeList(ids: readonly string[]): string {
  return ids.map((id) => encodeValue(id, false)).join(',');
}

/**
 * Lists are sets: sorted by code unit (not locale, so every browser writes the same link),
 * duplicates once, and without empty ids, which a comma list cannot tell from no id at all.
 */
function canonicalList(ids: readonly string[]): string[] {
  return [...new Set(ids)].filter((id) => id !== '').sort();
}

/**
 * zoom/lat/lng like OpenStreetMap's #map=. Coordinates get the decimals the zoom can show (about a
 * pixel: one digit at zoom 0, five from zoom 14), so panning by less than that does not change
 * the link. The digits follow the written zoom, not the exact one, so decoding and writing again
 * gives the same text.
 */
function encodeMap(view: MapView): string | null {
  if (!Number.isFinite(view.zoom) || !Number.isFinite(view.lat) || !Number.isFinite(view.lng)) return null;
  const zoom = roundTo(clamp(view.zoom, MIN_ZOOM, MAX_ZOOM), 2);
  const digits = Math.min(5, Math.max(0, Math.ceil(zoom * 0.3) + 1));
  let lat = roundTo(clamp(view.lat, -MAX_LAT, MAX_LAT), digits);
  // Rounding 85.06 to one digit gives 85.1, which the decoder refuses: keep the limit itself.
  if (Math.abs(lat) > MAX_LAT) lat = Math.sign(lat) * MAX_LAT;
  // Wrapped, then rounded (the wrap's arithmetic leaves float noise), and 180 after rounding
  // (179.99 at one digit) written as -180, the same meridian, as the decoder would read it.
  let lng = roundTo(wrapLng(view.lng), digits);
  if (lng >= 180) lng -= 360;
  return `${formatNumber(zoom)}/${formatNumber(lat)}/${formatNumber(lng)}`;
}

function roundTo(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

/** Shortest decimal text, trailing zeros dropped, and never "-0". */
function formatNumber(x: number): string {
  return x === 0 ? '0' : String(x);
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

/**
 * Into [-180, 180), as the index keeps longitudes (180°E is 180°W, the same meridian). A longitude
 * already inside is returned as it is: the arithmetic would turn 38.9 into 38.899999999999977.
 */
function wrapLng(lng: number): number {
  if (lng >= -180 && lng < 180) return lng === 0 ? 0 : lng;
  const wrapped = (((lng + 180) % 360) + 360) % 360 - 180;
  return wrapped === 0 ? 0 : wrapped;
}

// ---------------------------------------------------------------------------------------------
// Decoding

/**
 * The view a link describes, with a notice for each part of it that was left out. Accepts the
 * search part with or without its '?'. Never throws: a link is typed, pasted, truncated by mail
 * clients and edited by hand, and a broken part should cost only that part.
 */
export function decodeViewState(search: string): { state: ViewState; notices: string[] } {
  const notices: string[] = [];
  const raw = readParams(search, notices);

  const text = (name: Param): string | undefined => {
    const value = raw.get(name);
    if (value === undefined) return undefined;
    const decoded = decodeComponent(value);
    if (decoded === null) notices.push(badEncoding(name));
    return decoded ?? undefined;
  };

  // Lists are split before decoding, so an id's own %2C stays inside it.
  const list = (name: Param): string[] | undefined => {
    const value = raw.get(name);
    if (value === undefined) return undefined;
    const ids: string[] = [];
    for (const item of value.split(',')) {
      const id = decodeComponent(item);
      // One undecodable id spoils the list: applying the rest would show a different view than was sent.
      if (id === null) {
        notices.push(badEncoding(name));
        return undefined;
      }
      ids.push(id);
    }
    return canonicalList(ids);
  };

  const flag = (name: Param): boolean => {
    const value = text(name);
    if (value === undefined) return false;
    const answer = YES_NO.get(value.trim().toLowerCase());
    if (answer === undefined) notices.push(`Ignored "${name}" in the link: ${quote(value)} is neither 1 nor 0.`);
    return answer ?? false;
  };

  const choice = <T extends string>(name: Param, options: readonly T[], fallback: T, what: string): T => {
    const value = text(name);
    if (value === undefined) return fallback;
    const wanted = value.trim().toLowerCase();
    const found = options.find((option) => option === wanted);
    if (found === undefined) notices.push(`Ignored the ${what} ${quote(value)} in the link: it can be ${orList(options)}.`);
    return found ?? fallback;
  };

  // A blank ?data= opens the built-in dataset (data-param.ts): the same as none.
  const rawData = text('data') ?? null;
  const data = rawData !== null && rawData.trim() === '' ? null : rawData;
  const file = readFileName(text('file'), data, notices);
  const hiddenActors = list('hide') ?? [];
  const eventTypes = list('type') ?? null;
  const sources = list('source') ?? null;
  const timeRange = readRange(text('from'), text('to'), notices);
  const singleSource = flag('single');
  const preciseOnly = flag('precise');
  const query = text('q')?.trim() ?? '';
  const id = text('id');
  const selectedId = id === undefined || id === '' ? null : id;
  const mapText = text('map');
  const map = mapText === undefined ? null : readMap(mapText, notices);
  const base = choice('base', BASE_LAYERS, DEFAULT_VIEW_STATE.base, 'base map');
  const sort = choice('sort', LIST_SORTS, DEFAULT_VIEW_STATE.sort, 'list order');

  return {
    state: {
      data,
      file,
      filter: { hiddenActors, timeRange, eventTypes, sources, singleSource, preciseOnly, query },
      selectedId,
      map,
      base,
      sort,
    },
    notices,
  };
}

/**
 * A file's name, as a browser gives it (File.name: no folder). Blank is no file, as a blank ?data=
 * is no dataset. With ?data= as well, the dataset the link can open wins.
 */
function readFileName(value: string | undefined, data: string | null, notices: string[]): string | null {
  if (value === undefined || value.trim() === '') return null;
  if (data !== null) {
    notices.push(`Ignored the file ${quote(value)} in the link: it also names a dataset to open ("data"), which is opened instead.`);
    return null;
  }
  const problem = fileNameProblem(value);
  if (problem !== null) notices.push(`Ignored the file name ${quote(value)} in the link: ${problem}.`);
  return problem === null ? value : null;
}

/** Why `name` cannot be the name of a file a reader opened, or null when it can. */
function fileNameProblem(name: string): string | null {
  if (name.trim() === '') return 'it is blank';
  if (name.length > MAX_FILE_NAME) return `it is longer than a file's name can be (${MAX_FILE_NAME} characters)`;
  // eslint-disable-next-line no-control-regex -- control characters are what is being refused
  if (/[/\\\u0000-\u001f\u007f]/.test(name)) return 'a file\'s name has no "/", "\\" or control characters';
  return null;
}

const YES_NO: ReadonlyMap<string, boolean> = new Map([
  ['1', true], ['true', true], ['yes', true],
  ['0', false], ['false', false], ['no', false],
]);

/**
 * The view's parameters, each with its first value still percent-encoded (lists must be split
 * before decoding). Unknown, repeated and undecodable names get one notice each; the first of a
 * repeated parameter wins, as URLSearchParams.get would have it.
 */
function readParams(search: string, notices: string[]): Map<Param, string> {
  const params = new Map<Param, string>();
  const unknown = new Set<string>();
  const repeated = new Set<Param>();
  const query = search.startsWith('?') ? search.slice(1) : search;
  for (const part of query.split('&')) {
    if (part === '') continue; // "a=1&&b=2", a trailing '&'
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (name === null) {
      notices.push(`Ignored ${quote(part)} in the link: it is not properly encoded.`);
    } else if (NOT_VIEW_PARAMS.has(name)) {
      continue;
    } else if (!isParam(name)) {
      if (!unknown.has(name)) notices.push(`Ignored ${quote(name)} in the link: not something a view can hold.`);
      unknown.add(name);
    } else if (params.has(name)) {
      if (!repeated.has(name)) notices.push(`The link gives "${name}" more than once; the first one is used.`);
      repeated.add(name);
    } else {
      params.set(name, value);
    }
  }
  return params;
}

function isParam(name: string): name is Param {
  return PARAM_SET.has(name);
}

/** '+' is a space (as browsers encode forms), then percent-decoding; null when it is malformed. */
function decodeComponent(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function badEncoding(name: Param): string {
  return `Ignored "${name}" in the link: its value is not properly encoded.`;
}

/** A value quoted for a notice, cut short and with control characters shown as �: a link can carry anything, and a notice is one line. */
function quote(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being replaced
  const shown = value.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
  return `"${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown}"`;
}

function orList(options: readonly string[]): string {
  return options.length <= 1 ? options.join('') : `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
}

/**
 * Both ends or neither: with one end only, the other would have to be invented. from/to may be
 * a year or a month, taken from its first day (from) or to its last (to), so from=2016&to=2016
 * is the whole year.
 */
function readRange(from: string | undefined, to: string | undefined, notices: string[]): TimeRange | null {
  const start = from === undefined ? undefined : parseDay(from, 'first');
  const end = to === undefined ? undefined : parseDay(to, 'last');
  const example = '(write e.g. 2016-03-15, 2016-03 or 2016)';
  if (start === null) notices.push(`Ignored the time range in the link: ${quote(from ?? '')} is not a date ${example}.`);
  if (end === null) notices.push(`Ignored the time range in the link: ${quote(to ?? '')} is not a date ${example}.`);
  if (start === null || end === null) return null;
  if (start === undefined && end === undefined) return null;
  if (end === undefined) {
    notices.push('Ignored the time range in the link: it has a start ("from") but no end ("to").');
    return null;
  }
  if (start === undefined) {
    notices.push('Ignored the time range in the link: it has an end ("to") but no start ("from").');
    return null;
  }
  if (isoDay(start) > isoDay(end)) {
    notices.push(`Ignored the time range in the link: it starts on ${start}, after it ends on ${end}.`);
    return null;
  }
  return { start, end };
}

/** YYYY, YYYY-MM or YYYY-MM-DD as an ISO day, at the first or last day of the year or month; null when it is no date. */
function parseDay(value: string, which: 'first' | 'last'): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!match) return null;
  const [, year = '', month, day] = match;
  if (month === undefined) return `${year}-${which === 'first' ? '01-01' : '12-31'}`;
  const m = Number(month);
  if (m < 1 || m > 12) return null;
  const last = daysInMonth(Number(year), m);
  if (day === undefined) return `${year}-${month}-${which === 'first' ? '01' : String(last)}`;
  const d = Number(day);
  if (d < 1 || d > last) return null;
  const iso = `${year}-${month}-${day}`;
  return Number.isFinite(isoDay(iso)) ? iso : null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A range the decoder would accept as written: full ISO days, start ≤ end. */
function isValidRange(range: TimeRange): boolean {
  return parseDay(range.start, 'first') === range.start && parseDay(range.end, 'last') === range.end
    && isoDay(range.start) <= isoDay(range.end);
}

/** Plain decimals only: Number() would also take '', ' ', '0x1F' and '1e3'. */
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

function readMap(value: string, notices: string[]): MapView | null {
  const fail = (why: string) => {
    notices.push(`Ignored the map position ${quote(value)} in the link: ${why}.`);
    return null;
  };
  const parts = value.trim().split('/');
  if (parts.length !== 3 || !parts.every((part) => DECIMAL.test(part))) return fail('expected zoom/latitude/longitude, e.g. 7/35.2/38.9');
  const [zoom = NaN, lat = NaN, lng = NaN] = parts.map(Number);
  if (!Number.isFinite(zoom) || !Number.isFinite(lat) || !Number.isFinite(lng)) return fail('a number is too large');
  if (zoom < MIN_ZOOM || zoom > MAX_ZOOM) return fail(`the zoom must be between ${MIN_ZOOM} and ${MAX_ZOOM}`);
  if (Math.abs(lat) > MAX_LAT) return fail(`the latitude must be between -${MAX_LAT} and ${MAX_LAT}`);
  return { zoom, lat: lat === 0 ? 0 : lat, lng: wrapLng(lng) };
}

// ---------------------------------------------------------------------------------------------
// Against the dataset

/**
 * Once the dataset is loaded: ids in hide/type/source that it does not have are dropped, with a
 * notice naming them — a link made for another dataset, or for an older version of this one,
 * should say what it could not apply rather than keep invisible filters around. NO_ACTOR is always
 * known (the layer of incidents naming no actor). A type or source list that loses every id stays
 * an empty list, which shows nothing: that is what the link asked for, and the notice says why.
 */
export function reconcileWithDataset(
  state: ViewState,
  known: { actors: readonly string[]; eventTypes: readonly string[]; sources: readonly string[]; neverActing?: readonly string[] },
): { state: ViewState; notices: string[] } {
  const notices: string[] = [];
  const keepKnown = (ids: readonly string[], knownIds: ReadonlySet<string>, one: string, many: string): string[] => {
    const missing = [...new Set(ids.filter((id) => !knownIds.has(id)))];
    if (missing.length > 0) notices.push(`${missing.length === 1 ? one : many} this dataset doesn't have: ${nameList(missing)}.`);
    return ids.filter((id) => knownIds.has(id));
  };
  const { filter } = state;
  // An actor the dataset names but never as acting (UCDP's civilians, only ever a target) has no
  // layer: hiding it would hide nothing, so the link's hiding it is dropped and said.
  const neverActing = new Set(known.neverActing ?? []);
  const hidesNeverActing = [...new Set(filter.hiddenActors.filter((id) => neverActing.has(id)))];
  if (hidesNeverActing.length === 1) notices.push(`The link hides an actor that never acts in this dataset, so has no layer to hide: ${nameList(hidesNeverActing)}.`);
  if (hidesNeverActing.length > 1) notices.push(`The link hides actors that never act in this dataset, so have no layer to hide: ${nameList(hidesNeverActing)}.`);
  const hiddenActors = filter.hiddenActors.filter((id) => !neverActing.has(id));
  const actors = new Set([...known.actors, NO_ACTOR]);
  const types = new Set(known.eventTypes);
  const sources = new Set(known.sources);
  return {
    state: {
      ...state,
      filter: {
        ...filter,
        hiddenActors: keepKnown(hiddenActors, actors, 'The link hides an actor', 'The link hides actors'),
        eventTypes: filter.eventTypes && keepKnown(filter.eventTypes, types, 'The link asks for an event type', 'The link asks for event types'),
        sources: filter.sources && keepKnown(filter.sources, sources, 'The link asks for a source', 'The link asks for sources'),
      },
    },
    notices,
  };
}

/** Names for a notice: the first few, then how many more, so a link for another dataset gives one readable line. */
function nameList(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).map(quote).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

/** The dataset a view belongs to: the ?data= link, the file from the reader's computer, or (both null) the built-in one. */
export type DatasetRef = Pick<ViewState, 'data' | 'file'>;

/** Whether a view belongs to the dataset `dataset` (the built-in one when both are null). */
export function sameDataset(view: DatasetRef, dataset: DatasetRef): boolean {
  return view.data === dataset.data && view.file === dataset.file;
}

/**
 * The view without the parts that only mean something for its own dataset — filters (ids, dates
 * and searches chosen for that data), the selected incident, the map's position — for showing
 * other data while the view's own dataset cannot be opened. The base layer and list order are the
 * reader's, and stay.
 */
export function withoutDatasetParts(state: ViewState): ViewState {
  return { ...state, filter: DEFAULT_VIEW_STATE.filter, selectedId: null, map: null };
}

/**
 * Whether two states are the same view: the same link. Lists compare as sets, the search text
 * trimmed, the map to the precision the link keeps — so the app can skip a history entry when
 * nothing the link shows has changed (a sub-pixel pan, a re-ordered list).
 */
export function sameView(a: ViewState, b: ViewState): boolean {
  return encodeViewState(a) === encodeViewState(b);
}
