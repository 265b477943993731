/**
 * In an ascending list, the last index i < count with sorted[i] ≤ value (a binary search); 0 when
 * there is none, or count is 0. The piece a text offset falls in, the timeline bar a day falls in.
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number, count = sorted.length): number {
  let lo = 0, hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
