import { describe, expect, it } from 'vitest';
import { spatialOrder } from './spatial-order';
import { syntheticIncidents } from './synthetic-incidents';

describe('spatialOrder', () => {
  const incidents = syntheticIncidents(2000, 5);
  const points = { lng: incidents.map((i) => i.geometry.coordinates[0]), lat: incidents.map((i) => i.geometry.coordinates[1]), length: incidents.length };
  const order = spatialOrder(points);

  it('is a permutation of the rows, the same on every call', () => {
    expect([...order].sort((a, b) => a - b)).toEqual(incidents.map((_, i) => i));
    expect(spatialOrder(points)).toEqual(order);
  });

  it('puts neighbours on the map next to each other', () => {
    const step = (rows: ArrayLike<number>) => {
      let sum = 0;
      for (let r = 1; r < rows.length; r++) {
        const [a, b] = [incidents[rows[r - 1]!]!, incidents[rows[r]!]!].map((i) => i.geometry.coordinates);
        sum += Math.hypot(a![0] - b![0], a![1] - b![1]);
      }
      return sum / (rows.length - 1);
    };
    expect(step(order)).toBeLessThan(step(incidents.map((_, i) => i)) / 20);
  });

  it('keeps the input order among incidents at one point', () => {
    const same = incidents.map((i) => i.geometry.coordinates.join());
    for (let r = 1; r < order.length; r++) {
      if (same[order[r]!] === same[order[r - 1]!]) expect(order[r]).toBeGreaterThan(order[r - 1]!);
    }
  });
});
