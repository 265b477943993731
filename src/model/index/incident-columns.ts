import { growTo } from '../../data/typed-arrays';
import { isOnlyClaimed } from '../describe-incident';
import { digitsAt } from '../../data/record-cells';
import type { ActorRef, IncidentFeature, SourceCitation } from '../../data/incident-types';
import { NO_ACTOR } from '../actor-layers';
import { isImprecise } from '../describe-incident';
import { ActorSetNumbering, sortRange } from './actor-sets';
import { placeCode } from './spatial-order';
import type { IdChanges } from '../../data/event-definitions';

/**
 * The incidents as columns of typed arrays, one row per incident in the order given (row i is
 * incidents[i]: the worker keeps the details — ids, titles, stories — in an IncidentStore and maps rows back).
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
   * Acting parties, by distinct combination (actor-sets): row i names the codes of set actorSet[i],
   * which are setCodes[setStart[s] .. setStart[s + 1]), ascending, each once. Codes index actorIds,
   * which has NO_ACTOR (the layer of incidents naming none). What filters read: one lookup a row,
   * and a fixed-width column, so reordering the rows is a plain gather.
   */
  actorSet: Uint32Array<ArrayBuffer>;
  setStart: Uint32Array<ArrayBuffer>;
  setCodes: Uint16Array<ArrayBuffer>;
  actorIds: string[];
  /** Code of the NO_ACTOR pseudo-layer. */
  noActorCode: number;
  /** CLAIMED | IMPRECISE | UNDATED | UNKNOWN_PLACE | COARSE_PLACE | OTHER_LAYER bits. */
  flags: Uint8Array<ArrayBuffer>;
  /**
   * Sources cited, by distinct combination like the actors: row i's distinct source codes are
   * sourceSetCodes[sourceSetStart[s] .. sourceSetStart[s + 1]) for s = sourceSet[i] (an empty set
   * when the data names no source).
   */
  sourceSet: Uint32Array<ArrayBuffer>;
  sourceSetStart: Uint32Array<ArrayBuffer>;
  sourceSetCodes: Uint16Array<ArrayBuffer>;
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
/** Not on the conflict layer (diplomacy abroad): the first view frames the conflict without it. */
export const OTHER_LAYER = 32;
/** Sentinels of undated rows: 2^30 days is 2.9 million years, far from any date, and differences stay 32-bit. */
export const UNDATED_START = 2 ** 30;
export const UNDATED_END = -(2 ** 30);

/**
 * Days since 1970-01-01 of an ISO "YYYY-MM-DD", or NaN. Parsed by hand (days_from_civil, H. Hinnant)
 * because two million Date objects cost a few hundred ms at a million incidents.
 */
export function isoDay(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NaN;
  const y0 = digitsAt(iso, 0, 4), m = digitsAt(iso, 5, 7), d = digitsAt(iso, 8, 10);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return NaN;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * Columns of the incidents. actorIds gives the codes (e.g. the dataset's actors in legend order); an
 * id the data uses but the list lacks gets a code of its own at the end rather than being dropped.
 */
export function buildColumns(incidents: readonly IncidentFeature[], actorIds: readonly string[], sourceIds: readonly string[] = []): IncidentColumns {
  const builder = new ColumnBuilder(actorIds, sourceIds, incidents.length);
  for (const incident of incidents) builder.add(incident);
  return builder.finish();
}

/**
 * The same columns with the actor codes numbered afresh: `order` first (a dataset's actors in
 * legend order), then NO_ACTOR, then any other actor the rows name, in their old order — the codes
 * buildColumns gives with `order` as its actorIds. Codes decide ties (a cluster ring's colours,
 * topActors), so they should follow the legend, not the order a file first named its actors in.
 * Actor sets keep their numbers; each set's codes are sorted again.
 */
export function orderActorCodes(columns: IncidentColumns, order: readonly string[]): IncidentColumns {
  const actorIds = [...order];
  if (!actorIds.includes(NO_ACTOR)) actorIds.push(NO_ACTOR);
  const code = new Map(actorIds.map((id, c) => [id, c]));
  for (const id of columns.actorIds) if (!code.has(id)) code.set(id, actorIds.push(id) - 1);
  if (actorIds.length > 0xffff) throw new Error('More than 65535 actors: codes are 16-bit.');
  const renumber = Uint16Array.from(columns.actorIds, (id) => code.get(id)!);
  const { setStart } = columns;
  const setCodes = columns.setCodes.map((c) => renumber[c]!);
  for (let s = 0; s + 1 < setStart.length; s++) sortRange(setCodes, setStart[s]!, setStart[s + 1]!);
  return { ...columns, actorIds, setCodes, noActorCode: code.get(NO_ACTOR)! };
}

/**
 * Columns built one incident at a time, as an importer reads them: the incident object can be
 * dropped as soon as it is added, so a million rows never exist as a million objects at once.
 * Arrays grow by doubling and are trimmed by finish().
 */
export class ColumnBuilder {
  private n = 0;
  private readonly ids: string[];
  private readonly actorCode: Map<string, number>;
  private readonly typeCode = new Map<string, number>();
  private readonly sourceCode: Map<string, number>;
  private readonly sets = new ActorSetNumbering();
  private readonly sourceSets = new ActorSetNumbering();
  private lng: Float32Array<ArrayBuffer>;
  private lat: Float32Array<ArrayBuffer>;
  private start: Int32Array<ArrayBuffer>;
  private end: Int32Array<ArrayBuffer>;
  private type: Uint16Array<ArrayBuffer>;
  private flags: Uint8Array<ArrayBuffer>;
  private actorSet: Uint32Array<ArrayBuffer>;
  private sourceSet: Uint32Array<ArrayBuffer>;
  private casualties: Float32Array<ArrayBuffer>;
  /** Each row's placeCode (spatial-order): computed as rows arrive, while the file is still being read. */
  private place: Uint32Array<ArrayBuffer>;
  /** Set numbers of frozen (shared) lists: sharedSet. */
  private readonly actorSetOfList = new Map<readonly ActorRef[], number>();
  private readonly sourceSetOfList = new Map<readonly SourceCitation[], number>();
  /** One row's codes, sorted, before they are numbered as a set. */
  private scratch = new Uint16Array(16);

  constructor(actorIds: readonly string[] = [], sourceIds: readonly string[] = [], expected = 1024) {
    this.ids = [...actorIds];
    if (!this.ids.includes(NO_ACTOR)) this.ids.push(NO_ACTOR);
    this.actorCode = new Map(this.ids.map((id, code) => [id, code]));
    this.sourceCode = new Map(sourceIds.map((id, code) => [id, code]));
    const c = Math.max(16, expected);
    this.lng = new Float32Array(c); this.lat = new Float32Array(c);
    this.start = new Int32Array(c); this.end = new Int32Array(c);
    this.type = new Uint16Array(c); this.flags = new Uint8Array(c);
    this.actorSet = new Uint32Array(c); this.sourceSet = new Uint32Array(c);
    this.casualties = new Float32Array(c);
    this.place = new Uint32Array(c);
  }

  get length(): number {
    return this.n;
  }

  add({ geometry, properties: p }: IncidentFeature): void {
    const i = this.n;
    if (i === this.lng.length) this.growRows();
    const x = geometry.coordinates[0];
    this.lng[i] = x >= -180 && x < 180 ? x : x - 360 * Math.floor((x + 180) / 360);
    this.lat[i] = geometry.coordinates[1];
    this.place[i] = placeCode(this.lng[i]!, this.lat[i]!);
    const first = p.date ? isoDay(p.date.start) : NaN, last = p.date ? isoDay(p.date.end) : NaN;
    let f = 0;
    if (Number.isFinite(first) && Number.isFinite(last)) {
      this.start[i] = first;
      this.end[i] = last;
    } else {
      this.start[i] = UNDATED_START;
      this.end[i] = UNDATED_END;
      f |= UNDATED;
    }
    if (isOnlyClaimed(p)) f |= CLAIMED;
    if (isImprecise(p.place)) f |= IMPRECISE;
    if (p.place.precision === 'unknown') f |= UNKNOWN_PLACE;
    if (COARSE_PRECISIONS.has(p.place.precision)) f |= COARSE_PLACE;
    if (p.layer !== 'conflict') f |= OTHER_LAYER;
    this.flags[i] = f;
    this.type[i] = codeOf(this.typeCode, p.eventType);

    this.actorSet[i] = this.sharedSet(this.actorSetOfList, p.actors, this.actorSetOf);
    this.sourceSet[i] = this.sharedSet(this.sourceSetOfList, p.sources, this.sourceSetOf);
    let most = NaN;
    for (const figure of p.casualties) {
      const value = figure.best ?? figure.min;
      if (value !== undefined && !(value <= most)) most = value;
    }
    this.casualties[i] = most;
    this.n = i + 1;
  }

  /**
   * The set number of a row's actors or sources. A frozen list cannot change, and a quick read
   * (quick-cells' RepeatedCells) gives every row with the same cells the same frozen list: its set
   * is looked up by the list itself, once for all those rows.
   */
  private sharedSet<T extends object>(known: Map<readonly T[], number>, list: readonly T[], setOf: (list: readonly T[]) => number): number {
    if (!Object.isFrozen(list)) return setOf.call(this, list);
    let set = known.get(list);
    if (set === undefined) known.set(list, set = setOf.call(this, list));
    return set;
  }

  private actorSetOf(actors: readonly ActorRef[]): number {
    const codes = this.scratchFor(actors.length + 1);
    let k = 0;
    for (const ref of actors) {
      const code = this.codeOfActor(ref.actor);
      // The same party named twice (took part, then spoke) is one membership, as in countByActor.
      let seen = false;
      for (let j = 0; j < k; j++) seen ||= codes[j] === code;
      if (!seen) codes[k++] = code;
    }
    if (k === 0) codes[k++] = this.actorCode.get(NO_ACTOR)!;
    sortRange(codes, 0, k);
    return this.sets.idOf(codes, 0, k);
  }

  private sourceSetOf(sources: readonly SourceCitation[]): number {
    const codes = this.scratchFor(sources.length);
    let m = 0;
    for (const citation of sources) {
      const code = codeOf(this.sourceCode, citation.source);
      let seen = false;
      for (let j = 0; j < m; j++) seen ||= codes[j] === code;
      if (!seen) codes[m++] = code;
    }
    sortRange(codes, 0, m);
    return this.sourceSets.idOf(codes, 0, m);
  }

  /**
   * Rows [from, to) of another builder's columns (and their placeCodes), after this one's rows,
   * their codes renumbered as this builder numbers them (`codes`: one ColumnCodes for all the rows
   * taken from those columns). A type, actor set or source set is numbered here when a row taken
   * first has it, as if that row had been added here, its ids changed as `codes.ids` then says:
   * the codes come in the order one builder adding every row would give them.
   */
  appendRows(columns: IncidentColumns, place: Uint32Array, from: number, to: number, codes: ColumnCodes): void {
    const count = to - from;
    while (this.n + count > this.lng.length) this.growRows();
    const at = this.n - from;
    this.lng.set(columns.lng.subarray(from, to), this.n);
    this.lat.set(columns.lat.subarray(from, to), this.n);
    this.place.set(place.subarray(from, to), this.n);
    this.start.set(columns.start.subarray(from, to), this.n);
    this.end.set(columns.end.subarray(from, to), this.n);
    this.flags.set(columns.flags.subarray(from, to), this.n);
    this.casualties.set(columns.casualties.subarray(from, to), this.n);
    const { type, actorSet, sourceSet, ids } = codes;
    for (let r = from; r < to; r++) {
      const t = columns.type[r]!, a = columns.actorSet[r]!, s = columns.sourceSet[r]!;
      if (type[t]! < 0) type[t] = codeOf(this.typeCode, columns.typeIds[t]!);
      if (actorSet[a]! < 0) actorSet[a] = this.sets.idOf(...this.renumbered(columns.setStart, columns.setCodes, a, (c) => this.codeOfActor(ids.actors.get(columns.actorIds[c]!) ?? columns.actorIds[c]!)));
      if (sourceSet[s]! < 0) sourceSet[s] = this.sourceSets.idOf(...this.renumbered(columns.sourceSetStart, columns.sourceSetCodes, s, (c) => codeOf(this.sourceCode, ids.outlets.get(columns.sourceIds[c]!) ?? columns.sourceIds[c]!)));
      this.type[at + r] = type[t]!;
      this.actorSet[at + r] = actorSet[a]!;
      this.sourceSet[at + r] = sourceSet[s]!;
    }
    this.n += count;
  }

  /** An actor id's code; a new id gets the next one. */
  private codeOfActor(id: string): number {
    let code = this.actorCode.get(id);
    if (code === undefined) {
      code = this.ids.push(id) - 1;
      this.actorCode.set(id, code);
    }
    return code;
  }

  /** Set s of another builder's (start, codes), its codes changed by `code`, distinct and sorted: the arguments of idOf. */
  private renumbered(start: Uint32Array, codes: Uint16Array, s: number, code: (c: number) => number): [Uint16Array, number, number] {
    const scratch = this.scratchFor(start[s + 1]! - start[s]!);
    let k = 0;
    for (let at = start[s]!; at < start[s + 1]!; at++) {
      const c = code(codes[at]!);
      let seen = false;
      for (let j = 0; j < k; j++) seen ||= scratch[j] === c;
      if (!seen) scratch[k++] = c;
    }
    sortRange(scratch, 0, k);
    return [scratch, 0, k];
  }

  private scratchFor(length: number): Uint16Array {
    if (this.scratch.length < length) this.scratch = new Uint16Array(2 * length);
    return this.scratch;
  }

  finish(): IncidentColumns {
    const { n, ids, typeCode, sourceCode } = this;
    if (ids.length > 0xffff || typeCode.size > 0xffff || sourceCode.size > 0xffff) throw new Error('More than 65535 actors or event types: codes are 16-bit.');
    return {
      length: n, lng: this.lng.slice(0, n), lat: this.lat.slice(0, n), start: this.start.slice(0, n), end: this.end.slice(0, n),
      type: this.type.slice(0, n), typeIds: [...typeCode.keys()],
      actorIds: ids, noActorCode: this.actorCode.get(NO_ACTOR)!,
      actorSet: this.actorSet.slice(0, n), setStart: Uint32Array.from(this.sets.start), setCodes: Uint16Array.from(this.sets.codes), flags: this.flags.slice(0, n),
      sourceSet: this.sourceSet.slice(0, n), sourceSetStart: Uint32Array.from(this.sourceSets.start), sourceSetCodes: Uint16Array.from(this.sourceSets.codes),
      sourceIds: [...sourceCode.keys()],
      casualties: this.casualties.slice(0, n),
    };
  }

  private growRows(): void {
    const c = this.lng.length * 2;
    this.lng = growTo(this.lng, c); this.lat = growTo(this.lat, c);
    this.start = growTo(this.start, c); this.end = growTo(this.end, c);
    this.type = growTo(this.type, c); this.flags = growTo(this.flags, c);
    this.actorSet = growTo(this.actorSet, c); this.sourceSet = growTo(this.sourceSet, c);
    this.casualties = growTo(this.casualties, c);
    this.place = growTo(this.place, c);
  }

  /** Each row's placeCode, in row order: for spatialOrder, and for a first view before it. */
  placeCodes(): Uint32Array<ArrayBuffer> {
    return this.place.slice(0, this.n);
  }
}

/**
 * Another builder's type, actor-set and source-set numbers as a builder taking its rows
 * (ColumnBuilder.appendRows) numbers them, -1 until a row taken has them; and how the other's
 * actor and outlet ids are named here, which grows as more of its rows are taken.
 */
export interface ColumnCodes {
  type: Int32Array;
  actorSet: Int32Array;
  sourceSet: Int32Array;
  ids: IdChanges;
}

/** ColumnCodes for the rows of `columns`, none numbered yet. */
export function columnCodes(columns: IncidentColumns, ids: IdChanges): ColumnCodes {
  return {
    type: new Int32Array(columns.typeIds.length).fill(-1),
    actorSet: new Int32Array(Math.max(0, columns.setStart.length - 1)).fill(-1),
    sourceSet: new Int32Array(Math.max(0, columns.sourceSetStart.length - 1)).fill(-1),
    ids,
  };
}

const COARSE_PRECISIONS: ReadonlySet<string> = new Set(['city', 'region', 'province', 'country']);

function codeOf(codes: Map<string, number>, id: string): number {
  let code = codes.get(id);
  if (code === undefined) codes.set(id, (code = codes.size));
  return code;
}

function typedArrays(columns: IncidentColumns) {
  const { lng, lat, start, end, type, actorSet, setStart, setCodes, flags, sourceSet, sourceSetStart, sourceSetCodes, casualties } = columns;
  return [lng, lat, start, end, type, actorSet, setStart, setCodes, flags, sourceSet, sourceSetStart, sourceSetCodes, casualties];
}

/** Bytes held by the typed arrays (the strings in typeIds and actorIds are a few hundred bytes). */
export function memoryBytes(columns: IncidentColumns): number {
  return typedArrays(columns).reduce((sum, array) => sum + array.byteLength, 0);
}

/** The buffers to list in postMessage's transfer list: they move to the other thread without copying. */
export function columnBuffers(columns: IncidentColumns): ArrayBuffer[] {
  return typedArrays(columns).map((array) => array.buffer);
}
