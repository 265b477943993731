import { describe, expect, it } from 'vitest';
import type { IncidentFeature } from '../../data/incident-types';
import { STACK_ROWS, clusterView, type ClusterIndex, type ViewCluster, type ViewClusters } from './grid-clusters';
import { cellIndex, gridWindow, windowKey, type GridView } from './grid-geometry';
import { buildGridPyramid, refreshPyramid } from './grid-pyramid';
import { buildColumns, ColumnBuilder, type IncidentColumns } from './incident-columns';
import { latToY, lngToX } from './mercator';
import { buildSpatialIndex, spatialIndexFrom } from './spatial-index';
import { spatialOrder } from './spatial-order';
import { SYNTHETIC_ACTOR_IDS, syntheticIncidents } from './synthetic-incidents';
import { computeMask } from './visibility-mask';

function incident(id: string, lng: number, lat: number, actors: string[] = ['a']): IncidentFeature {
  return {
    type: 'Feature', id, geometry: { type: 'Point', coordinates: [lng, lat] },
    properties: {
      title: id, place: { name: '', precision: 'village', uncertaintyKm: 1 }, eventType: 'battle', layer: 'conflict',
      actors: actors.map((actor) => ({ actor, role: 'party' as const })), targets: [], casualties: [], story: '', sources: [],
    },
  };
}

function setUp(incidents: IncidentFeature[], actorIds: string[], hidden: string[] = []) {
  const builder = new ColumnBuilder(actorIds, [], incidents.length);
  for (const incident of incidents) builder.add(incident);
  const columns = builder.finish(), codes = builder.placeCodes();
  const { mask, visible } = computeMask(columns, Uint8Array.from(columns.actorIds, (id) => (hidden.includes(id) ? 1 : 0)));
  const pyramid = buildGridPyramid(columns, { cellPx: 64, maxZoom: 8 });
  refreshPyramid(pyramid, columns, mask);
  const points = buildSpatialIndex(columns);
  const direct = { points } as ClusterIndex, withPyramid = { points, pyramid } as ClusterIndex;
  /** Every way to a view's clusters: the pyramid, the point index, and every row (before an index), with and without the rows' place codes. */
  const ways: Array<[string, ClusterIndex, Uint32Array | undefined]> = [['pyramid', withPyramid, undefined], ['points', direct, undefined], ['rows', {}, codes], ['rows, projected', {}, undefined]];
  return { columns, mask, visible, direct, withPyramid, codes, ways };
}

const view = (west: number, south: number, east: number, north: number, zoom: number): GridView => ({ west, south, east, north, zoom, cellPx: 64 });
/** Clusters by cell, each stack's rows read out (stackRows is a function: a closure per answer). */
const byKey = (result: ViewClusters) => [...result.clusters].sort((a, b) => a.key - b.key).map(plain);
const plain = (cluster: ViewCluster) => ({ ...cluster, stackRows: cluster.stackRows() });

/** Shown rows whose cell is one of the window's: what the clusters should add up to. */
function shownInWindow(columns: IncidentColumns, mask: Uint8Array, v: GridView): number {
  const { grid, runs, iyFrom, iyTo } = gridWindow(v);
  let n = 0;
  for (let row = 0; row < columns.length; row++) {
    const ix = cellIndex(grid, lngToX(columns.lng[row]!)), iy = cellIndex(grid, latToY(columns.lat[row]!));
    if (mask[row] && iy >= iyFrom && iy <= iyTo && runs.some((r) => ix >= r.ixFrom && ix <= r.ixTo)) n++;
  }
  return n;
}

describe('clusterView on synthetic data', () => {
  const generated = syntheticIncidents(4000, 3);
  const incidents = Array.from(spatialOrder(buildColumns(generated, SYNTHETIC_ACTOR_IDS)), (i) => generated[i]!);
  const { columns, mask, visible, direct, withPyramid, ways } = setUp(incidents, SYNTHETIC_ACTOR_IDS, ['actor-0', 'actor-3']);
  const views = [view(-180, -85, 180, 85, 2), view(34, 31, 43, 38, 6), view(35.5, 32.8, 37.1, 34.2, 8), view(36.9, 36, 37.4, 36.4, 11), view(-6, 10, 4, 18, 5.6)];

  it('gives two views the same window key exactly when they touch the same cells, and then the same clusters', () => {
    // Random views around the data, each also nudged by less than a pixel and by about a cell,
    // at whole and fractional zooms, some across the antimeridian or wider than the world.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const sample: GridView[] = [];
    for (let k = 0; k < 60; k++) {
      const zoom = [2, 3, 5.6, 6, 8, 11][k % 6]!, span = 360 / 2 ** zoom;
      const west = k % 10 === 0 ? 170 + random() * 5 : 30 + random() * 10, south = 30 + random() * 6;
      const v = view(west, south, west + span * (1 + random()), south + span / 2, zoom);
      const east = v.east > 180 ? v.east - 360 : v.east;
      sample.push({ ...v, east }, { ...v, east, west: v.west + 1e-9, north: v.north - 1e-9 }, { ...v, east, west: v.west + span / 4, south: v.south + span / 4 });
    }
    // The same cells one world copy east (a map panned round the globe): the clusters move by 360°.
    sample.push(view(34, 31, 43, 38, 6), view(394, 31, 403, 38, 6), view(-180, -85, 180, 85, 2), view(-200, -85, 200, 85, 1.6));
    let same = 0;
    for (const a of sample) for (const b of sample) {
      const sameCells = JSON.stringify(gridWindow(a)) === JSON.stringify(gridWindow(b));
      expect(windowKey(a) === windowKey(b)).toBe(sameCells);
      if (sameCells && a !== b) {
        same++;
        // Whichever way answers: the pyramid, the point index or every row.
        for (const [way, index, codes] of ways) expect(byKey(clusterView(index, columns, mask, b, codes)), way).toEqual(byKey(clusterView(index, columns, mask, a, codes)));
      }
    }
    // Some pairs share their cells and some do not.
    expect(same).toBeGreaterThan(50);
    expect(same).toBeLessThan(sample.length ** 2 / 2);
  });

  it('adds up to the shown incidents of the cells in view', () => {
    for (const [, index, codes] of ways) {
      for (const v of views) expect(clusterView(index, columns, mask, v, codes).count).toBe(shownInWindow(columns, mask, v));
      expect(clusterView(index, columns, mask, views[0]!, codes).count).toBe(visible);
    }
  });

  it('gives the same clusters from the pyramid as from the points, and from every row with or without place codes', () => {
    for (const v of [...views.slice(0, 3), view(20, 20, 50, 45, 14)]) {
      const [first, ...others] = ways.map(([, index, codes]) => clusterView(index, columns, mask, v, codes));
      expect([first!, ...others].map((r) => r.from)).toEqual([v.zoom <= 8 ? 'pyramid' : 'points', 'points', 'rows', 'rows']);
      const a = byKey(first!);
      expect(a.length).toBeGreaterThan(3);
      for (const other of others) {
        const b = byKey(other);
        expect(a.map((c) => c.key)).toEqual(b.map((c) => c.key));
        a.forEach((cluster, i) => {
          const same = b[i]!;
          expect({ ...cluster, lng: 0, lat: 0 }).toEqual({ ...same, lng: 0, lat: 0 });
          expect(cluster.lng).toBeCloseTo(same.lng, 9);
          expect(cluster.lat).toBeCloseTo(same.lat, 9);
        });
      }
    }
  });

  it('answers deeper than the pyramid from the points, and says so', () => {
    expect(clusterView(withPyramid, columns, mask, views[3]!).from).toBe('points');
    expect(clusterView(withPyramid, columns, mask, { ...views[1]!, cellPx: 80 }).from).toBe('points');
  });

  it('keeps a cell and its members while panning by a fraction of a cell', () => {
    const before = clusterView(withPyramid, columns, mask, views[2]!);
    const quarterCell = (360 * 64) / (256 * 2 ** 8) / 4; // degrees of longitude
    const after = clusterView(withPyramid, columns, mask, { ...views[2]!, west: views[2]!.west + quarterCell, east: views[2]!.east + quarterCell });
    const shared = after.clusters.filter((c) => before.clusters.some((b) => b.key === c.key));
    expect(shared.length).toBeGreaterThan(after.clusters.length / 2);
    for (const c of shared) expect(plain(c)).toEqual(plain(before.clusters.find((b) => b.key === c.key)!));
  });

  it('lists at most a ring of 4 actors plus the rest, and counts a member once per party', () => {
    for (const cluster of clusterView(withPyramid, columns, mask, views[1]!).clusters) {
      expect(cluster.actors.length).toBeLessThanOrEqual(4);
      const memberships = cluster.actors.reduce((s, a) => s + a.count, 0) + cluster.otherActors;
      expect(memberships).toBeGreaterThanOrEqual(cluster.count);
      expect(cluster.actors.map((a) => a.count)).toEqual([...cluster.actors.map((a) => a.count)].sort((x, y) => y - x));
    }
  });

  it('refuses a pyramid refreshed with another mask', () => {
    expect(() => clusterView(withPyramid, columns, new Uint8Array(columns.length), views[0]!)).toThrow(/refresh/);
  });

  it('works the same with an index rebuilt from its transferred buffer', () => {
    const rebuilt = { points: spatialIndexFrom(direct.points!.data as ArrayBuffer) };
    expect(byKey(clusterView(rebuilt, columns, mask, views[2]!))).toEqual(byKey(clusterView(direct, columns, mask, views[2]!)));
  });
});

describe('clusterView: singles and stacks', () => {
  // Six incidents at one point (centroid-coded), one 10 m away, one far off alone.
  const stacked = Array.from({ length: 6 }, (_, i) => incident(`s${i}`, 40.5, 35.5, i === 0 ? ['b'] : ['a']));
  const incidents = [...stacked, incident('alone', 44, 33), incident('near', 40.5001, 35.5, ['c'])];
  const atStack = view(39, 34, 42, 37, 8);

  for (const hidden of [[], ['b']]) {
    const { columns, mask, direct, ways } = setUp(incidents, ['a', 'b', 'c'], hidden);
    const stackRows = [0, 1, 2, 3, 4, 5].filter((r) => mask[r]);

    for (const [name, index, codes] of ways) {
      it(`does not call a cell a stack while one member stands apart (${name}, hidden: ${hidden.join() || 'none'})`, () => {
        const cell = clusterView(index, columns, mask, atStack, codes).clusters.find((c) => c.count > 1);
        expect(cell).toMatchObject({ count: stackRows.length + 1, stack: false, row: -1 });
        expect(cell!.stackRows()).toEqual([]);
      });

      it(`gives a lone incident its row (${name}, hidden: ${hidden.join() || 'none'})`, () => {
        const lone = clusterView(index, columns, mask, view(43, 32, 45, 34, 7), codes).clusters;
        expect(lone).toHaveLength(1);
        expect(lone[0]).toMatchObject({ count: 1, row: 6, stack: false, actors: [{ code: 0, count: 1 }], otherActors: 0 });
        expect(lone[0]!.stackRows()).toEqual([]);
      });
    }

    it(`flags co-located incidents as a stack once zoomed in, and lists them (hidden: ${hidden.join() || 'none'})`, () => {
      for (const index of [direct, {}]) {
        const stack = clusterView(index, columns, mask, view(40.49, 35.49, 40.5002, 35.51, 18)).clusters.find((c) => c.stack);
        expect(stack).toMatchObject({ count: stackRows.length, row: -1, lng: Math.fround(40.5), lat: Math.fround(35.5) });
        expect(stack!.stackRows()).toEqual(stackRows);
        expect(stack!.bbox).toEqual([Math.fround(40.5), Math.fround(35.5), Math.fround(40.5), Math.fround(35.5)]);
      }
    });
  }

  it('flags a stack when the member standing apart is filtered out (every way)', () => {
    const { columns, mask, ways } = setUp(incidents, ['a', 'b', 'c'], ['c']);
    for (const [, index, codes] of ways) {
      const stack = clusterView(index, columns, mask, atStack, codes).clusters.find((c) => c.count === 6);
      expect(stack).toMatchObject({ stack: true, actors: [{ code: 0, count: 5 }, { code: 1, count: 1 }] });
      expect(stack!.stackRows()).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });

  it(`lists at most ${STACK_ROWS} rows of a big stack`, () => {
    const big = Array.from({ length: STACK_ROWS + 20 }, (_, i) => incident(`b${i}`, 10, 10));
    const { columns, mask, ways } = setUp(big, ['a']);
    for (const [, index, codes] of ways) {
      const [stack] = clusterView(index, columns, mask, view(9, 9, 11, 11, 8), codes).clusters;
      expect(stack).toMatchObject({ count: STACK_ROWS + 20, stack: true });
      expect(stack!.stackRows()).toEqual(Array.from({ length: STACK_ROWS }, (_, i) => i));
    }
  });
});

describe('clusterView across the antimeridian and the whole world', () => {
  const incidents = [incident('east', 179.9, -17), incident('west', -179.9, -17), incident('edge', 180, -17), incident('pole', 0, 89)];
  const { columns, mask, direct, ways } = setUp(incidents, ['a']);

  for (const [name, index, codes] of ways) {
    it(`counts both sides of a view across 180° and moves them into its copy of the world (${name})`, () => {
      for (const v of [view(170, -20, 190, -10, 5), view(170, -20, -170, -10, 5)]) {
        const result = clusterView(index, columns, mask, v, codes);
        expect(result.count).toBe(3);
        for (const c of result.clusters) expect(c.lng).toBeGreaterThanOrEqual(170);
        expect(Math.max(...result.clusters.map((c) => c.bbox[2]))).toBeCloseTo(180.1, 4);
      }
      const shifted = clusterView(index, columns, mask, view(-190, -20, -170, -10, 5), codes);
      expect(shifted.count).toBe(3);
      for (const c of shifted.clusters) expect(c.lng).toBeLessThanOrEqual(-170);
    });

    it(`counts everything once in a view wider than the world, even past the poles (${name})`, () => {
      for (const v of [view(-400, -90, 400, 90, 1), view(-180, -85, 180, 85, 0), view(0, -90, 360, 90, 2.4)]) {
        expect(clusterView(index, columns, mask, v, codes).count).toBe(4);
      }
    });
  }

  it('rounds a fractional zoom to a grid zoom', () => {
    expect(clusterView(direct, columns, mask, view(170, -20, 190, -10, 4.6)).zoom).toBe(5);
    expect(clusterView(direct, columns, mask, view(170, -20, 190, -10, 4.4)).zoom).toBe(4);
  });
});
