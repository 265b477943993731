import { describe, expect, it } from 'vitest';
import { isoDay } from './index/incident-columns';
import { chooseBins, isoOfDay } from './timeline';
import { barOf, moveRangeEnd, nearestEdge, placeRange, type DayRange } from './timeline-range';

const day = (iso: string) => {
  const d = isoDay(iso);
  if (Number.isNaN(d)) throw new Error(`bad test date ${iso}`);
  return d;
};
const range = (start: string, end: string): DayRange => ({ start: day(start), end: day(end) });
const iso = (r: DayRange) => [isoOfDay(r.start), isoOfDay(r.end)];

// July 2016 in day bars (the built-in dataset), and in week bars (Monday 27 June … Sunday 7 August).
const july = chooseBins(day('2016-07-01'), day('2016-07-31'));
const days = [...july.starts];
const weeks = [...chooseBins(day('2016-07-01'), day('2016-07-31'), 6).starts];
const JULY_1 = day('2016-07-01'), JULY_31 = day('2016-07-31');

describe('placeRange', () => {
  it('keeps a range within the bars as it is', () => {
    expect(placeRange(range('2016-07-10', '2016-07-12'), JULY_1, JULY_31))
      .toEqual({ kind: 'over', start: day('2016-07-10'), end: day('2016-07-12'), startBeyond: false, endBeyond: false });
  });

  it('cuts an end that reaches past the bars to their edge, and says so', () => {
    expect(placeRange(range('2016-06-01', '2016-07-12'), JULY_1, JULY_31))
      .toEqual({ kind: 'over', start: JULY_1, end: day('2016-07-12'), startBeyond: true, endBeyond: false });
    expect(placeRange(range('2016-07-20', '2030-01-01'), JULY_1, JULY_31))
      .toEqual({ kind: 'over', start: day('2016-07-20'), end: JULY_31, startBeyond: false, endBeyond: true });
    expect(placeRange(range('2015-01-01', '2030-01-01'), JULY_1, JULY_31))
      .toEqual({ kind: 'over', start: JULY_1, end: JULY_31, startBeyond: true, endBeyond: true });
  });

  it('places a range wholly beyond the bars on the side it lies, never as crossed ends', () => {
    // The bug: each end clamped on its own gave a start of 31 July after an end of 1 July.
    expect(placeRange(range('2030-01-01', '2031-01-01'), JULY_1, JULY_31)).toEqual({ kind: 'after' });
    expect(placeRange(range('2010-01-01', '2011-12-31'), JULY_1, JULY_31)).toEqual({ kind: 'before' });
  });

  it('counts a range touching the first or last day as over the bars', () => {
    expect(placeRange(range('2016-06-01', '2016-07-01'), JULY_1, JULY_31)).toMatchObject({ kind: 'over', start: JULY_1, end: JULY_1 });
    expect(placeRange(range('2016-07-31', '2016-08-31'), JULY_1, JULY_31)).toMatchObject({ kind: 'over', start: JULY_31, end: JULY_31 });
    expect(placeRange(range('2016-06-01', '2016-06-30'), JULY_1, JULY_31)).toEqual({ kind: 'before' });
    expect(placeRange(range('2016-08-01', '2016-08-01'), JULY_1, JULY_31)).toEqual({ kind: 'after' });
  });
});

describe('barOf and nearestEdge', () => {
  it('finds the bar holding a day, the end bars for days beyond', () => {
    expect(barOf(weeks, day('2016-07-01'))).toBe(0); // in the week of Monday 27 June
    expect(barOf(weeks, day('2016-07-04'))).toBe(1);
    expect(barOf(weeks, day('2016-07-10'))).toBe(1);
    expect(barOf(weeks, day('2010-01-01'))).toBe(0);
    expect(barOf(weeks, day('2030-01-01'))).toBe(weeks.length - 2);
  });

  it('snaps a pointer to the nearer edge of the bar it is over', () => {
    const monday = day('2016-07-04');
    expect(nearestEdge(weeks, monday)).toBe(1);
    expect(nearestEdge(weeks, monday + 3.4)).toBe(1);
    expect(nearestEdge(weeks, monday + 3.6)).toBe(2);
    expect(nearestEdge(weeks, monday - 0.5)).toBe(1);
    expect(nearestEdge(weeks, -1e9)).toBe(0);
    expect(nearestEdge(weeks, 1e9)).toBe(weeks.length - 1);
  });
});

describe('moveRangeEnd', () => {
  it('moves only the end dragged, to the edge of a bar', () => {
    const r = range('2016-07-10', '2016-07-20');
    expect(iso(moveRangeEnd(days, r, 'start', 4))).toEqual(['2016-07-05', '2016-07-20']);
    expect(iso(moveRangeEnd(days, r, 'end', 25))).toEqual(['2016-07-10', '2016-07-25']);
    // Week bars: the start goes to a Monday, the end to a Sunday.
    expect(iso(moveRangeEnd(weeks, r, 'start', 1))).toEqual(['2016-07-04', '2016-07-20']);
    expect(iso(moveRangeEnd(weeks, r, 'end', 4))).toEqual(['2016-07-10', '2016-07-24']);
  });

  it('stops an end at the other: at least the bar holding the other end stays between them', () => {
    const r = range('2016-07-10', '2016-07-20');
    expect(iso(moveRangeEnd(days, r, 'start', 30))).toEqual(['2016-07-20', '2016-07-20']);
    expect(iso(moveRangeEnd(days, r, 'end', 0))).toEqual(['2016-07-10', '2016-07-10']);
    // Week bars: the end's week begins Monday 18 July; the start's week ends Sunday 10 July.
    expect(iso(moveRangeEnd(weeks, r, 'start', 5))).toEqual(['2016-07-18', '2016-07-20']);
    expect(iso(moveRangeEnd(weeks, r, 'end', 0))).toEqual(['2016-07-10', '2016-07-10']);
  });

  it('never crosses the ends, whatever edge is asked', () => {
    const ranges = [range('2016-07-01', '2016-07-31'), range('2016-07-15', '2016-07-15'), range('2016-07-03', '2016-07-29'),
      range('2016-06-01', '2016-07-05'), range('2016-07-25', '2017-01-01'), range('2016-01-01', '2017-01-01')];
    for (const starts of [days, weeks]) {
      for (const r of ranges) {
        for (let edge = -3; edge < starts.length + 3; edge++) {
          for (const which of ['start', 'end'] as const) {
            const moved = moveRangeEnd(starts, r, which, edge);
            expect(moved.start, `${which} to ${edge} of ${iso(r).join('–')}`).toBeLessThanOrEqual(moved.end);
            // The other end is the link's, untouched.
            if (which === 'start') expect(moved.end).toBe(r.end);
            else expect(moved.start).toBe(r.start);
          }
        }
      }
    }
  });

  it('keeps an end cut at the bars as the link gave it until it is moved off the edge', () => {
    const r = range('2016-06-01', '2030-01-01');
    expect(moveRangeEnd(days, r, 'start', 0)).toBe(r);
    expect(moveRangeEnd(days, r, 'start', -5)).toBe(r);
    expect(moveRangeEnd(days, r, 'end', days.length - 1)).toBe(r);
    expect(moveRangeEnd(days, r, 'end', 99)).toBe(r);
    expect(iso(moveRangeEnd(days, r, 'start', 1))).toEqual(['2016-07-02', '2030-01-01']);
    expect(iso(moveRangeEnd(days, r, 'end', 30))).toEqual(['2016-06-01', '2016-07-30']);
  });

  it('leaves an end that is on an edge where it is when asked for that edge', () => {
    const r = range('2016-07-04', '2016-07-17');
    expect(moveRangeEnd(weeks, r, 'start', 1)).toBe(r);
    expect(moveRangeEnd(weeks, r, 'end', 3)).toBe(r);
  });

  it('snaps an end between edges (a link’s mid-week day) to the edge asked, even the one beside it', () => {
    const r = range('2016-07-06', '2016-07-20');
    expect(iso(moveRangeEnd(weeks, r, 'start', 1))).toEqual(['2016-07-04', '2016-07-20']);
    expect(iso(moveRangeEnd(weeks, r, 'end', 4))).toEqual(['2016-07-06', '2016-07-24']);
  });

  it('does not move a range wholly beyond the bars: it has no end on them', () => {
    const after = range('2030-01-01', '2031-01-01'), before = range('2010-01-01', '2010-12-31');
    for (const edge of [0, 5, 31]) {
      expect(moveRangeEnd(days, after, 'start', edge)).toBe(after);
      expect(moveRangeEnd(days, after, 'end', edge)).toBe(after);
      expect(moveRangeEnd(days, before, 'start', edge)).toBe(before);
      expect(moveRangeEnd(days, before, 'end', edge)).toBe(before);
    }
  });
});
