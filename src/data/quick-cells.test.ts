import { describe, expect, it } from 'vitest';
import { seededDraw } from '../test-support/fixtures';
import type { DefinitionIds } from './event-definitions';
import { RowCells } from './csv/row-cells';
import { RepeatedCells, decimalOf, quickSources } from './quick-cells';

/** A row of cells, as a CSV reader hands them over. */
function row(...values: string[]): RowCells {
  const cells = new RowCells();
  cells.fill(values);
  return cells;
}

/** A cell read where it stands in a row, between two others: as a quick reader reads it. */
const decimalCell = (cell: string) => decimalOf(row('x', cell, 'y'), 1);

describe('decimalOf', () => {
  it('reads every plain decimal as Number does, to the last bit', () => {
    // Coordinates as UCDP and ACLED write them, and longer: up to 15 digits go the quick way, more go to Number.
    const draw = seededDraw(7);
    const cells: string[] = ['0', '-0', '0.0', '-0.0', '00012.50', '180', '-180', '0.1', '0.3', '-90.000001', '123456789012345', '1234567890123456', '0.12345678901234567', '9007199254740993', '000000000000000.5'];
    for (let k = 0; k < 50_000; k++) {
      const wholeDigits = 1 + draw(9), decimals = draw(15);
      const digits = (n: number) => Array.from({ length: n }, () => draw(10)).join('');
      cells.push(`${draw(3) === 0 ? '-' : ''}${digits(wholeDigits)}${decimals ? `.${digits(decimals)}` : ''}`);
    }
    // Up to 23 digits: the cells past 15 go to Number, the rest are read from their digits.
    expect(new Set(cells).size).toBeGreaterThan(49_000);
    const wrong = cells.filter((cell) => !Object.is(decimalCell(cell), Number(cell)));
    expect(wrong).toEqual([]);
  });

  it('takes nothing but an optional minus, digits and one point between digits', () => {
    for (const cell of ['', '-', '.', '.5', '5.', '+5', '1e5', '1.2.3', ' 1', '1 ', '0x1F', '١٢', '--1', 'NaN', 'Infinity']) expect(decimalCell(cell), cell).toBeNaN();
  });
});

describe('RepeatedCells and quickSources', () => {
  const ids: DefinitionIds = { actor: (name) => name, outlet: (name) => name.toLowerCase(), eventType: (id) => id };

  it('gives back what a text made, and past its limit keeps no more', () => {
    const known = new RepeatedCells<{ n: number }>(2);
    expect(known.keep('a', { n: 1 })).toBe(true);
    expect(known.keep('b', { n: 2 })).toBe(true);
    expect(known.keep('c', { n: 3 })).toBe(false);
    expect(known.get('a')).toEqual({ n: 1 });
    expect(known.get('c')).toBeUndefined();
  });

  it('shares one frozen list per cell text while there is room, and past it makes each list afresh, unfrozen', () => {
    const known = new RepeatedCells<ReturnType<typeof quickSources>>(1);
    const first = quickSources('SOHR; Reuters', ids, known);
    expect(first).toEqual([{ source: 'sohr', status: 'reported' }, { source: 'reuters', status: 'reported' }]);
    expect(quickSources('SOHR; Reuters', ids, known)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    // No room for a second text: its lists are its own, and not frozen, so nothing downstream keeps them.
    const other = quickSources('AFP', ids, known);
    expect(quickSources('AFP', ids, known)).not.toBe(other);
    expect(Object.isFrozen(other)).toBe(false);
    expect(quickSources('', ids, new RepeatedCells(), 'ucdp')).toEqual([{ source: 'ucdp', status: 'reported' }]);
  });
});
