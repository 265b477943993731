import { describe, expect, it } from 'vitest';
import { spreadOverlapping } from './spread-overlapping';

const distance = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('spreadOverlapping', () => {
  it('leaves markers with room of their own where they are', () => {
    expect(spreadOverlapping([{ id: 'a', x: 0, y: 0 }, { id: 'b', x: 100, y: 0 }]).size).toBe(0);
  });

  it('spreads markers at the very same point so that none hides another', () => {
    const points = ['a', 'b', 'c'].map((id) => ({ id, x: 50, y: 50 }));
    const offsets = spreadOverlapping(points, 22);
    const placed = points.map((p) => { const [dx, dy] = offsets.get(p.id)!; return [p.x + dx, p.y + dy] as [number, number]; });
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) expect(distance(placed[i]!, placed[j]!)).toBeGreaterThanOrEqual(18);
    }
  });

  it('groups chains of near neighbours and keeps west on the west', () => {
    const offsets = spreadOverlapping([{ id: 'west', x: 0, y: 0 }, { id: 'mid', x: 15, y: 0 }, { id: 'east', x: 30, y: 0 }, { id: 'far', x: 300, y: 0 }], 22);
    expect([...offsets.keys()].sort()).toEqual(['east', 'mid', 'west']);
    expect(0 + offsets.get('west')![0]).toBeLessThan(30 + offsets.get('east')![0]);
  });
});
