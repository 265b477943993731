/**
 * A list whose rows all have the same height, scrolled: which rows are in sight, and where to
 * scroll to bring one into sight. Constant time whatever the number of rows — a virtualiser that
 * measures rows one by one makes (and collects) an object per row each time the count changes:
 * ~0.1 s on the main thread for 100,000 incidents.
 */

/** First and last row (inclusive) to draw: those in sight, and `overscan` more each side; last < first when there are none. */
export function rowsInView(count: number, rowPx: number, scrollTop: number, viewPx: number, overscan: number): { first: number; last: number } {
  if (count <= 0 || rowPx <= 0) return { first: 0, last: -1 };
  const top = Math.max(0, scrollTop);
  const firstSeen = Math.min(count - 1, Math.floor(top / rowPx));
  const lastSeen = Math.min(count - 1, Math.max(firstSeen, Math.ceil((top + Math.max(0, viewPx)) / rowPx) - 1));
  return { first: Math.max(0, firstSeen - overscan), last: Math.min(count - 1, lastSeen + overscan) };
}

/** The scroll position that brings row `index` into sight with the least movement (unchanged if it is in sight). */
export function scrollToShow(index: number, rowPx: number, scrollTop: number, viewPx: number): number {
  const top = index * rowPx;
  const bottom = top + rowPx;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewPx) return Math.max(0, bottom - viewPx);
  return scrollTop;
}
