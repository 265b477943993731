import { describe, expect, it } from 'vitest';
import { cellIndex, gridAt } from './grid-geometry';
import { buildColumns, ColumnBuilder } from './incident-columns';
import { permuteColumns } from './permute-columns';
import { projectedOf } from './projected';
import { layoutPyramid } from './pyramid-layout';
import { cellOfCode, placeCode, spatialOrder } from './spatial-order';
import { SYNTHETIC_ACTOR_IDS, syntheticIncidents } from './synthetic-incidents';

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

describe('the pyramid from the Z-order codes', () => {
  // Synthetic incidents plus points on the edges of the map: the antimeridian, the poles' cutoff.
  const incidents = [...syntheticIncidents(3000, 11), ...[[-180, 0], [180, 0], [179.9999, 85.06], [-179.99, -85.06], [0, 90], [0, -90], [12.5, 0]].map(([lng, lat], k) => ({
    ...syntheticIncidents(1, 100 + k)[0]!, id: `edge-${k}`, geometry: { type: 'Point' as const, coordinates: [lng!, lat!] as [number, number] },
  }))];
  const columns = buildColumns(incidents, SYNTHETIC_ACTOR_IDS);
  const codes = new Uint32Array(columns.length);
  const sorted = permuteColumns(columns, spatialOrder(columns, codes));

  it('puts every row in the cell its projected point is in, at every zoom', () => {
    for (const maxZoom of [0, 5, 12, 14]) {
      const fromPoints = layoutPyramid(sorted, 64, maxZoom);
      const fromCodes = layoutPyramid(sorted, 64, maxZoom, codes);
      expect(fromCodes.slotOfRow).toEqual(fromPoints.slotOfRow);
      expect(fromCodes.levels.map((l) => [...l.keys])).toEqual(fromPoints.levels.map((l) => [...l.keys]));
    }
  });

  it('has the import compute the same codes as each row is added (ColumnBuilder), and sorts the same with them', () => {
    const builder = new ColumnBuilder(SYNTHETIC_ACTOR_IDS);
    for (const incident of incidents) builder.add(incident);
    const placeCodes = builder.placeCodes();
    expect(placeCodes).toEqual(Uint32Array.from(incidents.keys(), (i) => placeCode(columns.lng[i]!, columns.lat[i]!)));
    const again = new Uint32Array(columns.length);
    expect(spatialOrder(columns, again, placeCodes)).toEqual(spatialOrder(columns));
    expect(again).toEqual(codes);
  });

  it('reads cells out of a code as the grid cuts the map: the first bits of x and of y', () => {
    const grid = gridAt(12, 64);
    const { x, y } = projectedOf(sorted);
    for (let i = 0; i < sorted.length; i += 97) expect(cellOfCode(codes[i]!, 14)).toBe(cellIndex(grid, y[i]!) * grid.side + cellIndex(grid, x[i]!));
  });
});
