import { describe, expect, it } from 'vitest';
import { RecordReader, plainDecimal } from './record-cells';

function numberOf(cell: unknown, options?: Parameters<RecordReader['number']>[1]): { value: number | undefined; problems: number } {
  const reader = new RecordReader({ n: cell });
  const value = reader.number('n', options);
  return { value, problems: reader.problems.length };
}

/** A random decimal as exports write them: a minus or not, digits, perhaps a point between digits. */
function randomDecimal(random: () => number): string {
  const digits = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * 10)).join('');
  return `${random() < 0.3 ? '-' : ''}${digits()}${random() < 0.6 ? `.${digits()}` : ''}`;
}

function seeded(seed: number): () => number {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

describe('RecordReader.number', () => {
  it('reads a plain decimal as Number does, to the last bit (the minus of -0 too)', () => {
    const random = seeded(7);
    for (let i = 0; i < 20_000; i++) {
      const cell = randomDecimal(random);
      expect(Object.is(numberOf(cell).value, Number(cell)), cell).toBe(true);
      expect(Object.is(plainDecimal(cell, 0, cell.length), Number(cell)), cell).toBe(true);
    }
    expect(Object.is(numberOf('-0').value, -0)).toBe(true);
    expect(numberOf('12345678901234567890.5').value).toBe(Number('12345678901234567890.5'));
  });

  it('reads the other ways of writing a number the pattern takes, and refuses the rest with a problem', () => {
    expect(numberOf(' 12 ').value).toBe(12);
    expect(numberOf('+5').value).toBe(5);
    expect(numberOf('1e3').value).toBe(1000);
    expect(numberOf('1.').value).toBe(1);
    expect(numberOf('.5').value).toBe(0.5);
    expect(numberOf(36.5).value).toBe(36.5);
    for (const cell of ['0x1F', '12abc', '1.2.3', '--1', 'NaN', 'Infinity', '١٢']) expect(numberOf(cell), cell).toEqual({ value: undefined, problems: 1 });
    expect(numberOf('')).toEqual({ value: undefined, problems: 1 });
    expect(numberOf('', { required: false })).toEqual({ value: undefined, problems: 0 });
    expect(numberOf('2.5', { integer: true })).toEqual({ value: undefined, problems: 1 });
    expect(numberOf('-3', { min: 0 })).toEqual({ value: undefined, problems: 1 });
  });
});

describe('RecordReader.date', () => {
  const dateOf = (cell: string, dayMonthYear = false) => {
    const reader = new RecordReader({ d: cell });
    return { value: reader.date('d', { dayMonthYear }), problems: reader.problems.length };
  };

  it('takes a day written YYYY-MM-DD as it is, with the time UCDP adds, trimmed, or day-month-year when asked', () => {
    expect(dateOf('2016-07-14')).toEqual({ value: '2016-07-14', problems: 0 });
    expect(dateOf(' 2016-07-14 ')).toEqual({ value: '2016-07-14', problems: 0 });
    expect(dateOf('2016-07-14 00:00:00.000')).toEqual({ value: '2016-07-14', problems: 0 });
    expect(dateOf('2016-07-14T00:00:00')).toEqual({ value: '2016-07-14', problems: 0 });
    expect(dateOf('2016-02-29')).toEqual({ value: '2016-02-29', problems: 0 });
    expect(dateOf('14 July 2016', true)).toEqual({ value: '2016-07-14', problems: 0 });
  });

  it('refuses days the calendar does not have and other ways of writing them', () => {
    for (const cell of ['2015-02-29', '2016-04-31', '2016-13-01', '0000-01-01', '2016-7-14', '2016/07/14', '14 July 2016', '']) expect(dateOf(cell), cell).toEqual({ value: undefined, problems: 1 });
  });
});
