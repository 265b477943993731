import { COUNT, STRIDE, addRow, appendSlot, createCellStats, type CellStats } from './cell-stats';
import { cellIndex, type GridWindow } from './grid-geometry';
import type { IncidentColumns } from './incident-columns';
import { latToY, lngToX } from './mercator';
import { columnOfCode, rowOfCode } from './spatial-order';
import { EDGE_PAD, type SpatialIndex } from './spatial-index';

/** The shown points of a window's cells, binned per cell; each cell's rows are grouped for its actor tally and stack list. */
export interface BinnedPoints {
  stats: CellStats;
  /** Per slot: the cell's key (iy·side + ix) and the longitude shift of its column run. */
  keys: number[];
  shifts: number[];
  /** Slot s's rows are rows[slotStart[s] .. slotStart[s + 1]). */
  slotStart: Uint32Array;
  rows: Uint32Array;
}

/**
 * Bins the shown points of the cells in view straight from the index: the cost is the points in
 * view (every point when zoomed out — grid-pyramid answers those zooms), each one projected and
 * read from the columns.
 */
export function binPoints(points: SpatialIndex, columns: IncidentColumns, mask: Uint8Array, cells: GridWindow): BinnedPoints {
  const { grid, iyFrom, iyTo } = cells;
  const stats = createCellStats(64);
  const keys: number[] = [], shifts: number[] = [];
  const slotOfKey = new Map<number, number>();
  const inView: number[] = [], slotOfPoint: number[] = [];
  for (const run of cells.runs) {
    // Whole cells, padded for the index's Float32 coordinates; the exact cell is computed below.
    const ids = points.range(
      run.ixFrom / grid.scale - EDGE_PAD, iyFrom / grid.scale - EDGE_PAD,
      (run.ixTo + 1) / grid.scale + EDGE_PAD, (iyTo + 1) / grid.scale + EDGE_PAD,
    );
    let lastKey = -1, lastSlot = -1;
    for (const row of ids) {
      if (mask[row] === 0) continue;
      const ix = cellIndex(grid, lngToX(columns.lng[row]!)), iy = cellIndex(grid, latToY(columns.lat[row]!));
      if (ix < run.ixFrom || ix > run.ixTo || iy < iyFrom || iy > iyTo) continue;
      const key = iy * grid.side + ix;
      // The index returns points leaf by leaf, so neighbours usually share a cell: skip the Map then.
      let slot = key === lastKey ? lastSlot : slotOfKey.get(key);
      if (slot === undefined) {
        slot = appendSlot(stats);
        slotOfKey.set(key, slot);
        keys.push(key);
        shifts.push(run.lngShift);
      }
      lastKey = key;
      lastSlot = slot;
      addRow(stats, slot, row, columns);
      inView.push(row);
      slotOfPoint.push(slot);
    }
  }
  return { stats, keys, shifts, ...groupBySlot(stats, inView, slotOfPoint) };
}

/**
 * The same bins from every row, without an index: what a dataset's first view is drawn from while
 * its index is built (~0.1 s at a million, against ~0.7 s for the index). Each run's cells are
 * numbered densely (a view's window is a few thousand cells), so a row costs a few array reads and
 * no Map. `placeCodes` (each row's placeCode, which the import computes) give a row's cell at the
 * zooms whose grid is 2^k cells a side (k ≤ 16), the same cell as its projection (cellOfCode), so
 * no row is projected here; otherwise each row is.
 */
export function binAllRows(columns: IncidentColumns, mask: Uint8Array, cells: GridWindow, placeCodes?: Uint32Array): BinnedPoints {
  const { grid, iyFrom, iyTo, runs } = cells;
  const height = iyTo - iyFrom + 1;
  const runBase: number[] = [];
  let windowCells = 0;
  for (const run of runs) {
    runBase.push(windowCells);
    windowCells += (run.ixTo - run.ixFrom + 1) * height;
  }
  const slotOfCell = new Int32Array(windowCells).fill(-1);
  const n = columns.length, inView = new Uint32Array(n), slotOfPoint = new Uint32Array(n);
  let k = 0;
  const stats = createCellStats(64);
  const keys: number[] = [], shifts: number[] = [];
  const { lng, lat } = columns;
  const bits = Math.log2(grid.scale);
  const codes = placeCodes && placeCodes.length === n && Number.isInteger(bits) && bits <= 16 ? placeCodes : null;
  for (let row = 0; row < n; row++) {
    if (mask[row] === 0) continue;
    const iy = codes ? rowOfCode(codes[row]!, bits) : cellIndex(grid, latToY(lat[row]!));
    if (iy < iyFrom || iy > iyTo) continue;
    const ix = codes ? columnOfCode(codes[row]!, bits) : cellIndex(grid, lngToX(lng[row]!));
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r]!;
      if (ix < run.ixFrom || ix > run.ixTo) continue;
      const cell = runBase[r]! + (iy - iyFrom) * (run.ixTo - run.ixFrom + 1) + (ix - run.ixFrom);
      let slot = slotOfCell[cell]!;
      if (slot < 0) {
        slotOfCell[cell] = slot = appendSlot(stats);
        keys.push(iy * grid.side + ix);
        shifts.push(run.lngShift);
      }
      addRow(stats, slot, row, columns);
      inView[k] = row;
      slotOfPoint[k++] = slot;
      break;
    }
  }
  return { stats, keys, shifts, ...groupBySlot(stats, inView.subarray(0, k), slotOfPoint.subarray(0, k)) };
}

/** Counting sort of the points by slot (the counts are already in stats). */
function groupBySlot(stats: CellStats, inView: ArrayLike<number>, slotOfPoint: ArrayLike<number>) {
  const slotStart = new Uint32Array(stats.size + 1);
  for (let s = 0; s < stats.size; s++) slotStart[s + 1] = slotStart[s]! + stats.data[s * STRIDE + COUNT]!;
  const next = slotStart.slice(0, stats.size);
  const rows = new Uint32Array(inView.length);
  for (let p = 0; p < inView.length; p++) rows[next[slotOfPoint[p]!]!++] = inView[p]!;
  return { slotStart, rows };
}
