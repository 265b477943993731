import { describe, expect, it } from 'vitest';
import { rowsInView, scrollToShow } from './rows-in-view';

describe('rowsInView', () => {
  it('draws the rows in sight and the overscan each side', () => {
    // Rows of 58 px, scrolled to 580 (row 10 at the top), 300 px high: rows 10–15 are in sight (15 in part).
    expect(rowsInView(1000, 58, 580, 300, 0)).toEqual({ first: 10, last: 15 });
    expect(rowsInView(1000, 58, 580, 300, 6)).toEqual({ first: 4, last: 21 });
  });

  it('counts a row cut at the top or bottom as in sight', () => {
    expect(rowsInView(1000, 50, 25, 100, 0)).toEqual({ first: 0, last: 2 });
    expect(rowsInView(1000, 50, 50, 100, 0)).toEqual({ first: 1, last: 2 });
  });

  it('stays within the list at either end', () => {
    expect(rowsInView(1000, 58, 0, 300, 6)).toEqual({ first: 0, last: 11 });
    expect(rowsInView(20, 58, 58 * 18, 300, 6)).toEqual({ first: 12, last: 19 });
    // Scrolled past the end (the list just got shorter): the last rows, not none.
    expect(rowsInView(20, 58, 1_000_000, 300, 2)).toEqual({ first: 17, last: 19 });
    expect(rowsInView(3, 58, -40, 300, 6)).toEqual({ first: 0, last: 2 });
  });

  it('draws nothing for an empty list, and one row when the view has no height yet', () => {
    expect(rowsInView(0, 58, 0, 300, 6).last).toBeLessThan(rowsInView(0, 58, 0, 300, 6).first);
    expect(rowsInView(100, 58, 0, 0, 0)).toEqual({ first: 0, last: 0 });
  });

  it('takes the same time for a million rows as for ten', () => {
    // The answer is arithmetic: the middle of a million rows is found without visiting any other.
    expect(rowsInView(1_000_000, 58, 58 * 500_000, 116, 1)).toEqual({ first: 499_999, last: 500_002 });
  });
});

describe('scrollToShow', () => {
  it('leaves the list where it is when the row is in sight', () => {
    expect(scrollToShow(12, 58, 580, 300)).toBe(580);
  });

  it('scrolls up to put a row above the view at the top', () => {
    expect(scrollToShow(3, 58, 580, 300)).toBe(174);
  });

  it('scrolls down to put a row below the view at the bottom', () => {
    // Row 20 spans 1160–1218: its bottom lands at the view's bottom edge.
    expect(scrollToShow(20, 58, 580, 300)).toBe(918);
  });

  it('brings a row cut by the bottom edge fully into sight', () => {
    // Row 15 spans 870–928; the view ends at 880.
    expect(scrollToShow(15, 58, 580, 300)).toBe(628);
  });
});
