import { projectedOf } from './projected';

/**
 * An order of the rows by place (Z-order over the Mercator square), for permuteColumns: row r of
 * `permuteColumns(columns, spatialOrder(columns))` is row order[r] of `columns`. Optional, and worth it: data usually comes sorted by date, so
 * neighbours on the map are megabytes apart in the columns, and every per-cell pass (pyramid
 * refresh, binning a view) waits on memory. Sorted by place, the incidents of a cell sit together:
 * at a million, the refresh and the zoomed-out binning run 2–3× faster (index.bench.ts).
 * Ties keep the input order, so the result is deterministic.
 */
export function spatialOrder(points: { lng: ArrayLike<number>; lat: ArrayLike<number>; length: number }): Uint32Array {
  const n = points.length, { x, y } = projectedOf(points);
  // Z-order code and input index packed in one double, so a native numeric sort does the work:
  // the index takes what it needs of the 53 bits, the code the rest (16 bits an axis up to 1M rows).
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const axisBits = Math.min(16, Math.floor((53 - indexBits) / 2));
  const cells = 2 ** axisBits, indexScale = 2 ** indexBits;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cx = Math.min(cells - 1, Math.floor(x[i]! * cells)), cy = Math.min(cells - 1, Math.floor(y[i]! * cells));
    keys[i] = (interleave(cx) + 2 * interleave(cy)) * indexScale + i;
  }
  keys.sort();
  const order = new Uint32Array(n);
  for (let r = 0; r < n; r++) order[r] = keys[r]! % indexScale;
  return order;
}

/** Spreads the 16 low bits of v to the even bits of a 32-bit number (as an unsigned value). */
function interleave(v: number): number {
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v >>> 0;
}
