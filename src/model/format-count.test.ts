import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count';
import { mulberry32 } from './index/synthetic-incidents';

describe('formatCount', () => {
  it('writes counts with commas between thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1848)).toBe('1,848');
    expect(formatCount(16_566)).toBe('16,566');
    expect(formatCount(100_000)).toBe('100,000');
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect(formatCount(-1234)).toBe('-1,234');
  });

  it('writes what Intl.NumberFormat en-GB writes, for whole numbers of every length and for the rest', () => {
    const intl = new Intl.NumberFormat('en-GB');
    const rand = mulberry32(7);
    const samples = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5, -0.25, 1e21, NaN, Infinity];
    for (let digits = 1; digits <= 16; digits++) {
      for (let k = 0; k < 20; k++) samples.push(Math.floor(rand() * 10 ** digits) * (k % 5 === 0 ? -1 : 1) || 0);
    }
    for (const n of samples) expect(formatCount(n), String(n)).toBe(intl.format(n));
  });
});
