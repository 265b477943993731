import { COUNT, STRIDE, addRow, cellStatsBytes, clearCellStats, createCellStats, mergeSlot, type CellStats } from './cell-stats';
import type { GridWindow } from './grid-geometry';
import type { IncidentColumns } from './incident-columns';
import { layoutPyramid, lowerBound, type PyramidLayout, type PyramidLevel } from './pyramid-layout';

/**
 * The grid clusters of every zoom 0..maxZoom, precomputed so that a pan or zoom reads only the
 * cells in view — a few hundred, whatever N is — instead of every point in view (all of them when
 * zoomed out: see the numbers in grid-clusters.ts).
 *
 * The layout (pyramid-layout) depends on the points and is built once. The statistics depend on
 * the mask: refreshPyramid() redoes them after each filter change, in one pass over the rows (or,
 * for an actor toggle, over the deepest zoom's pairs) into the deepest zoom's cells, then folding
 * each zoom into the one above (a cell is four cells one zoom deeper).
 */
export interface GridPyramid extends PyramidLayout {
  cellPx: number;
  maxZoom: number;
  /** The mask the statistics were last computed with; null before the first refresh. */
  mask: Uint8Array | null;
  /**
   * What each of the deepest zoom's pairs (a cell's rows with one actor set) adds to its cell when
   * its rows are all shown, as cell statistics: made by preparePairStats, or on the first refresh
   * by actor sets alone (only where pairs are few enough to pay: pairsPay).
   */
  pairStats?: CellStats;
}

export interface PyramidOptions {
  /** Grid cell on screen, pixels; clusterView uses the pyramid only for views with this cellPx. */
  cellPx: number;
  /**
   * Deepest precomputed zoom. Deeper views bin their points directly (kdbush), which is cheap there
   * because a view holds a small part of the data. Each zoom deeper costs memory and refresh time in
   * proportion to its cells (about 4× more per zoom in dense areas, at most one per incident).
   * 12 with 64 px cells is what grid-clusters' numbers are for.
   */
  maxZoom: number;
  /** The rows' Z-order codes, when they are in that order (layoutPyramid). */
  codes?: Uint32Array;
}

export function buildGridPyramid(columns: IncidentColumns, { cellPx, maxZoom, codes }: PyramidOptions): GridPyramid {
  return { ...layoutPyramid(columns, cellPx, maxZoom, codes), cellPx, maxZoom, mask: null };
}

/**
 * Recomputes every zoom's statistics for a new mask: one pass over the rows into the deepest
 * zoom's cells, then each zoom folded into the one above. Call it after every computeMask:
 * clusterView refuses a different mask array, but cannot see a reused one (computeMask's `out`)
 * rewritten since.
 *
 * `shownSets` (1 per actor set code shown) says that the mask is the actor layers' alone: a row is
 * shown exactly when its actor set is (no time range, no other filter). It is trusted, not
 * checked against `mask`. Where pairs are few (pairsPay), the deepest zoom is then folded from its
 * pairs rather than its rows — a few rows each, so several times fewer steps (a million rows are
 * ~160,000 pairs in the benchmark's data) — which is what an actor toggle costs. The centroids'
 * sums are then added in another order: equal to the last few bits. `columns` must be the ones
 * the pyramid was built from (the pair statistics are kept).
 */
export function refreshPyramid(pyramid: GridPyramid, columns: IncidentColumns, mask: Uint8Array, shownSets?: Uint8Array): void {
  const { levels, maxZoom } = pyramid;
  const finest = levels[maxZoom]!;
  clearCellStats(finest.stats);
  finest.pairCount.fill(0);
  if (shownSets && pairsPay(pyramid, columns)) foldPairs(pyramid, columns, shownSets);
  else foldRows(pyramid, columns, mask);
  for (let z = maxZoom - 1; z >= 0; z--) {
    const child = levels[z + 1]!, parent = levels[z]!;
    clearCellStats(parent.stats);
    parent.pairCount.fill(0);
    for (let slot = 0; slot < child.stats.size; slot++) mergeSlot(child.stats, slot, parent.stats, child.parent[slot]!);
    mergePairs(child, parent);
  }
  pyramid.mask = mask;
}

/** Adds a zoom's pair counts to the zoom above, spreading an actor set's count over its codes. */
function mergePairs(child: PyramidLevel, parent: PyramidLevel): void {
  const { pairCount, pairParent, expandPair } = child, into = parent.pairCount;
  if (child.pairsAreSets) for (let e = 0; e < pairParent.length; e++) into[pairParent[e]!]! += pairCount[expandPair[e]!]!;
  else for (let q = 0; q < pairParent.length; q++) into[pairParent[q]!]! += pairCount[q]!;
}

/**
 * The hot loop: the shown rows into the deepest zoom's cells, with every array in a local. Rows are
 * read in order, so columns, mask and slotOfRow stream from memory; the cells are written out of
 * order, which stays in cache when rows are sorted by place (spatial-order). The offsets into a
 * cell are cell-stats' COUNT … ROW written as literals: V8 does not fold imported constants, and
 * that alone made this loop 30% slower. (Summing a run of one cell's rows in locals and writing
 * once was measured slower too: it makes one long dependency chain.)
 */
function foldRows(pyramid: GridPyramid, columns: IncidentColumns, mask: Uint8Array): void {
  const { stats: { data }, pairCount } = pyramid.levels[pyramid.maxZoom]!;
  const { slotOfRow, pairOfRow } = pyramid;
  const { lng, lat, length: n } = columns;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 0) continue;
    const at = slotOfRow[i]! * 8, x = lng[i]!, y = lat[i]!; // STRIDE
    data[at]!++; // COUNT
    data[at + 1]! += x; // SUM_LNG
    data[at + 2]! += y; // SUM_LAT
    if (x < data[at + 3]!) data[at + 3] = x; // WEST
    if (y < data[at + 4]!) data[at + 4] = y; // SOUTH
    if (x > data[at + 5]!) data[at + 5] = x; // EAST
    if (y > data[at + 6]!) data[at + 6] = y; // NORTH
    data[at + 7] = i; // ROW
    pairCount[pairOfRow[i]!]!++;
  }
}

/**
 * Whether folding the deepest zoom's pairs pays: they cost 64 bytes each, kept, and save work in
 * proportion to the rows a pair stands for. With at most one pair to three rows, they take at most
 * ~21 bytes a row and save at least two thirds of the fold; data whose every point is on its own
 * (pairs as many as rows) keeps the row fold and no extra memory.
 */
export function pairsPay(pyramid: GridPyramid, columns: IncidentColumns): boolean {
  return 3 * pyramid.levels[pyramid.maxZoom]!.pairValue.length <= columns.length;
}

/** Makes the per-pair statistics a refresh by actor sets needs (~40 ms at a million rows), if they pay and are not made yet: ahead of the first, in idle time. */
export function preparePairStats(pyramid: GridPyramid, columns: IncidentColumns): void {
  if (pairsPay(pyramid, columns)) pyramid.pairStats ??= statsOfPairs(pyramid, columns);
}

/** The deepest zoom's cells from its pairs whose actor set is shown (refreshPyramid's `shownSets`): each pair merged into its cell as a cell into its parent. */
function foldPairs(pyramid: GridPyramid, columns: IncidentColumns, shownSets: Uint8Array): void {
  const { stats, pairCount, pairStart, pairValue } = pyramid.levels[pyramid.maxZoom]!;
  const pairs = pyramid.pairStats ??= statsOfPairs(pyramid, columns);
  for (let slot = 0; slot < stats.size; slot++) {
    for (let q = pairStart[slot]!, last = pairStart[slot + 1]!; q < last; q++) {
      if (shownSets[pairValue[q]!] === 0) continue;
      pairCount[q] = pairs.data[q * STRIDE + COUNT]!;
      mergeSlot(pairs, q, stats, slot);
    }
  }
}

/** Each deepest-zoom pair's statistics with all its rows shown (once, not on a hot path). */
function statsOfPairs(pyramid: GridPyramid, columns: IncidentColumns): CellStats {
  const { pairOfRow } = pyramid;
  const stats = createCellStats(pyramid.levels[pyramid.maxZoom]!.pairValue.length);
  stats.size = pyramid.levels[pyramid.maxZoom]!.pairValue.length;
  for (let row = 0; row < columns.length; row++) addRow(stats, pairOfRow[row]!, row, columns);
  return stats;
}

/** Calls visit for each non-empty cell of the window, at the window's zoom (≤ maxZoom). */
export function visitPyramidCells(pyramid: GridPyramid, cells: GridWindow, visit: (level: PyramidLevel, slot: number, lngShift: number) => void): void {
  const level = pyramid.levels[cells.grid.zoom]!;
  const { keys, stats, grid } = level;
  for (const run of cells.runs) {
    for (let iy = cells.iyFrom; iy <= cells.iyTo; iy++) {
      const last = lowerBound(keys, iy * grid.side + run.ixTo + 1);
      for (let slot = lowerBound(keys, iy * grid.side + run.ixFrom); slot < last; slot++) {
        if (stats.data[slot * STRIDE + COUNT]! > 0) visit(level, slot, run.lngShift);
      }
    }
  }
}

/** Bytes held by the pyramid's arrays. */
export function pyramidBytes(pyramid: GridPyramid): number {
  return pyramid.levels.reduce(
    (sum, l) => sum + cellStatsBytes(l.stats) + [l.keys, l.parent, l.pairStart, l.pairValue, l.pairCount, l.pairParent, l.expandPair].reduce((s, a) => s + a.byteLength, 0),
    pyramid.slotOfRow.byteLength + pyramid.pairOfRow.byteLength + (pyramid.pairStats ? cellStatsBytes(pyramid.pairStats) : 0),
  );
}

/** Cells over all zooms. */
export function pyramidCellCount(pyramid: GridPyramid): number {
  return pyramid.levels.reduce((sum, level) => sum + level.keys.length, 0);
}
