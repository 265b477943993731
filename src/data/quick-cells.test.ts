import { describe, expect, it } from 'vitest';
import { RepeatedCells, plainDecimal } from './quick-cells';

describe('plainDecimal', () => {
  it('reads every plain decimal as Number does, to the last bit', () => {
    // Coordinates as UCDP and ACLED write them, and longer: up to 15 digits go the quick way, more go to Number.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const cells: string[] = ['0', '-0', '0.0', '180', '-180', '0.1', '0.3', '-90.000001', '123456789012345', '1234567890123456', '0.12345678901234567', '9007199254740993'];
    for (let k = 0; k < 20_000; k++) {
      const whole = String(Math.floor(random() * 10 ** Math.floor(random() * 6)));
      const decimals = Math.floor(random() * 14);
      const fraction = Array.from({ length: decimals }, () => Math.floor(random() * 10)).join('');
      cells.push(`${random() < 0.3 ? '-' : ''}${whole}${decimals ? `.${fraction}` : ''}`);
    }
    const wrong = cells.filter((cell) => !Object.is(plainDecimal(cell), Number(cell)));
    expect(wrong).toEqual([]);
  });

  it('takes nothing but an optional minus, digits and one point between digits', () => {
    for (const cell of ['', '-', '.', '.5', '5.', '+5', '1e5', '1.2.3', ' 1', '1 ', '0x1F', '١٢', '--1', 'NaN', 'Infinity']) expect(plainDecimal(cell), cell).toBeNaN();
  });
});

describe('RepeatedCells', () => {
  it('gives back what a text made, and past its limit makes no more room but still hands the value on', () => {
    const known = new RepeatedCells<{ n: number }>(2);
    const a = known.keep('a', { n: 1 });
    known.keep('b', { n: 2 });
    expect(known.get('a')).toBe(a);
    const c = { n: 3 };
    expect(known.keep('c', c)).toBe(c);
    expect(known.get('c')).toBeUndefined();
    expect(known.get('b')).toEqual({ n: 2 });
  });
});
