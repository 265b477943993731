import { isOnlyClaimed } from '../describe-incident';
import type { IncidentFeature } from '../../data/incident-types';
import { NO_ACTOR } from '../actor-layers';
import { isImprecise } from '../describe-incident';
import { ActorSetNumbering, sortRange } from './actor-sets';

/**
 * The incidents as columns of typed arrays, one row per incident in the order given (row i is
 * incidents[i]: the worker keeps the objects, with their ids, titles and stories, and maps rows back).
 * Filters and clustering touch a million rows per change, so the hot path reads flat arrays — a
 * few bytes per incident, read in order, no object per incident — like supercluster and kdbush.
 * Every array owns its ArrayBuffer (typed <ArrayBuffer>, never shared), so the whole set can be
 * transferred between threads.
 */
export interface IncidentColumns {
  /** Number of rows. */
  length: number;
  /**
   * Longitude and latitude, degrees. Float32 is enough to draw and cluster: its rounding moves a
   * point by at most 0.85 m at |lng| ≥ 128° and 0.42 m below; the exact value stays in the object.
   * Longitudes are in [-180, 180): 180°E is kept as 180°W, the same meridian, where the grid puts it.
   */
  lng: Float32Array<ArrayBuffer>;
  lat: Float32Array<ArrayBuffer>;
  /**
   * First and last day it may have happened, days since 1970-01-01 (UTC). Undated rows hold an
   * empty span (UNDATED_START > UNDATED_END), which overlaps no time range.
   */
  start: Int32Array<ArrayBuffer>;
  end: Int32Array<ArrayBuffer>;
  /** Event type, as a code into typeIds. */
  type: Uint16Array<ArrayBuffer>;
  typeIds: string[];
  /**
   * Acting parties in CSR form: row i's codes are actorCodes[actorStart[i] .. actorStart[i + 1]),
   * ascending, each once. Codes index actorIds, which has NO_ACTOR (the layer of incidents naming none).
   */
  actorStart: Uint32Array<ArrayBuffer>;
  actorCodes: Uint16Array<ArrayBuffer>;
  /**
   * The same, by distinct combination (actor-sets): row i names the codes of set actorSet[i], which
   * are setCodes[setStart[s] .. setStart[s + 1]). What filters read: one lookup a row.
   */
  actorSet: Uint32Array<ArrayBuffer>;
  setStart: Uint32Array<ArrayBuffer>;
  setCodes: Uint16Array<ArrayBuffer>;
  actorIds: string[];
  /** Code of the NO_ACTOR pseudo-layer. */
  noActorCode: number;
  /** CLAIMED | IMPRECISE | UNDATED | UNKNOWN_PLACE | COARSE_PLACE bits. */
  flags: Uint8Array<ArrayBuffer>;
  /**
   * Sources cited, CSR like the actors: row i's distinct source codes are
   * sourceCodes[sourceStart[i] .. sourceStart[i + 1]) (none when the data names no source).
   */
  sourceStart: Uint32Array<ArrayBuffer>;
  sourceCodes: Uint16Array<ArrayBuffer>;
  sourceIds: string[];
  /** The highest casualty figure reported (best, else min), NaN when none gives a number: for sorting. */
  casualties: Float32Array<ArrayBuffer>;
}

/** Every source names a status and none of them is 'reported' (as map/IncidentMarkers draws it). */
export const CLAIMED = 1;
/** Drawn with an uncertainty circle: isImprecise() of describe-incident. */
export const IMPRECISE = 2;
/** No usable date: start and end hold UNDATED_START and UNDATED_END. */
export const UNDATED = 4;
/** The data doesn't say how precise the point is (plain GeoJSON): not "precise" either. */
export const UNKNOWN_PLACE = 8;
/**
 * Placed only to a city, region, province or country. The "precise locations only" filter keeps
 * the rest (site, village, district), whatever their few km of uncertainty: UCDP's where_prec 1
 * and ACLED's geo_precision 1 (the named place itself, ~2 km) are the most precise those datasets have.
 */
export const COARSE_PLACE = 16;
/** Sentinels of undated rows: 2^30 days is 2.9 million years, far from any date, and differences stay 32-bit. */
export const UNDATED_START = 2 ** 30;
export const UNDATED_END = -(2 ** 30);

/**
 * Days since 1970-01-01 of an ISO "YYYY-MM-DD", or NaN. Parsed by hand (days_from_civil, H. Hinnant)
 * because two million Date objects cost a few hundred ms at a million incidents.
 */
export function isoDay(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NaN;
  const y0 = digits(iso, 0, 4), m = digits(iso, 5, 7), d = digits(iso, 8, 10);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return NaN;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Columns of the incidents. actorIds gives the codes (e.g. the dataset's actors in legend order); an
 * id the data uses but the list lacks gets a code of its own at the end rather than being dropped.
 */
export function buildColumns(incidents: readonly IncidentFeature[], actorIds: readonly string[], sourceIds: readonly string[] = []): IncidentColumns {
  const n = incidents.length;
  const ids = [...actorIds];
  if (!ids.includes(NO_ACTOR)) ids.push(NO_ACTOR);
  const actorCode = new Map(ids.map((id, code) => [id, code]));
  const typeCode = new Map<string, number>();
  const lng = new Float32Array(n), lat = new Float32Array(n);
  const start = new Int32Array(n), end = new Int32Array(n);
  const type = new Uint16Array(n), flags = new Uint8Array(n);
  const actorStart = new Uint32Array(n + 1), actorSet = new Uint32Array(n);
  const sets = new ActorSetNumbering();
  const sourceCode = new Map(sourceIds.map((id, code) => [id, code]));
  const sourceStart = new Uint32Array(n + 1), casualties = new Float32Array(n);
  let sourceCodes = new Uint16Array(Math.max(16, n));
  let m = 0;
  // Most incidents name one to three parties; grown by doubling, trimmed at the end.
  let actorCodes = new Uint16Array(Math.max(16, n * 2));
  let k = 0;

  for (let i = 0; i < n; i++) {
    const { geometry, properties: p } = incidents[i]!;
    const x = geometry.coordinates[0];
    lng[i] = x >= -180 && x < 180 ? x : x - 360 * Math.floor((x + 180) / 360);
    lat[i] = geometry.coordinates[1];
    const first = p.date ? isoDay(p.date.start) : NaN, last = p.date ? isoDay(p.date.end) : NaN;
    let f = 0;
    if (Number.isFinite(first) && Number.isFinite(last)) {
      start[i] = first;
      end[i] = last;
    } else {
      start[i] = UNDATED_START;
      end[i] = UNDATED_END;
      f |= UNDATED;
    }
    if (isOnlyClaimed(p)) f |= CLAIMED;
    if (isImprecise(p.place)) f |= IMPRECISE;
    if (p.place.precision === 'unknown') f |= UNKNOWN_PLACE;
    if (COARSE_PRECISIONS.has(p.place.precision)) f |= COARSE_PLACE;
    flags[i] = f;
    type[i] = codeOf(typeCode, p.eventType);

    if (actorCodes.length < k + p.actors.length + 1) actorCodes = grow(actorCodes, k + p.actors.length + 1);
    const rowStart = k;
    for (const ref of p.actors) {
      let code = actorCode.get(ref.actor);
      if (code === undefined) {
        code = ids.push(ref.actor) - 1;
        actorCode.set(ref.actor, code);
      }
      // The same party named twice (took part, then spoke) is one membership, as in countByActor.
      let seen = false;
      for (let j = rowStart; j < k; j++) seen ||= actorCodes[j] === code;
      if (!seen) actorCodes[k++] = code;
    }
    if (k === rowStart) actorCodes[k++] = actorCode.get(NO_ACTOR)!;
    sortRange(actorCodes, rowStart, k);
    actorStart[i + 1] = k;
    actorSet[i] = sets.idOf(actorCodes, rowStart, k);

    if (sourceCodes.length < m + p.sources.length) sourceCodes = grow(sourceCodes, m + p.sources.length);
    const sourceRowStart = m;
    for (const citation of p.sources) {
      const code = codeOf(sourceCode, citation.source);
      let seen = false;
      for (let j = sourceRowStart; j < m; j++) seen ||= sourceCodes[j] === code;
      if (!seen) sourceCodes[m++] = code;
    }
    sourceStart[i + 1] = m;
    let most = NaN;
    for (const figure of p.casualties) {
      const value = figure.best ?? figure.min;
      if (value !== undefined && !(value <= most)) most = value;
    }
    casualties[i] = most;
  }
  if (ids.length > 0xffff || typeCode.size > 0xffff || sourceCode.size > 0xffff) throw new Error('More than 65535 actors or event types: codes are 16-bit.');
  return {
    length: n, lng, lat, start, end, type, typeIds: [...typeCode.keys()],
    actorStart, actorCodes: actorCodes.slice(0, k), actorIds: ids, noActorCode: actorCode.get(NO_ACTOR)!,
    actorSet, setStart: Uint32Array.from(sets.start), setCodes: Uint16Array.from(sets.codes), flags,
    sourceStart, sourceCodes: sourceCodes.slice(0, m), sourceIds: [...sourceCode.keys()], casualties,
  };
}

const COARSE_PRECISIONS: ReadonlySet<string> = new Set(['city', 'region', 'province', 'country']);

function codeOf(codes: Map<string, number>, id: string): number {
  let code = codes.get(id);
  if (code === undefined) codes.set(id, (code = codes.size));
  return code;
}

function grow(array: Uint16Array<ArrayBuffer>, atLeast: number): Uint16Array<ArrayBuffer> {
  const bigger = new Uint16Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}

function typedArrays(columns: IncidentColumns) {
  const { lng, lat, start, end, type, actorStart, actorCodes, actorSet, setStart, setCodes, flags, sourceStart, sourceCodes, casualties } = columns;
  return [lng, lat, start, end, type, actorStart, actorCodes, actorSet, setStart, setCodes, flags, sourceStart, sourceCodes, casualties];
}

/** Bytes held by the typed arrays (the strings in typeIds and actorIds are a few hundred bytes). */
export function memoryBytes(columns: IncidentColumns): number {
  return typedArrays(columns).reduce((sum, array) => sum + array.byteLength, 0);
}

/** The buffers to list in postMessage's transfer list: they move to the other thread without copying. */
export function columnBuffers(columns: IncidentColumns): ArrayBuffer[] {
  return typedArrays(columns).map((array) => array.buffer);
}
