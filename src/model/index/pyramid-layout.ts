import { createCellStats, type CellStats } from './cell-stats';
import { cellIndex, gridAt, type Grid } from './grid-geometry';
import type { IncidentColumns } from './incident-columns';
import { projectedOf } from './projected';
import { cellOfCode } from './spatial-order';

/**
 * The part of grid-pyramid that depends on the points only, built once per dataset: which cells
 * are non-empty at each zoom, each cell's parent one zoom up, and which (cell, actors) pairs occur.
 * Everything is a typed array indexed by slot, so refreshing after a filter change is array
 * arithmetic with no lookups.
 */
export interface PyramidLevel {
  grid: Grid;
  /** Non-empty cells' keys (iy·side + ix), ascending: a row of cells in view is one binary search. */
  keys: Float64Array;
  /** Slot of each cell's parent one zoom up (empty at zoom 0). */
  parent: Uint32Array;
  stats: CellStats;
  /**
   * Who acted, per cell, sparse: cell s's pairs are pairStart[s] .. pairStart[s + 1], each a value
   * present in the cell and its count among shown members. Sparse because a dataset may name
   * thousands of actors and a cell holds a handful. At the deepest zoom a value is an actor set
   * (columns.actorSet), so the pass over the rows adds one count a row rather than one per
   * membership (12 ms less at a million); above it, an actor code.
   */
  pairsAreSets: boolean;
  pairStart: Uint32Array;
  pairValue: Uint32Array;
  pairCount: Uint32Array;
  /**
   * Where pair counts go one zoom up (empty at zoom 0): entry e adds pairCount[e] to the parent's
   * pairCount[pairParent[e]]. For actor sets, one entry per code of each set, adding
   * pairCount[expandPair[e]]: a flat loop, without a branchy loop over each set's codes.
   */
  pairParent: Uint32Array;
  expandPair: Uint32Array;
}

export interface PyramidLayout {
  /** levels[z] is zoom z. */
  levels: PyramidLevel[];
  /** Cell of each row at the deepest zoom, a slot of its level. */
  slotOfRow: Uint32Array;
  /** (cell, actor set) pair of each row at the deepest zoom. */
  pairOfRow: Uint32Array;
}

/**
 * `codes`: each row's Z-order code (spatialOrder's sortedCodes), when the rows are in that order:
 * the deepest grid's cells are read from them if that grid is 2^k cells a side (k ≤ 16), instead of
 * projecting every point again (~0.2 s at a million, before the first view).
 */
export function layoutPyramid(columns: IncidentColumns, cellPx: number, maxZoom: number, codes?: Uint32Array): PyramidLayout {
  const { setStart, setCodes } = columns;
  const finest = gridAt(maxZoom, cellPx);
  const rowKeys = new Float64Array(columns.length);
  const bits = Math.log2(finest.scale);
  if (codes && codes.length === columns.length && Number.isInteger(bits) && bits <= 16) {
    for (let i = 0; i < columns.length; i++) rowKeys[i] = cellOfCode(codes[i]!, bits);
  } else {
    const { x, y } = projectedOf(columns);
    for (let i = 0; i < columns.length; i++) rowKeys[i] = cellIndex(finest, y[i]!) * finest.side + cellIndex(finest, x[i]!);
  }
  const { keys, slotOf: slotOfRow } = slotsOf(rowKeys);
  const pairOfRow = new Uint32Array(columns.length);
  const bySet = new Pairing(setStart.length - 1, columns.length);
  const levels: PyramidLevel[] = [];
  levels[maxZoom] = level(finest, keys, true, bySet.group(slotOfRow, keys.length, (row, add) => (pairOfRow[row] = add(columns.actorSet[row]!))));
  // (cell, actor) pairs at any zoom: at most one per membership of a row.
  let memberships = 0;
  for (let i = 0; i < columns.length; i++) memberships += setStart[columns.actorSet[i]! + 1]! - setStart[columns.actorSet[i]!]!;
  const byCode = new Pairing(columns.actorIds.length, memberships);

  for (let z = maxZoom - 1; z >= 0; z--) {
    const child = levels[z + 1]!, grid = gridAt(z, cellPx);
    const parentKeys = child.keys.map((key) => {
      const iy = Math.floor(key / child.grid.side), ix = key - iy * child.grid.side;
      // Four cells at z + 1 make one at z: the grid's scale doubles exactly per zoom.
      return (iy >> 1) * grid.side + (ix >> 1);
    });
    const cells = slotsOf(parentKeys);
    child.parent = cells.slotOf;
    const expandStart = child.pairsAreSets ? expandStarts(child.pairValue, setStart) : null;
    child.pairParent = new Uint32Array(expandStart ? expandStart.at(-1)! : child.pairValue.length);
    if (expandStart) child.expandPair = new Uint32Array(child.pairParent.length);
    levels[z] = level(grid, cells.keys, false, byCode.group(child.parent, cells.keys.length, (slot, add) => {
      for (let q = child.pairStart[slot]!; q < child.pairStart[slot + 1]!; q++) {
        const value = child.pairValue[q]!;
        if (!expandStart) child.pairParent[q] = add(value);
        else {
          for (let k = setStart[value]!, e = expandStart[q]!; k < setStart[value + 1]!; k++, e++) {
            child.pairParent[e] = add(setCodes[k]!);
            child.expandPair[e] = q;
          }
        }
      }
    }));
  }
  return { levels, slotOfRow, pairOfRow };
}

/** Offsets of each set-pair's codes: prefix sums of the sets' sizes. */
function expandStarts(sets: Uint32Array, setStart: Uint32Array): Uint32Array {
  const starts = new Uint32Array(sets.length + 1);
  sets.forEach((set, q) => (starts[q + 1] = starts[q]! + setStart[set + 1]! - setStart[set]!));
  return starts;
}

/**
 * Distinct keys, ascending, and the slot of each item's key among them. Items in place order
 * (spatial-order) come in runs of one key, so the work is per run: the runs' keys are sorted as
 * doubles with the run's number packed below the key (a native sort, no comparator, no Map), and
 * equal keys end up side by side. Keys are cell numbers (iy·side + ix), integers below 2^28 at the
 * zooms the pyramid keeps, which leaves 25 bits for the run number.
 */
function slotsOf(itemKeys: Float64Array): { keys: Float64Array; slotOf: Uint32Array } {
  const n = itemKeys.length;
  const runStart: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || itemKeys[i] !== itemKeys[i - 1]) runStart.push(i);
  const runs = runStart.length;
  const runBits = Math.max(1, Math.ceil(Math.log2(runs + 1)));
  let maxKey = 0;
  for (const start of runStart) maxKey = Math.max(maxKey, itemKeys[start]!);
  if (!(Number.isInteger(maxKey) && maxKey * 2 ** runBits < 2 ** 53)) throw new Error(`Cell keys too large to pack: ${maxKey} with ${runs} runs`);
  const scale = 2 ** runBits;
  const packed = new Float64Array(runs);
  for (let r = 0; r < runs; r++) packed[r] = itemKeys[runStart[r]!]! * scale + r;
  packed.sort();
  const slotOfRun = new Uint32Array(runs);
  const keys: number[] = [];
  for (let j = 0; j < runs; j++) {
    const r = packed[j]! % scale, key = (packed[j]! - r) / scale;
    if (keys.length === 0 || keys[keys.length - 1] !== key) keys.push(key);
    slotOfRun[r] = keys.length - 1;
  }
  const slotOf = new Uint32Array(n);
  for (let r = 0; r < runs; r++) slotOf.fill(slotOfRun[r]!, runStart[r]!, r + 1 < runs ? runStart[r + 1]! : n);
  return { keys: Float64Array.from(keys), slotOf };
}

interface Pairs {
  pairStart: Uint32Array;
  pairValue: Uint32Array;
}

/**
 * Numbers the distinct values (actor codes or sets) within each cell, cell after cell, so a cell's
 * pairs are a range. Linear in the items: one scratch slot per value, reset after each cell.
 */
class Pairing {
  private readonly pairOfCode: Int32Array;
  private readonly codesOfPairs: Uint32Array;

  constructor(values: number, maxPairs: number) {
    this.pairOfCode = new Int32Array(values).fill(-1);
    this.codesOfPairs = new Uint32Array(maxPairs);
  }

  /** Visits the items of each cell (cellOf: item → cell), which report their values through add(value) → pair. */
  group(cellOf: Uint32Array, cells: number, visit: (item: number, add: (value: number) => number) => void): Pairs {
    const itemsOfCell = groupBy(cellOf, cells);
    const pairStart = new Uint32Array(cells + 1);
    const touched: number[] = [];
    let pairs = 0;
    const add = (code: number) => {
      if (this.pairOfCode[code]! < 0) {
        this.pairOfCode[code] = pairs;
        this.codesOfPairs[pairs++] = code;
        touched.push(code);
      }
      return this.pairOfCode[code]!;
    };
    for (let cell = 0; cell < cells; cell++) {
      for (let j = itemsOfCell.start[cell]!; j < itemsOfCell.start[cell + 1]!; j++) visit(itemsOfCell.items[j]!, add);
      for (const code of touched) this.pairOfCode[code] = -1;
      touched.length = 0;
      pairStart[cell + 1] = pairs;
    }
    return { pairStart, pairValue: this.codesOfPairs.slice(0, pairs) };
  }
}

/** Items grouped by cell (a counting sort): cell c's items are items[start[c] .. start[c + 1]). */
function groupBy(cellOf: Uint32Array, cells: number): { start: Uint32Array; items: Uint32Array } {
  const start = new Uint32Array(cells + 1);
  for (const cell of cellOf) start[cell + 1]!++;
  for (let c = 0; c < cells; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, cells), items = new Uint32Array(cellOf.length);
  for (let i = 0; i < cellOf.length; i++) items[next[cellOf[i]!]!++] = i;
  return { start, items };
}

function level(grid: Grid, keys: Float64Array, pairsAreSets: boolean, { pairStart, pairValue }: Pairs): PyramidLevel {
  const stats = createCellStats(keys.length);
  stats.size = keys.length;
  const none = new Uint32Array(0);
  return { grid, keys, parent: none, stats, pairsAreSets, pairStart, pairValue, pairCount: new Uint32Array(pairValue.length), pairParent: none, expandPair: none };
}

/** First index whose key is ≥ key. */
export function lowerBound(keys: Float64Array, key: number): number {
  let lo = 0, hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
