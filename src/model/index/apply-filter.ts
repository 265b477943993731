import type { IncidentFilter } from '../incident-filter';
import { COARSE_PLACE, UNKNOWN_PLACE, isoDay, type IncidentColumns } from './incident-columns';
import { clampDay, countsPerActor, shownSets, type DayRange } from './visibility-mask';

/**
 * The filters other than actor layers and time, as per-code and per-row decisions. They change
 * rarely (a click, a search) while time changes many times a second during a timeline scrub, so
 * they are folded into one byte a row once, and the scrub's pass reads that byte.
 */
export interface BaseFilterCodes {
  /** 1 per event type code kept; null: every type. */
  typeKept: Uint8Array | null;
  /** 1 per source code kept; null: whoever reports it. An incident stays when any of its sources is kept. */
  sourceKept: Uint8Array | null;
  singleSource: boolean;
  preciseOnly: boolean;
  /** 1 per row matching the search; null: no search. */
  searchMatch: Uint8Array | null;
}

/** Which rows pass the filters other than actors and time; null when none of them applies (all pass). */
export function computeBaseMask(columns: IncidentColumns, codes: BaseFilterCodes, out?: Uint8Array): Uint8Array | null {
  const { typeKept, sourceKept, singleSource, preciseOnly, searchMatch } = codes;
  if (!typeKept && !sourceKept && !singleSource && !preciseOnly && !searchMatch) return null;
  const { length: n, type, flags, sourceSet, sourceSetStart, sourceSetCodes } = columns;
  const mask = out && out.length >= n ? out : new Uint8Array(n);
  const placeBits = COARSE_PLACE | UNKNOWN_PLACE;
  // The source filters decided once per distinct set of sources: kept when any source is kept
  // (and, for single-source only, when there is exactly one).
  const setPasses = new Uint8Array(sourceSetStart.length - 1);
  for (let s = 0; s < setPasses.length; s++) {
    const first = sourceSetStart[s]!, last = sourceSetStart[s + 1]!;
    let pass = singleSource && last - first !== 1 ? 0 : 1;
    if (pass && sourceKept) {
      let any = 0;
      for (let k = first; k < last && !any; k++) any = sourceKept[sourceSetCodes[k]!]!;
      pass = any;
    }
    setPasses[s] = pass;
  }
  for (let i = 0; i < n; i++) {
    let keep = setPasses[sourceSet[i]!]!;
    if (typeKept) keep &= typeKept[type[i]!]!;
    if (searchMatch) keep &= searchMatch[i]!;
    if (preciseOnly && (flags[i]! & placeBits) !== 0) keep = 0;
    mask[i] = keep;
  }
  return mask;
}

export interface FilterMasks {
  /** Rows shown: every filter. */
  mask: Uint8Array;
  /** Rows passing every filter but time: what the timeline's histogram counts. */
  untimed: Uint8Array;
}

export interface FilterCounts {
  visible: number;
  /**
   * Per actor code, rows passing every filter but the actor layers: the layer list's counts
   * follow the other filters, and a switched-off layer still says how many it would show.
   */
  actorCounts: Uint32Array;
  /** 1 per actor set code shown by the layers (whatever the other filters). */
  setShown: Uint8Array;
}

/**
 * One pass over the columns: the shown rows, the rows the histogram counts, and the per-actor
 * counts. Layers as in actor-layers (a row is shown while any of its actors is on); time as in
 * visibility-mask (spans that overlap the range; undated rows only while no range is set).
 */
export function applyFilter(columns: IncidentColumns, base: Uint8Array | null, hiddenActorCodes: Uint8Array, timeRange: DayRange | null, out: FilterMasks): FilterCounts {
  const { length: n, actorSet, start, end } = columns;
  const { mask, untimed } = out;
  const setShown = shownSets(columns, hiddenActorCodes);
  const perSet = new Uint32Array(setShown.length);
  let visible = 0;
  // Overlap without a branch, as in computeMask; without a range every row overlaps.
  const from = timeRange ? clampDay(timeRange.startDay) : 0, to = timeRange ? clampDay(timeRange.endDay) : 0;
  const anyTime = timeRange ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const set = actorSet[i]!;
    const passes = base ? base[i]! : 1;
    const inTime = anyTime | (1 ^ (((to - start[i]!) | (end[i]! - from)) >>> 31));
    const shownLayer = setShown[set]!;
    untimed[i] = passes & shownLayer;
    const timed = passes & inTime;
    perSet[set]! += timed;
    visible += mask[i] = timed & shownLayer;
  }
  return { visible, actorCounts: countsPerActor(columns, perSet), setShown };
}

/** Rows per actor set code: what countsOfLayers reads instead of the rows. */
export function rowsPerSet(columns: IncidentColumns): Uint32Array {
  const { length: n, actorSet, setStart } = columns;
  const perSet = new Uint32Array(setStart.length - 1);
  for (let i = 0; i < n; i++) perSet[actorSet[i]!]!++;
  return perSet;
}

/**
 * The counts applyFilter gives when the actor layers are the only filter (no other filter, no time
 * range), from the rows per actor set (rowsPerSet), without a pass over the rows: every row passes
 * but for its layers, so the actor counts are every row's and the shown rows those of shown sets.
 * An actor toggle's answer need not wait for the pass that writes the mask (~10–20 ms at a million).
 */
export function countsOfLayers(columns: IncidentColumns, perSet: Uint32Array, hiddenActorCodes: Uint8Array): FilterCounts {
  const setShown = shownSets(columns, hiddenActorCodes);
  let visible = 0;
  for (let s = 0; s < setShown.length; s++) visible += setShown[s]! * perSet[s]!;
  return { visible, actorCounts: countsPerActor(columns, perSet), setShown };
}

/**
 * What a filter's parts decide: baseKey, the filters other than actors and time (computeBaseMask);
 * maskKey, all of them (the shown rows). Equal keys, equal masks.
 */
export function filterKeys(filter: IncidentFilter) {
  const baseKey = JSON.stringify([filter.eventTypes, filter.sources, filter.singleSource, filter.preciseOnly, filter.query.trim()]);
  const hidden = new Set(filter.hiddenActors);
  const range = filter.timeRange && { startDay: isoDay(filter.timeRange.start), endDay: isoDay(filter.timeRange.end) };
  const timeRange = range && Number.isFinite(range.startDay) && Number.isFinite(range.endDay) ? range : null;
  const maskKey = `${baseKey}|${[...hidden].sort().join('\n')}|${timeRange ? `${timeRange.startDay}:${timeRange.endDay}` : ''}`;
  return { baseKey, maskKey, hidden, timeRange };
}

/** 1 per code whose id is kept; null when every id is (no such filter). */
export function keptCodes(ids: readonly string[], kept: readonly string[] | null): Uint8Array | null {
  if (kept === null) return null;
  const set = new Set(kept);
  return Uint8Array.from(ids, (id) => (set.has(id) ? 1 : 0));
}
