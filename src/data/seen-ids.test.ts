import { describe, expect, it } from 'vitest';
import { seededDraw } from '../test-support/fixtures';
import { SeenIds, idHashOf, plainNumberOf } from './seen-ids';

describe('SeenIds', () => {
  it('finds each id added, by its entry, through growth, and nothing that was not added', () => {
    const seen = new SeenIds();
    const ids = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? `ACLED-${i}` : String(226_106 + i)));
    const wrong = ids.filter((id, i) => seen.entryOf(id) !== undefined || seen.addIfNew(id) !== undefined || seen.size !== i + 1);
    expect(wrong).toEqual([]);
    expect(seen.size).toBe(ids.length);
    expect(ids.every((id, i) => seen.entryOf(id) === i)).toBe(true);
    expect(['226105', 'ACLED-1', '', 'المجيمر', '226106 '].map((id) => seen.entryOf(id))).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('tells apart ids whose hashes share a table slot', () => {
    // Ids whose hashes agree in their low bits land in the same slot of a small table: found by probing.
    const seen = new SeenIds();
    const mask = 2047;
    const target = idHashOf('a') & mask;
    const sameSlot = Array.from({ length: 200_000 }, (_, i) => `id${i}`).filter((id) => (idHashOf(id) & mask) === target).slice(0, 20);
    expect(sameSlot.length).toBe(20);
    sameSlot.forEach((id) => seen.addIfNew(id));
    expect(sameSlot.map((id) => seen.entryOf(id))).toEqual(sameSlot.map((_, i) => i));
    expect(seen.entryOf('a')).toBeUndefined();
  });

  it('answers as a Map would, for ids in order, out of order, repeated, and written as numbers or not', () => {
    // Rising numbers (kept as a sorted run), numbers below the run, numbers with leading zeros or
    // too long to be plain, and text: each looked up before it is added, and some added twice.
    for (const seed of [1, 2, 3, 4]) {
      const draw = seededDraw(seed * 7919);
      const seen = new SeenIds();
      const reference = new Map<string, number>();
      let rising = draw(1000);
      const wrong: string[] = [];
      for (let i = 0; i < 20_000; i++) {
        const kind = draw(10);
        const id = kind < 5 ? String(rising += 1 + draw(3))
          : kind === 5 ? String(draw(rising + 1))
          : kind === 6 ? `0${draw(50)}`
          : kind === 7 ? String(1_000_000_000 + draw(100))
          : kind === 8 ? [...reference.keys()][draw(reference.size || 1)] ?? 'x'
          : `x${draw(500)}`;
        const expected = reference.get(id);
        if (seen.entryOf(id) !== expected) wrong.push(`${i}: ${id}`);
        // Adding gives the earlier entry, or adds the id as the next entry.
        if (seen.addIfNew(id) !== expected) wrong.push(`${i}: add ${id}`);
        if (expected === undefined) reference.set(id, reference.size);
        if (seen.size !== reference.size) wrong.push(`${i}: size ${seen.size}`);
      }
      expect(wrong).toEqual([]);
      expect(seen.size).toBe(reference.size);
      expect([...reference].filter(([id, entry]) => seen.entryOf(id) !== entry)).toEqual([]);
    }
  });

  it('reads plain whole numbers only', () => {
    expect(['0', '7', '226106', '999999999'].map(plainNumberOf)).toEqual([0, 7, 226106, 999999999]);
    expect(['', '07', '00', '1000000000', '-1', '1.5', ' 7', '7 ', '1e3', '٣'].map(plainNumberOf)).toEqual(Array(10).fill(-1));
  });

  it('adds each id once, in order, and gives the earlier entry for one added again', () => {
    const seen = new SeenIds();
    expect([seen.addIfNew('5'), seen.addIfNew('3'), seen.addIfNew('a'), seen.addIfNew('9')]).toEqual([undefined, undefined, undefined, undefined]);
    expect(['5', '3', 'a', '9', '4', '05'].map((id) => seen.entryOf(id))).toEqual([0, 1, 2, 3, undefined, undefined]);
    expect(['9', '5', '3', 'a'].map((id) => seen.addIfNew(id))).toEqual([3, 0, 1, 2]);
    expect(seen.size).toBe(4);
  });
});
