import { isoDay, type IncidentColumns } from './index/incident-columns';

/**
 * The timeline's histogram. Dates are whole days since 1970-01-01 (UTC), as in incident-columns:
 * the data has no time of day, so calendar arithmetic on day numbers is exact and no Date (with its
 * time zones) is involved.
 *
 * Many incidents are known only to a week, a month or a range ("July 2016"). Counting such an
 * incident in one bin would invent a date; so the histogram keeps the incidents whose span falls in
 * one bin (`exact`) apart from those spread over several (`spread`), each of the latter sharing its
 * weight of one among the bins it covers, by days. The timeline can draw the two differently.
 */

/** ISO "YYYY-MM-DD" of a day number: the inverse of isoDay (incident-columns). */
export function isoOfDay(day: number): string {
  if (!Number.isInteger(day) || day < FIRST_ISO_DAY || day > LAST_ISO_DAY) {
    throw new RangeError(`isoOfDay: ${day} is not a whole day between 0001-01-01 and 9999-12-31`);
  }
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * Year, month (1–12) and day of month of a day number, for any integer day (proleptic Gregorian,
 * civil_from_days of H. Hinnant: whole 400-year eras, then the day within the era counted from
 * 1 March so that the leap day falls last).
 */
function civilFromDays(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Day number of a date (month 1–12), the arithmetic of isoDay without the string. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** 0001-01-01 and 9999-12-31: what "YYYY-MM-DD" can write. */
const FIRST_ISO_DAY = daysFromCivil(1, 1, 1);
const LAST_ISO_DAY = daysFromCivil(9999, 12, 31);

export type BinUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Finest first: chooseBins takes the first that fits. */
const UNITS: readonly BinUnit[] = ['day', 'week', 'month', 'quarter', 'year'];

export interface TimeBins {
  unit: BinUnit;
  /**
   * starts[i] is the first day of bin i and starts[bins] one past the last day of the last bin, so
   * bin i is [starts[i], starts[i + 1]) and there are starts.length - 1 bins.
   */
  starts: Int32Array<ArrayBuffer>;
}

/**
 * The bars over `span` (ISO days: a span the reader zoomed the timeline into), or `whole` (the
 * dataset's) when there is none or it is not a span of days.
 */
export function binsOfSpan(span: { start: string; end: string } | null, whole: TimeBins | null, maxBins = 120): TimeBins | null {
  if (!span) return whole;
  const first = isoDay(span.start), last = isoDay(span.end);
  return Number.isFinite(first) && Number.isFinite(last) && first <= last ? chooseBins(first, last, maxBins) : whole;
}

/**
 * Bins for the days [firstDay, lastDay]: the finest unit (day, week, month, quarter, year) that
 * needs no more than maxBins bins, aligned to the calendar — weeks from Monday (ISO 8601), months,
 * quarters and years from their first day — so that a bar reads as "the week of 11 July" or
 * "Q3 2016" rather than an arbitrary stretch. The first bin starts on or before firstDay and the
 * last ends after lastDay.
 *
 * When even years are too many (a span of more than maxBins years), year bins are returned anyway:
 * the coarsest honest unit, rather than bins of several years that no label names.
 *
 * @throws RangeError when firstDay > lastDay (there is nothing to bin: dayRangeOf gives null when
 *   no row is dated, and an inverted range is a caller's mistake, e.g. undated sentinels passed on),
 *   when either day is not an integer, or when maxBins < 1.
 */
export function chooseBins(firstDay: number, lastDay: number, maxBins = 120): TimeBins {
  if (!Number.isInteger(firstDay) || !Number.isInteger(lastDay)) throw new RangeError(`chooseBins: days must be integers, got ${firstDay} and ${lastDay}`);
  if (firstDay > lastDay) throw new RangeError(`chooseBins: first day ${firstDay} is after last day ${lastDay}`);
  if (!(maxBins >= 1)) throw new RangeError(`chooseBins: maxBins must be at least 1, got ${maxBins}`);
  for (const unit of UNITS) {
    if (unit === 'year' || binCount(unit, firstDay, lastDay) <= maxBins) return { unit, starts: binStarts(unit, firstDay, lastDay) };
  }
  throw new Error('unreachable: year bins always fit');
}

/** Monday on or before the day: 1970-01-01 was a Thursday, three days after a Monday. */
function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** Months since year 0 of the month a day falls in, and months per bin of a calendar unit. */
function monthIndex(day: number): number {
  const [y, m] = civilFromDays(day);
  return y * 12 + m - 1;
}

function monthsPer(unit: 'month' | 'quarter' | 'year'): number {
  return unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
}

/** Bins of the unit covering [first, last], counted without building them. */
function binCount(unit: BinUnit, first: number, last: number): number {
  if (unit === 'day') return last - first + 1;
  if (unit === 'week') return Math.floor((last - mondayOf(first)) / 7) + 1;
  const per = monthsPer(unit);
  return Math.floor(monthIndex(last) / per) - Math.floor(monthIndex(first) / per) + 1;
}

function binStarts(unit: BinUnit, first: number, last: number): Int32Array<ArrayBuffer> {
  const bins = binCount(unit, first, last);
  const starts = new Int32Array(bins + 1);
  if (unit === 'day' || unit === 'week') {
    const step = unit === 'day' ? 1 : 7;
    const from = unit === 'day' ? first : mondayOf(first);
    for (let i = 0; i <= bins; i++) starts[i] = from + i * step;
    return starts;
  }
  const per = monthsPer(unit);
  const firstMonth = Math.floor(monthIndex(first) / per) * per;
  for (let i = 0; i <= bins; i++) {
    const month = firstMonth + i * per;
    starts[i] = daysFromCivil(Math.floor(month / 12), (month % 12) + 1, 1);
  }
  return starts;
}

export interface Histogram {
  /** Per bin: rows whose whole span lies in that bin, one each. */
  exact: Float64Array<ArrayBuffer>;
  /**
   * Per bin: rows whose span covers more than one bin (or reaches past the bins), each row's weight
   * of one shared by days — a month-precision row in week bins adds about 7/31 to each week. The
   * share of days outside the bins is not counted anywhere, so a row straddling the range's edge
   * adds less than one.
   */
  spread: Float64Array<ArrayBuffer>;
  /** Rows without a date (an empty span: start > end, as UNDATED rows hold). */
  undated: number;
  /** Dated rows whose whole span lies before or after the bins. */
  outside: number;
}

/**
 * Above this many days (11,000 years) the day → bin table would cost more than it saves
 * (16 MB); hand-made bins that wide fall back to a binary search.
 */
const MAX_TABLE_DAYS = 1 << 22;

/**
 * Counts the rows shown (mask[i] === 1; every row when mask is null) per bin, in one pass. A
 * row's day is found in a table of bin indices over the bins' days, so the cost per row is two
 * lookups whatever the unit; rows spread over several bins visit only the bins they cover.
 */
export function histogram(columns: Pick<IncidentColumns, 'length' | 'start' | 'end'>, mask: Uint8Array | null, bins: TimeBins): Histogram {
  const { starts } = bins;
  const count = starts.length - 1;
  const exact = new Float64Array(Math.max(0, count)), spread = new Float64Array(Math.max(0, count));
  const { length: n, start, end } = columns;
  let undated = 0, outside = 0;
  const lo = count > 0 ? starts[0]! : 0, hi = count > 0 ? starts[count]! : 0;
  const binOf = binLookup(starts, lo, hi);

  for (let i = 0; i < n; i++) {
    if (mask !== null && mask[i] !== 1) continue;
    const s = start[i]!, e = end[i]!;
    if (s > e) {
      undated++;
      continue;
    }
    if (e < lo || s >= hi) {
      outside++;
      continue;
    }
    const first = binOf(s > lo ? s : lo), last = binOf(e < hi ? e : hi - 1);
    if (first === last && s >= lo && e < hi) {
      exact[first]!++;
      continue;
    }
    const share = 1 / (e - s + 1);
    for (let b = first; b <= last; b++) {
      const from = starts[b]!, to = starts[b + 1]! - 1;
      spread[b]! += ((e < to ? e : to) - (s > from ? s : from) + 1) * share;
    }
  }
  return { exact, spread, undated, outside };
}

/** Bin of a day in [lo, hi): a table when the range is small enough, else a binary search. */
function binLookup(starts: Int32Array, lo: number, hi: number): (day: number) => number {
  const count = starts.length - 1;
  if (hi - lo <= MAX_TABLE_DAYS) {
    const table = new Int32Array(Math.max(0, hi - lo));
    for (let b = 0; b < count; b++) table.fill(b, starts[b]! - lo, starts[b + 1]! - lo);
    return (day) => table[day - lo]!;
  }
  return (day) => {
    // Last b with starts[b] ≤ day.
    let low = 0, high = count - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid]! <= day) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

/**
 * Earliest start and latest end among the dated rows shown (mask[i] === 1; all rows when mask is
 * null): the range chooseBins needs. null when no shown row is dated.
 */
export function dayRangeOf(columns: Pick<IncidentColumns, 'length' | 'start' | 'end'>, mask: Uint8Array | null): { first: number; last: number } | null {
  const { length: n, start, end } = columns;
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < n; i++) {
    if (mask !== null && mask[i] !== 1) continue;
    const s = start[i]!, e = end[i]!;
    if (s > e) continue;
    if (s < first) first = s;
    if (e > last) last = e;
  }
  return first <= last ? { first, last } : null;
}

export const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2016-07-14" → "14 Jul 2016". */
export function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${SHORT_MONTHS[Number(m) - 1]} ${y}`;
}

/**
 * The labelled bars of a timeline whose bar i starts on day starts[i]: at most ~8, evenly spaced,
 * each label saying its year wherever the year is not plain from the label before it. Every 15th
 * month of ten years reads "2010, Apr 2011, Jul 2012…", never a bare "Apr" whose year is a guess.
 */
export function timelineTicks(starts: readonly number[], unit: BinUnit): Array<{ bin: number; label: string }> {
  const bins = starts.length - 1;
  const every = Math.max(1, Math.ceil(bins / 8));
  const ticks: Array<{ bin: number; label: string }> = [];
  let lastYear = '';
  for (let bin = 0; bin < bins; bin += every) {
    const [y, m, d] = isoOfDay(starts[bin]!).split('-') as [string, string, string];
    const month = SHORT_MONTHS[Number(m) - 1]!;
    const yearShown = y !== lastYear;
    let label: string;
    if (unit === 'year' || ((unit === 'month' || unit === 'quarter') && m === '01')) label = y;
    else if (unit === 'month' || unit === 'quarter') label = yearShown ? `${month} ${y}` : month;
    else label = yearShown ? `${Number(d)} ${month} ${y}` : `${Number(d)} ${month}`;
    lastYear = y;
    ticks.push({ bin, label });
  }
  return ticks;
}
