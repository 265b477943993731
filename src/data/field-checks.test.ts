import { describe, expect, it } from 'vitest';
import { isIsoDate } from './field-checks';

/** The calendar's own answer: a Date set to the day (setUTCFullYear, which takes years 0–99 as written) gives it back unchanged. */
function exists(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

describe('isIsoDate', () => {
  it('takes exactly the YYYY-MM-DD days the calendar has, leap days included', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const texts: string[] = [];
    for (const year of [0, 1, 4, 99, 100, 1900, 1999, 2000, 2016, 2019, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) for (let day = 0; day <= 32; day++) texts.push(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
    }
    const wrong = texts.filter((text) => isIsoDate(text) !== exists(text));
    expect(wrong).toEqual([]);
    // Every day of the eleven years after year 0, with 29 February in 0004, 2000 and 2016 only.
    expect(texts.filter(isIsoDate).length).toBe(11 * 365 + 3);
  });

  it('refuses other ways of writing a day', () => {
    for (const text of ['2016-7-14', '2016/07/14', '14-07-2016', '2016-07-14 ', ' 2016-07-14', '2016-07-14T00:00', '２０１６-07-14', '2016-0a-14', '+016-07-14', '', '2016-07']) {
      expect(isIsoDate(text), text).toBe(false);
    }
  });
});
