import { describe, expect, it } from 'vitest';
import { SeenIds, idHashOf } from './seen-ids';

describe('SeenIds', () => {
  it('finds each id added, by its entry, through growth, and nothing that was not added', () => {
    const seen = new SeenIds();
    const ids = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? `ACLED-${i}` : String(226_106 + i)));
    const wrong = ids.filter((id, i) => seen.entryOf(id) !== undefined || seen.add(id) !== i);
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
    sameSlot.forEach((id) => seen.add(id));
    expect(sameSlot.map((id) => seen.entryOf(id))).toEqual(sameSlot.map((_, i) => i));
    expect(seen.entryOf('a')).toBeUndefined();
  });
});
