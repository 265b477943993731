import { lastAtOrBefore } from '../data/sorted-search';

/**
 * A time range on the timeline's bars. Days are whole days since 1970-01-01, as in timeline.ts;
 * `starts` are the bars' edges as there (bar i is [starts[i], starts[i + 1]), so edge i is the left
 * side of bar i and edge `bins` the right side of the last bar).
 *
 * The range comes from the reader or from a link, and a link may name days the bars do not reach
 * (another year, or outside a span zoomed into). The range is kept as it was asked — the filter
 * applies it as it is — and only its drawing is fitted to the bars: an end beyond them is drawn
 * at the edge and said to be beyond, and a range wholly beyond them is drawn as no selection.
 */

/** Both days included, start ≤ end. */
export interface DayRange {
  start: number;
  end: number;
}

export type RangeOnBars =
  /** Overlapping the bars: its days clamped to them, and whether each end was cut. */
  | { kind: 'over'; start: number; end: number; startBeyond: boolean; endBeyond: boolean }
  /** Wholly before the first bar or after the last. */
  | { kind: 'before' }
  | { kind: 'after' };

/** Where a range falls on bars covering the days [first, last]. */
export function placeRange(range: DayRange, first: number, last: number): RangeOnBars {
  if (range.end < first) return { kind: 'before' };
  if (range.start > last) return { kind: 'after' };
  return {
    kind: 'over',
    start: Math.max(first, range.start),
    end: Math.min(last, range.end),
    startBeyond: range.start < first,
    endBeyond: range.end > last,
  };
}

/** The bar holding a day; the first or last bar for a day before or after them all. */
export function barOf(starts: ArrayLike<number>, day: number): number {
  return lastAtOrBefore(starts, day, starts.length - 1);
}

/** The bar edge (0 … bins) nearest a point in time, given as a fractional day (a pointer's position). */
export function nearestEdge(starts: ArrayLike<number>, day: number): number {
  const bins = starts.length - 1;
  if (day <= starts[0]!) return 0;
  if (day >= starts[bins]!) return bins;
  const bar = barOf(starts, Math.floor(day));
  return day - starts[bar]! <= starts[bar + 1]! - day ? bar : bar + 1;
}

/**
 * The range with one end moved to a bar edge, the other end kept exactly as it was (even beyond
 * the bars). Ends never cross: the start can go no further right than the left edge of the bar
 * holding the end, the end no further left than the right edge of the bar holding the start, so
 * at least one bar (or the part of it the other end leaves) stays between them — the same limit
 * the keyboard meets.
 *
 * Asking for the edge the end is already drawn at returns the range unchanged, so grabbing an end
 * cut at the bars' edge without moving it leaves the link's day as it was. A range wholly beyond
 * the bars has no end on them to move, and is returned as it is.
 */
export function moveRangeEnd(starts: ArrayLike<number>, range: DayRange, which: 'start' | 'end', edge: number): DayRange {
  const bins = starts.length - 1;
  const first = starts[0]!, last = starts[bins]! - 1;
  const placed = placeRange(range, first, last);
  if (placed.kind !== 'over') return range;
  if (which === 'start') {
    const limit = barOf(starts, placed.end);
    const to = clamp(Math.round(edge), 0, limit);
    const drawnAt = placed.startBeyond ? 0 : starts[to] === range.start ? to : -1;
    return to === drawnAt ? range : { start: starts[to]!, end: range.end };
  }
  const limit = barOf(starts, placed.start) + 1;
  const to = clamp(Math.round(edge), limit, bins);
  const drawnAt = placed.endBeyond ? bins : starts[to]! - 1 === range.end ? to : -1;
  return to === drawnAt ? range : { start: range.start, end: starts[to]! - 1 };
}

function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}
