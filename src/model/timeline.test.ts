import { describe, expect, it } from 'vitest';
import { UNDATED_END, UNDATED_START, isoDay } from './index/incident-columns';
import { mulberry32 } from './index/synthetic-incidents';
import { chooseBins, dayRangeOf, histogram, isoOfDay, timelineTicks, type TimeBins } from './timeline';

const day = (iso: string) => {
  const d = isoDay(iso);
  if (Number.isNaN(d)) throw new Error(`bad test date ${iso}`);
  return d;
};

/** Columns from ISO spans; null for an undated row (the sentinels buildColumns writes). */
function columns(spans: readonly ([string, string] | null)[]) {
  return {
    length: spans.length,
    start: Int32Array.from(spans, (s) => (s ? day(s[0]) : UNDATED_START)),
    end: Int32Array.from(spans, (s) => (s ? day(s[1]) : UNDATED_END)),
  };
}

const isoStarts = (bins: TimeBins) => [...bins.starts].map(isoOfDay);
const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);

describe('isoOfDay', () => {
  it('knows fixed points', () => {
    expect(isoOfDay(0)).toBe('1970-01-01');
    expect(isoOfDay(-1)).toBe('1969-12-31');
    expect(isoOfDay(31 + 28)).toBe('1970-03-01');
    expect(isoOfDay(10957)).toBe('2000-01-01');
    expect(isoOfDay(16996)).toBe('2016-07-14');
    expect(isoOfDay(-719162)).toBe('0001-01-01');
    expect(isoOfDay(2932896)).toBe('9999-12-31');
  });

  it('inverts isoDay at the edges of months, leap days and centuries', () => {
    for (const iso of ['2000-02-29', '2000-03-01', '1900-02-28', '1900-03-01', '1970-01-01', '0001-01-01', '9999-12-31',
      '2016-02-29', '2016-03-01', '2016-12-31', '1600-02-29', '0004-02-29', '0400-03-01', '1969-12-31', '2100-02-28', '2100-03-01']) {
      expect(isoOfDay(isoDay(iso))).toBe(iso);
    }
  });

  it('round-trips every day of the years 1–9999 sampled, and each day of 1896–2104', () => {
    // Day by day over two centuries spanning the 1900 and 2100 non-leap years and 2000's leap day.
    const wrong: string[] = [];
    for (let d = day('1896-01-01'); d <= day('2104-12-31'); d++) if (isoDay(isoOfDay(d)) !== d) wrong.push(`${d} → ${isoOfDay(d)}`);
    const rand = mulberry32(7);
    for (let k = 0; k < 20000; k++) {
      const d = day('0001-01-01') + Math.floor(rand() * (day('9999-12-31') - day('0001-01-01') + 1));
      if (isoDay(isoOfDay(d)) !== d) wrong.push(`${d} → ${isoOfDay(d)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('writes consecutive days as consecutive dates', () => {
    expect([day('2016-02-28'), day('2016-02-28') + 1, day('2016-02-28') + 2].map(isoOfDay)).toEqual(['2016-02-28', '2016-02-29', '2016-03-01']);
    expect([day('2015-02-28') + 1].map(isoOfDay)).toEqual(['2015-03-01']);
  });

  it('refuses what YYYY-MM-DD cannot write', () => {
    expect(() => isoOfDay(day('0001-01-01') - 1)).toThrow(RangeError);
    expect(() => isoOfDay(day('9999-12-31') + 1)).toThrow(RangeError);
    expect(() => isoOfDay(1.5)).toThrow(RangeError);
    expect(() => isoOfDay(NaN)).toThrow(RangeError);
  });
});

describe('chooseBins', () => {
  it('uses days for a few days, one bin per day', () => {
    const bins = chooseBins(day('2016-07-14'), day('2016-07-16'));
    expect(bins.unit).toBe('day');
    expect(isoStarts(bins)).toEqual(['2016-07-14', '2016-07-15', '2016-07-16', '2016-07-17']);
  });

  it('uses one day bin when the range is one day', () => {
    const bins = chooseBins(day('2016-07-15'), day('2016-07-15'));
    expect(bins.unit).toBe('day');
    expect(isoStarts(bins)).toEqual(['2016-07-15', '2016-07-16']);
  });

  it('uses days for 60 days, and weeks when maxBins is smaller', () => {
    const first = day('2016-06-01'), last = first + 59;
    expect(chooseBins(first, last).unit).toBe('day');
    expect(chooseBins(first, last).starts.length).toBe(61);
    expect(chooseBins(first, last, 59).unit).toBe('week');
  });

  it('starts weeks on Monday', () => {
    // 2016-07-14 is a Thursday; the Monday before is 2016-07-11.
    const bins = chooseBins(day('2016-07-14'), day('2016-09-30'), 20);
    expect(bins.unit).toBe('week');
    expect(isoStarts(bins).slice(0, 4)).toEqual(['2016-07-11', '2016-07-18', '2016-07-25', '2016-08-01']);
    // 2016-09-30 is a Friday: its week ends on Sunday 2 October.
    expect(isoOfDay(bins.starts[bins.starts.length - 1]!)).toBe('2016-10-03');
    // Every start is a Monday: a whole number of weeks from Monday 2016-07-11.
    for (const start of bins.starts) expect((start - day('2016-07-11')) % 7).toBe(0);
    // A range starting on a Monday starts there.
    expect(isoOfDay(chooseBins(day('2016-07-11'), day('2016-09-30'), 20).starts[0]!)).toBe('2016-07-11');
    // Sunday 2016-07-17 belongs to the week of Monday the 11th.
    expect(isoOfDay(chooseBins(day('2016-07-17'), day('2016-09-30'), 20).starts[0]!)).toBe('2016-07-11');
  });

  it('uses weeks for two years with 120 bins, months with fewer', () => {
    const first = day('2015-01-01'), last = day('2016-12-31');
    const weeks = chooseBins(first, last);
    expect(weeks.unit).toBe('week');
    expect(isoOfDay(weeks.starts[0]!)).toBe('2014-12-29'); // Monday before Thursday 1 January 2015
    expect(weeks.starts.length - 1).toBe(105);
    const months = chooseBins(first, last, 60);
    expect(months.unit).toBe('month');
    expect(months.starts.length - 1).toBe(24);
  });

  it('gives months their calendar lengths, with 29 days in February 2016', () => {
    const bins = chooseBins(day('2015-12-15'), day('2016-03-02'), 5);
    expect(bins.unit).toBe('month');
    expect(isoStarts(bins)).toEqual(['2015-12-01', '2016-01-01', '2016-02-01', '2016-03-01', '2016-04-01']);
    const lengths = [...bins.starts].slice(1).map((s, i) => s - bins.starts[i]!);
    expect(lengths).toEqual([31, 31, 29, 31]);
    const before = chooseBins(day('2015-02-01'), day('2015-03-31'), 2);
    expect(before.starts[1]! - before.starts[0]!).toBe(28);
  });

  it('uses months for ten calendar years, quarters when they are one month too many', () => {
    const decade = chooseBins(day('2010-01-01'), day('2019-12-31'));
    expect(decade.unit).toBe('month');
    expect(decade.starts.length - 1).toBe(120);
    const shifted = chooseBins(day('2010-07-15'), day('2020-07-14'));
    expect(shifted.unit).toBe('quarter');
    expect(isoOfDay(shifted.starts[0]!)).toBe('2010-07-01');
    expect(isoOfDay(shifted.starts[shifted.starts.length - 1]!)).toBe('2020-10-01');
    expect(shifted.starts.length - 1).toBe(41);
  });

  it('aligns quarters to January, April, July and October', () => {
    const bins = chooseBins(day('2015-02-10'), day('2016-05-20'), 6);
    expect(bins.unit).toBe('quarter');
    expect(isoStarts(bins)).toEqual(['2015-01-01', '2015-04-01', '2015-07-01', '2015-10-01', '2016-01-01', '2016-04-01', '2016-07-01']);
  });

  it('uses years for sixty years', () => {
    const bins = chooseBins(day('1960-03-01'), day('2019-11-30'));
    expect(bins.unit).toBe('year');
    expect(bins.starts.length - 1).toBe(60);
    expect(isoOfDay(bins.starts[0]!)).toBe('1960-01-01');
    expect(isoOfDay(bins.starts[60]!)).toBe('2020-01-01');
    // 1960 and 2016 are leap years, 1961 is not.
    expect(bins.starts[1]! - bins.starts[0]!).toBe(366);
    expect(bins.starts[2]! - bins.starts[1]!).toBe(365);
  });

  it('keeps year bins when even years are more than maxBins', () => {
    const bins = chooseBins(day('1800-01-01'), day('2019-12-31'));
    expect(bins.unit).toBe('year');
    expect(bins.starts.length - 1).toBe(220);
  });

  it('covers the range at every scale, within maxBins, with increasing starts', () => {
    const rand = mulberry32(3);
    const problems: string[] = [];
    for (let k = 0; k < 500; k++) {
      const first = day('1950-01-01') + Math.floor(rand() * 30000);
      const last = first + Math.floor(rand() ** 3 * 20000);
      const maxBins = 1 + Math.floor(rand() * 200);
      const { unit, starts } = chooseBins(first, last, maxBins);
      const bins = starts.length - 1;
      const at = `${isoOfDay(first)}..${isoOfDay(last)} max ${maxBins}: ${unit}`;
      if (!(starts[0]! <= first && starts[bins]! > last)) problems.push(`${at} does not cover the range`);
      if (unit !== 'year' && bins > maxBins) problems.push(`${at} has ${bins} bins`);
      // Not over-wide: the first bin holds firstDay, the last lastDay.
      if (!(starts[1]! > first && starts[bins - 1]! <= last)) problems.push(`${at} has a bin too many`);
      for (let i = 1; i <= bins; i++) if (!(starts[i]! > starts[i - 1]!)) problems.push(`${at} has an empty bin ${i - 1}`);
      if (unit !== 'day' && unit !== 'week' && !starts.every((s) => isoOfDay(s).endsWith('-01'))) problems.push(`${at} is not aligned to months`);
      // The finest unit that fits: the next finer one would need too many bins.
      const monday = first - ((((first - day('2016-07-11')) % 7) + 7) % 7);
      const monthOf = (d: number) => Number(isoOfDay(d).slice(0, 4)) * 12 + Number(isoOfDay(d).slice(5, 7)) - 1;
      const fits = {
        day: last - first + 1 <= maxBins,
        week: Math.floor((last - monday) / 7) + 1 <= maxBins,
        month: monthOf(last) - monthOf(first) + 1 <= maxBins,
        quarter: Math.floor(monthOf(last) / 3) - Math.floor(monthOf(first) / 3) + 1 <= maxBins,
        year: true,
      };
      const finest = (['day', 'week', 'month', 'quarter', 'year'] as const).find((u) => fits[u]);
      if (unit !== finest) problems.push(`${at}, expected ${finest}`);
    }
    expect(problems).toEqual([]);
  });

  it('refuses an inverted range, fractional days and maxBins below one', () => {
    expect(() => chooseBins(day('2016-07-15'), day('2016-07-14'))).toThrow(RangeError);
    expect(() => chooseBins(UNDATED_START, UNDATED_END)).toThrow(RangeError);
    expect(() => chooseBins(0.5, 3)).toThrow(RangeError);
    expect(() => chooseBins(0, 3, 0)).toThrow(RangeError);
  });
});

describe('histogram', () => {
  const julyDays = chooseBins(day('2016-07-01'), day('2016-07-31'), 31);

  it('counts a row whose span lies in one bin as exact', () => {
    const weeks = chooseBins(day('2016-07-11'), day('2016-07-31'), 3);
    expect(weeks.unit).toBe('week');
    const h = histogram(columns([['2016-07-14', '2016-07-14'], ['2016-07-11', '2016-07-17'], ['2016-07-25', '2016-07-25'], ['2016-07-16', '2016-07-18']]), null, weeks);
    expect([...h.exact]).toEqual([2, 0, 1]);
    // The last row is Saturday to Monday: two days in the first week, one in the second.
    expect(h.spread[0]).toBeCloseTo(2 / 3, 12);
    expect(h.spread[1]).toBeCloseTo(1 / 3, 12);
    expect(h.spread[2]).toBe(0);
    expect(h.undated).toBe(0);
    expect(h.outside).toBe(0);
  });

  it('spreads a month-precision row over day bins, 1/31 a day, summing to one', () => {
    const h = histogram(columns([['2016-07-01', '2016-07-31']]), null, julyDays);
    expect(julyDays.starts.length - 1).toBe(31);
    for (const share of h.spread) expect(share).toBeCloseTo(1 / 31, 12);
    expect(sum(h.spread)).toBeCloseTo(1, 12);
    expect(sum(h.exact)).toBe(0);
  });

  it('spreads a month over week bins by days in each week', () => {
    const weeks = chooseBins(day('2016-07-01'), day('2016-07-31'), 10);
    expect(weeks.unit).toBe('week');
    // July 2016: Friday 1st to Sunday 31st — weeks of 27 June (3 days), 4, 11, 18 (7 each), 25 (7).
    expect(isoStarts(weeks)).toEqual(['2016-06-27', '2016-07-04', '2016-07-11', '2016-07-18', '2016-07-25', '2016-08-01']);
    const h = histogram(columns([['2016-07-01', '2016-07-31']]), null, weeks);
    expect([...h.spread].map((v) => v * 31)).toEqual([3, 7, 7, 7, 7].map((v) => expect.closeTo(v, 9)));
  });

  it('counts only the days inside the bins of a row reaching past them', () => {
    // 10 days, 5 of them (27–31 July) inside July's bins.
    const h = histogram(columns([['2016-07-27', '2016-08-05'], ['2016-06-28', '2016-07-01']]), null, julyDays);
    expect(sum(h.spread)).toBeCloseTo(0.5 + 0.25, 12);
    expect(h.spread[26]).toBeCloseTo(0.1, 12);
    expect(h.spread[30]).toBeCloseTo(0.1, 12);
    // The second row has one of its four days (1 July) in the bins, and is not exact there.
    expect(h.spread[0]).toBeCloseTo(0.25, 12);
    expect(sum(h.exact)).toBe(0);
    expect(h.outside).toBe(0);
  });

  it('counts rows entirely outside the bins, and undated rows, apart', () => {
    const h = histogram(columns([['2016-06-30', '2016-06-30'], ['2016-08-01', '2016-08-31'], ['2015-01-01', '2016-06-30'], null, null, ['2016-07-31', '2016-07-31']]), null, julyDays);
    expect(h.outside).toBe(3);
    expect(h.undated).toBe(2);
    expect(sum(h.exact)).toBe(1);
    expect(h.exact[30]).toBe(1);
    expect(sum(h.spread)).toBe(0);
  });

  it('treats any empty span as undated', () => {
    const h = histogram({ length: 1, start: Int32Array.of(day('2016-07-10')), end: Int32Array.of(day('2016-07-09')) }, null, julyDays);
    expect(h.undated).toBe(1);
    expect(sum(h.exact) + sum(h.spread) + h.outside).toBe(0);
  });

  it('counts only rows the mask shows', () => {
    const cols = columns([['2016-07-01', '2016-07-01'], ['2016-07-02', '2016-07-02'], ['2016-07-01', '2016-07-31'], null, ['2017-01-01', '2017-01-01']]);
    const all = histogram(cols, null, julyDays);
    expect(sum(all.exact)).toBe(2);
    expect(sum(all.spread)).toBeCloseTo(1, 12);
    expect(all.undated).toBe(1);
    expect(all.outside).toBe(1);
    const some = histogram(cols, Uint8Array.from([0, 1, 0, 0, 1]), julyDays);
    expect([...some.exact.slice(0, 3)]).toEqual([0, 1, 0]);
    expect(sum(some.spread)).toBe(0);
    expect(some.undated).toBe(0);
    expect(some.outside).toBe(1);
    const none = histogram(cols, new Uint8Array(5), julyDays);
    expect(sum(none.exact) + sum(none.spread) + none.undated + none.outside).toBe(0);
  });

  it('agrees with counting day by day, at every unit, with and without a mask', () => {
    const rand = mulberry32(11);
    for (let round = 0; round < 40; round++) {
      const n = 300;
      const base = day('2012-01-01');
      const start = new Int32Array(n), end = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        if (rand() < 0.05) {
          start[i] = UNDATED_START;
          end[i] = UNDATED_END;
          continue;
        }
        start[i] = base + Math.floor(rand() * 3000);
        end[i] = start[i]! + (rand() < 0.5 ? 0 : Math.floor(rand() ** 2 * 400));
      }
      const first = base + 200 + Math.floor(rand() * 1000), last = first + Math.floor(rand() * 1500);
      const bins = chooseBins(first, last, [10, 40, 120, 2000][round % 4]);
      const mask = round % 2 ? Uint8Array.from({ length: n }, () => (rand() < 0.7 ? 1 : 0)) : null;
      const got = histogram({ length: n, start, end }, mask, bins);
      const want = naiveHistogram(start, end, mask, bins);
      expect(got.undated).toBe(want.undated);
      expect(got.outside).toBe(want.outside);
      expect([...got.exact]).toEqual(want.exact);
      got.spread.forEach((v, b) => expect(v).toBeCloseTo(want.spread[b]!, 9));
    }
  });

  it('finds bins by binary search when they span too many days for a table', () => {
    // Hand-made bins over 8 million days (the table stops at 4 million).
    const bins: TimeBins = { unit: 'year', starts: Int32Array.of(-4_000_000, 0, 10, 4_000_000) };
    const h = histogram({ length: 5, start: Int32Array.of(-5, 3, 5, 20, 4_000_000), end: Int32Array.of(-5, 3, 14, 20, 4_000_001) }, null, bins);
    expect([...h.exact]).toEqual([1, 1, 1]);
    expect(h.spread[1]).toBeCloseTo(0.5, 12);
    expect(h.spread[2]).toBeCloseTo(0.5, 12);
    expect(h.outside).toBe(1);
  });

  it('counts the real dates of July 2016 by day', () => {
    const cols = columns([['2016-07-15', '2016-07-15'], ['2016-07-14', '2016-07-15'], ['2016-07-14', '2016-07-14'], ['2016-07-15', '2016-07-15']]);
    const range = dayRangeOf(cols, null)!;
    const bins = chooseBins(range.first, range.last);
    expect(isoStarts(bins)).toEqual(['2016-07-14', '2016-07-15', '2016-07-16']);
    const h = histogram(cols, null, bins);
    expect([...h.exact]).toEqual([1, 2]);
    expect([...h.spread]).toEqual([0.5, 0.5]);
  });

  it('gets through a million rows, accounting for every one', () => {
    const n = 1_000_000;
    const rand = mulberry32(5);
    const start = new Int32Array(n), end = new Int32Array(n);
    const base = day('2011-03-15');
    let undated = 0;
    for (let i = 0; i < n; i++) {
      if (i % 50 === 0) {
        start[i] = UNDATED_START;
        end[i] = UNDATED_END;
        undated++;
        continue;
      }
      start[i] = base + Math.floor(rand() * 3650);
      end[i] = start[i]! + (i % 3 === 0 ? Math.floor(rand() * 60) : 0);
    }
    const cols = { length: n, start, end };
    const range = dayRangeOf(cols, null)!;
    const bins = chooseBins(range.first, range.last);
    const h = histogram(cols, null, bins);
    expect(h.undated).toBe(undated);
    expect(h.outside).toBe(0);
    // Every dated row lies inside the range, so its whole weight lands in the bins.
    expect(sum(h.exact) + sum(h.spread)).toBeCloseTo(n - undated, 3);
  });
});

describe('dayRangeOf', () => {
  it('gives the earliest start and the latest end of the dated rows shown', () => {
    const cols = columns([['2016-07-10', '2016-07-20'], null, ['2016-07-01', '2016-07-05'], ['2016-07-15', '2016-08-02']]);
    expect(dayRangeOf(cols, null)).toEqual({ first: day('2016-07-01'), last: day('2016-08-02') });
    expect(dayRangeOf(cols, Uint8Array.from([1, 1, 0, 0]))).toEqual({ first: day('2016-07-10'), last: day('2016-07-20') });
  });

  it('ignores empty spans, whatever their days', () => {
    const cols = { length: 3, start: Int32Array.of(100, 50, 300), end: Int32Array.of(110, 40, 200) };
    expect(dayRangeOf(cols, null)).toEqual({ first: 100, last: 110 });
  });

  it('is null when no shown row is dated', () => {
    const cols = columns([null, ['2016-07-01', '2016-07-05'], null]);
    expect(dayRangeOf(cols, Uint8Array.from([1, 0, 1]))).toBeNull();
    expect(dayRangeOf(columns([]), null)).toBeNull();
    expect(dayRangeOf(columns([null]), null)).toBeNull();
  });
});

/** The histogram's definition, day by day: slow and obviously right. */
function naiveHistogram(start: Int32Array, end: Int32Array, mask: Uint8Array | null, bins: TimeBins) {
  const count = bins.starts.length - 1;
  const exact = new Array<number>(count).fill(0), spread = new Array<number>(count).fill(0);
  let undated = 0, outside = 0;
  const binOf = (d: number) => {
    for (let b = 0; b < count; b++) if (d >= bins.starts[b]! && d < bins.starts[b + 1]!) return b;
    return -1;
  };
  for (let i = 0; i < start.length; i++) {
    if (mask && mask[i] !== 1) continue;
    const s = start[i]!, e = end[i]!;
    if (s > e) {
      undated++;
      continue;
    }
    const perBin = new Map<number, number>();
    for (let d = s; d <= e; d++) {
      const b = binOf(d);
      perBin.set(b, (perBin.get(b) ?? 0) + 1);
    }
    if (perBin.size === 1 && perBin.has(-1)) outside++;
    else if (perBin.size === 1) exact[[...perBin.keys()][0]!]! += 1;
    else for (const [b, days] of perBin) if (b >= 0) spread[b]! += days / (e - s + 1);
  }
  return { exact, spread, undated, outside };
}

describe('timelineTicks: the labelled bars', () => {
  const ticks = (first: string, last: string) => {
    const bins = chooseBins(day(first), day(last));
    return { unit: bins.unit, labels: timelineTicks(Array.from(bins.starts), bins.unit).map((t) => t.label) };
  };

  it('names the year on every month tick of a decade, where ticks are 15 months apart', () => {
    expect(ticks('2010-01-01', '2019-12-31')).toEqual({ unit: 'month', labels: ['2010', 'Apr 2011', 'Jul 2012', 'Oct 2013', '2015', 'Apr 2016', 'Jul 2017', 'Oct 2018'] });
  });

  it('names a year once within it: January by its year, the months after by name', () => {
    expect(ticks('2015-01-01', '2019-12-31')).toEqual({ unit: 'month', labels: ['2015', 'Sep', 'May 2016', '2017', 'Sep', 'May 2018', '2019', 'Sep'] });
  });

  it('gives week ticks their year at the first tick and where the year turns', () => {
    expect(ticks('2015-01-01', '2016-12-31')).toEqual({ unit: 'week', labels: ['29 Dec 2014', '6 Apr 2015', '13 Jul', '19 Oct', '25 Jan 2016', '2 May', '8 Aug', '14 Nov'] });
  });

  it('gives day ticks their year at the first tick and where the year turns', () => {
    const { unit, labels } = ticks('2015-12-01', '2016-01-31');
    expect(unit).toBe('day');
    expect(labels[0]).toBe('1 Dec 2015');
    expect(labels.filter((l) => /\d{4}$/.test(l))).toEqual(['1 Dec 2015', expect.stringMatching(/^\d+ Jan 2016$/)]);
    expect(labels.length).toBeLessThanOrEqual(8);
  });
});
