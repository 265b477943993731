import type { IncidentColumns } from './incident-columns';

/**
 * What a cluster needs to know about its members' places, kept per cell ("slot") in one Float64Array
 * of STRIDE numbers a cell: a million points fold into it without an object per point or per cell,
 * and a zoom of the pyramid is one of these. One array rather than one per field because the fold
 * touches every field of a cell at once: one cache line instead of eight, and one array for V8 to
 * bounds-check (measured 25% faster at a million rows). Float64 throughout: sums of a million
 * Float32 longitudes need it, and the counts, rows and Float32 extents fit it exactly, so "all at
 * one point" stays an exact compare.
 *
 * Actor counts are kept apart (grid-pyramid's pairs, bin-points' tallies): a dataset may name
 * thousands of actors, and a dense count per cell and actor would not fit.
 */
export interface CellStats {
  /** Slots in use. */
  size: number;
  /** Slot s's fields are data[s·STRIDE + COUNT …]. */
  data: Float64Array;
}

export const STRIDE = 8;
/** Shown members. */
export const COUNT = 0;
/** Sums of their longitudes and latitudes, degrees. */
export const SUM_LNG = 1;
export const SUM_LAT = 2;
/** Their extent, degrees. */
export const WEST = 3;
export const SOUTH = 4;
export const EAST = 5;
export const NORTH = 6;
/** A shown member's row: the row itself when COUNT is 1. */
export const ROW = 7;

export function createCellStats(capacity: number): CellStats {
  const stats = { size: 0, data: new Float64Array(Math.max(1, capacity) * STRIDE) };
  clearCellStats(stats, 0, capacity);
  return stats;
}

/** Empties slots [from, to): no members, an inverted extent that any member replaces. */
export function clearCellStats(stats: CellStats, from = 0, to = stats.size): void {
  const { data } = stats;
  for (let at = from * STRIDE, end = to * STRIDE; at < end; at += STRIDE) {
    data[at + COUNT] = data[at + SUM_LNG] = data[at + SUM_LAT] = 0;
    data[at + WEST] = data[at + SOUTH] = Infinity;
    data[at + EAST] = data[at + NORTH] = -Infinity;
    data[at + ROW] = -1;
  }
}

/** Makes room for one more slot (doubling) and returns it, cleared. */
export function appendSlot(stats: CellStats): number {
  if ((stats.size + 1) * STRIDE > stats.data.length) {
    const bigger = createCellStats(stats.size * 2);
    bigger.data.set(stats.data);
    stats.data = bigger.data;
  }
  return stats.size++;
}

/** Adds row to slot (bin-points, grid-pyramid's pair statistics; its per-refresh fold inlines the same). */
export function addRow(stats: CellStats, slot: number, row: number, columns: IncidentColumns): void {
  const { data } = stats, at = slot * STRIDE;
  const lng = columns.lng[row]!, lat = columns.lat[row]!;
  data[at + COUNT]!++;
  data[at + SUM_LNG]! += lng;
  data[at + SUM_LAT]! += lat;
  if (lng < data[at + WEST]!) data[at + WEST] = lng;
  if (lat < data[at + SOUTH]!) data[at + SOUTH] = lat;
  if (lng > data[at + EAST]!) data[at + EAST] = lng;
  if (lat > data[at + NORTH]!) data[at + NORTH] = lat;
  data[at + ROW] = row;
}

/** Adds slot `fromSlot` of one zoom to slot `toSlot` of the zoom above (a cell into its parent). */
export function mergeSlot(from: CellStats, fromSlot: number, to: CellStats, toSlot: number): void {
  const a = fromSlot * STRIDE, b = toSlot * STRIDE, source = from.data, target = to.data;
  if (source[a + COUNT] === 0) return;
  target[b + COUNT]! += source[a + COUNT]!;
  target[b + SUM_LNG]! += source[a + SUM_LNG]!;
  target[b + SUM_LAT]! += source[a + SUM_LAT]!;
  target[b + WEST] = Math.min(target[b + WEST]!, source[a + WEST]!);
  target[b + SOUTH] = Math.min(target[b + SOUTH]!, source[a + SOUTH]!);
  target[b + EAST] = Math.max(target[b + EAST]!, source[a + EAST]!);
  target[b + NORTH] = Math.max(target[b + NORTH]!, source[a + NORTH]!);
  target[b + ROW] = source[a + ROW]!;
}

export function cellStatsBytes(stats: CellStats): number {
  return stats.data.byteLength;
}
