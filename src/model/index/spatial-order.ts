import { latToY, lngToX } from './mercator';
import { projectedOf } from './projected';

/**
 * An order of the rows by place (Z-order over the Mercator square, 16 bits an axis), for
 * permuteColumns: row r of `permuteColumns(columns, spatialOrder(columns))` is row order[r] of
 * `columns`. Optional, and worth it: data usually comes sorted by date, so neighbours on the map are
 * megabytes apart in the columns, and every per-cell pass (pyramid refresh, binning a view) waits on
 * memory. Sorted by place, the incidents of a cell sit together: at a million, the refresh and the
 * zoomed-out binning run 2–3× faster (index.bench.ts).
 *
 * With `sortedCodes`, each sorted row's code is written there: the pyramid's deepest grid reads its
 * cells from them (cellOfCode) without projecting the points again. With `placeCodes` (each row's
 * placeCode, computed as the rows were read), the rows are not projected here either.
 *
 * A radix sort of the 32-bit codes, two passes of 16 bits: ~40 ms at a million rows, where a native
 * sort of codes packed with row numbers took ~150 ms before the first view. Stable, so ties keep
 * the input order and the result is deterministic.
 */
export function spatialOrder(points: { lng: ArrayLike<number>; lat: ArrayLike<number>; length: number }, sortedCodes?: Uint32Array, placeCodes?: Uint32Array): Uint32Array<ArrayBuffer> {
  const n = points.length;
  const cells = 2 ** 16;
  let codes = placeCodes;
  if (!codes || codes.length !== n) {
    const { x, y } = projectedOf(points);
    codes = new Uint32Array(n);
    for (let i = 0; i < n; i++) codes[i] = codeOfUnit(x[i]!, y[i]!);
  }
  // Pass 1 by the low 16 bits (rows in input order), pass 2 by the high 16; each row's code travels with it.
  const byLow = new Uint32Array(n), lowCodes = new Uint32Array(n), order = new Uint32Array(n);
  const offsets = new Uint32Array(cells + 1);
  for (let i = 0; i < n; i++) offsets[(codes[i]! & 0xffff) + 1]!++;
  for (let b = 1; b <= cells; b++) offsets[b]! += offsets[b - 1]!;
  for (let i = 0; i < n; i++) {
    const code = codes[i]!, at = offsets[code & 0xffff]!++;
    byLow[at] = i;
    lowCodes[at] = code;
  }
  offsets.fill(0);
  for (let k = 0; k < n; k++) offsets[(lowCodes[k]! >>> 16) + 1]!++;
  for (let b = 1; b <= cells; b++) offsets[b]! += offsets[b - 1]!;
  for (let k = 0; k < n; k++) {
    const at = offsets[lowCodes[k]! >>> 16]!++;
    order[at] = byLow[k]!;
    if (sortedCodes) sortedCodes[at] = lowCodes[k]!;
  }
  return order;
}

/**
 * A point's Z-order code, as spatialOrder computes it: an importer can compute it as each row
 * arrives (ColumnBuilder), so that neither the sort nor a first view before it projects the rows.
 * From the point as the columns hold it (Float32), so that the codes agree with the columns.
 */
export function placeCode(lng: number, lat: number): number {
  return codeOfUnit(lngToX(lng), latToY(lat));
}

function codeOfUnit(x: number, y: number): number {
  const cells = 2 ** 16;
  const cx = Math.max(0, Math.min(cells - 1, Math.floor(x * cells))), cy = Math.max(0, Math.min(cells - 1, Math.floor(y * cells)));
  return interleave(cx) + 2 * interleave(cy);
}

/** The grid column (ix) and row (iy) of a Z-order code in a grid of 2^bits cells a side (bits ≤ 16), as cellOfCode. */
export function columnOfCode(code: number, bits: number): number {
  return deinterleave(code) >>> (16 - bits);
}
export function rowOfCode(code: number, bits: number): number {
  return deinterleave(code >>> 1) >>> (16 - bits);
}

/**
 * The cell (iy·side + ix) of a Z-order code (spatialOrder's) in a grid of 2^bits cells a side
 * (bits ≤ 16): the code's first `bits` bits of x and of y. The same cell as the point's projection
 * gives (cellIndex), since the code is floor(x·2^16) and a power of two scales exactly.
 */
export function cellOfCode(code: number, bits: number): number {
  return rowOfCode(code, bits) * 2 ** bits + columnOfCode(code, bits);
}

/** The even bits of a 32-bit number, packed into 16 (interleave's inverse). */
function deinterleave(v: number): number {
  v &= 0x55555555;
  v = (v | (v >>> 1)) & 0x33333333;
  v = (v | (v >>> 2)) & 0x0f0f0f0f;
  v = (v | (v >>> 4)) & 0x00ff00ff;
  v = (v | (v >>> 8)) & 0x0000ffff;
  return v;
}

/** Spreads the 16 low bits of v to the even bits of a 32-bit number (as an unsigned value). */
function interleave(v: number): number {
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v >>> 0;
}
