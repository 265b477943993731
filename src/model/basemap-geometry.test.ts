import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  latToWorldY, lngToWorldX, MAX_TILE_PIXEL_RATIO, projectAreas, projectLines, ringCount, ringInView, signedArea, tileCanvas, traceShapes, worldCopies,
  type PathSink, type ProjectedShapes, type WorldToCanvas,
} from './basemap-geometry';
import { MAX_LATITUDE } from './index/mercator';

// Test helpers ------------------------------------------------------------------------------------

function collection(...geometries: FeatureCollection['features'][number]['geometry'][]): FeatureCollection {
  return { type: 'FeatureCollection', features: geometries.map((geometry) => ({ type: 'Feature', properties: {}, geometry })) };
}

/** A closed lng/lat ring round a box, anticlockwise (GeoJSON's right-hand rule for outer rings). */
function box(west: number, south: number, east: number, north: number): Position[] {
  return [[west, south], [east, south], [east, north], [west, north], [west, south]];
}

/** Records what traceShapes draws: one array of [x, y] per subpath. */
class Recorder implements PathSink {
  readonly paths: [number, number][][] = [];
  moveTo(x: number, y: number): void { this.paths.push([[x, y]]); }
  lineTo(x: number, y: number): void { this.paths.at(-1)!.push([x, y]); }
  get vertices(): number { return this.paths.reduce((n, p) => n + p.length, 0); }
}

/** The nonzero winding number of (x, y) for the recorded subpaths, each closed as a fill closes it. */
function winding(paths: readonly [number, number][][], x: number, y: number): number {
  let w = 0;
  for (const path of paths) {
    for (let i = 0; i < path.length; i++) {
      const [ax, ay] = path[i]!;
      const [bx, by] = path[(i + 1) % path.length]!;
      const side = (bx - ax) * (y - ay) - (x - ax) * (by - ay);
      if (ay <= y && by > y && side > 0) w++;
      else if (ay > y && by <= y && side < 0) w--;
    }
  }
  return w;
}

const filled = (paths: readonly [number, number][][], x: number, y: number) => winding(paths, x, y) !== 0;

/** A canvas of width × height pixels at `zoom` whose top-left corner is world point (x, y). */
function canvasAt(zoom: number, x: number, y: number, width = 1000, height = 800): WorldToCanvas {
  const scale = 256 * 2 ** zoom;
  return { scale, originX: x * scale, originY: y * scale, width, height };
}

/** The canvas pixel of lng/lat on `view`, with world copy `copy`. */
function pixel(view: WorldToCanvas, lng: number, lat: number, copy = 0): [number, number] {
  return [(lngToWorldX(lng) + copy) * view.scale - view.originX, latToWorldY(lat) * view.scale - view.originY];
}

function vertex(shapes: ProjectedShapes, v: number): [number, number] {
  return [shapes.coords[2 * v]!, shapes.coords[2 * v + 1]!];
}

// -------------------------------------------------------------------------------------------------

describe('projection to Web Mercator world units', () => {
  it('puts known points where Leaflet’s EPSG:3857 does (divided by 256 · 2^zoom)', () => {
    expect(lngToWorldX(0)).toBe(0.5);
    expect(latToWorldY(0)).toBeCloseTo(0.5, 15);
    expect(lngToWorldX(-180)).toBe(0);
    expect(lngToWorldX(90)).toBe(0.75);
    expect(latToWorldY(MAX_LATITUDE)).toBeCloseTo(0, 12);
    expect(latToWorldY(-MAX_LATITUDE)).toBeCloseTo(1, 12);
    // y = ½ − ln(tan(π/4 + φ/2)) / 2π
    expect(latToWorldY(45)).toBeCloseTo(0.5 - Math.log(Math.tan(Math.PI / 4 + Math.PI / 8)) / (2 * Math.PI), 12);
    // Leaflet: map.project([35.33, 40.14], 0).x = 156.544 world pixels at zoom 0.
    expect(lngToWorldX(40.14) * 256).toBeCloseTo(156.5440, 3);
  });

  it('keeps 180°E at x = 1, not wrapped to 0 like mercator.ts’s lngToX', () => {
    expect(lngToWorldX(180)).toBe(1);
    const shapes = projectAreas(collection({ type: 'Polygon', coordinates: [box(170, 60, 180, 70)] }));
    expect(shapes.boxes[0]).toBeCloseTo(170 / 360 + 0.5, 12);
    expect(shapes.boxes[2]).toBe(1);
  });
});

describe('projectAreas', () => {
  const shapes = projectAreas(collection(
    { type: 'Polygon', coordinates: [box(0, 0, 10, 10)] },
    { type: 'MultiPolygon', coordinates: [[box(20, 0, 40, 20), box(25, 5, 30, 10).reverse()], [box(-30, -10, -20, 0)]] },
  ));

  it('flattens rings into one coordinate array with ring offsets, dropping each ring’s closing vertex', () => {
    expect(shapes.kind).toBe('area');
    expect(ringCount(shapes)).toBe(4);
    expect([...shapes.starts]).toEqual([0, 4, 8, 12, 16]);
    expect(shapes.coords.length).toBe(32);
    expect(shapes.ranks.length).toBe(16);
  });

  it('gives each ring its box and the whole collection its bounds', () => {
    const b = (r: number) => [...shapes.boxes.subarray(4 * r, 4 * r + 4)];
    expect(b(0)).toEqual([lngToWorldX(0), latToWorldY(10), lngToWorldX(10), latToWorldY(0)]);
    expect(b(2)).toEqual([lngToWorldX(25), latToWorldY(10), lngToWorldX(30), latToWorldY(5)]);
    expect(shapes.bounds).toEqual({ minX: lngToWorldX(-30), minY: latToWorldY(20), maxX: lngToWorldX(40), maxY: latToWorldY(-10) });
  });

  it('winds outer rings one way and holes the other, whichever way the file has them', () => {
    const reversed = projectAreas(collection({ type: 'Polygon', coordinates: [box(20, 0, 40, 20).reverse(), box(25, 5, 30, 10)] }));
    for (const s of [shapes, reversed]) {
      const outer = s === shapes ? 1 : 0;
      expect(signedArea(s.coords, s.starts[outer]!, s.starts[outer + 1]!)).toBeLessThan(0);
      expect(signedArea(s.coords, s.starts[outer + 1]!, s.starts[outer + 2]!)).toBeGreaterThan(0);
    }
  });

  it('keeps holes open under a nonzero fill of everything in one path', () => {
    const view = canvasAt(2, lngToWorldX(-40), latToWorldY(30));
    const recorder = new Recorder();
    traceShapes(shapes, view, recorder, { simplify: 0, grid: 1e-9 });
    expect(filled(recorder.paths, ...pixel(view, 22, 2))).toBe(true);
    expect(filled(recorder.paths, ...pixel(view, 27, 7))).toBe(false); // in the hole
    expect(filled(recorder.paths, ...pixel(view, 15, 5))).toBe(false); // between the islands
    expect(filled(recorder.paths, ...pixel(view, -25, -5))).toBe(true);
  });

  it('throws on geometry that is not an area', () => {
    expect(() => projectAreas(collection({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }))).toThrow(/LineString/);
  });
});

describe('projectLines', () => {
  const lines = projectLines(collection(
    { type: 'LineString', coordinates: [[0, 0], [5, 0], [10, 0]] },
    { type: 'MultiLineString', coordinates: [[[0, 10], [10, 10]], [[20, 20], [30, 21], [40, 20]]] },
  ));

  it('keeps lines open, in their own order, ends always drawn', () => {
    expect(lines.kind).toBe('line');
    expect([...lines.starts]).toEqual([0, 3, 5, 8]);
    expect(vertex(lines, 0)).toEqual([lngToWorldX(0), latToWorldY(0)]);
    expect(vertex(lines, 2)).toEqual([lngToWorldX(10), latToWorldY(0)]);
    for (const end of [0, 2, 3, 4, 5, 7]) expect(lines.ranks[end]).toBe(Infinity);
  });

  it('ranks a middle vertex by its distance from the line that would replace it', () => {
    expect(lines.ranks[1]).toBe(0); // on the straight line from 0°E to 10°E
    const off = latToWorldY(20) - latToWorldY(21);
    expect(lines.ranks[6]).toBeCloseTo(off, 6);
  });

  it('draws lines unclosed and drops a vertex the tolerance allows', () => {
    const view = canvasAt(3, lngToWorldX(-5), latToWorldY(30), 2000, 1000);
    const all = new Recorder();
    traceShapes(lines, view, all, { simplify: 0 });
    expect(all.paths.map((p) => p.length)).toEqual([3, 2, 3]);
    const coarse = new Recorder();
    traceShapes(lines, view, coarse, { simplify: 100 });
    expect(coarse.paths.map((p) => p.length)).toEqual([2, 2, 2]);
  });

  it('throws on geometry that is not a line', () => {
    expect(() => projectLines(collection({ type: 'Polygon', coordinates: [box(0, 0, 1, 1)] }))).toThrow(/Polygon/);
  });
});

describe('drawing a view', () => {
  const islands = projectAreas(collection(
    { type: 'Polygon', coordinates: [box(10, 10, 20, 20)] },
    { type: 'Polygon', coordinates: [box(100, 10, 110, 20)] },
    { type: 'Polygon', coordinates: [box(170, 50, 179, 60)] },
  ));

  it('skips rings whose box is outside the view', () => {
    const view = canvasAt(4, lngToWorldX(5), latToWorldY(25));
    const recorder = new Recorder();
    traceShapes(islands, view, recorder);
    expect(recorder.paths).toHaveLength(1);
    const worldView = { minX: lngToWorldX(5), minY: latToWorldY(25), maxX: lngToWorldX(30), maxY: latToWorldY(0) };
    expect([0, 1, 2].map((r) => ringInView(islands, r, 0, worldView))).toEqual([true, false, false]);
    // The island at 170–179°E, seen just west of x = 0: only as the copy shifted by -1 world.
    const acrossAntimeridian = { minX: -0.02, maxX: 0.02, minY: 0, maxY: 1 };
    expect(ringInView(islands, 2, 0, acrossAntimeridian)).toBe(false);
    expect(ringInView(islands, 2, -1, acrossAntimeridian)).toBe(true);
  });

  it('lists the world copies a view overlaps', () => {
    const bounds = { minX: 0, minY: 0, maxX: 1, maxY: 1 };
    expect(worldCopies(0.1, 0.9, bounds)).toEqual([0]);
    expect(worldCopies(-0.2, 0.3, bounds)).toEqual([-1, 0]);
    expect(worldCopies(0.9, 2.1, bounds)).toEqual([0, 1, 2]);
    expect(worldCopies(0.3, 0.4, { minX: 0.5, minY: 0, maxX: 0.6, maxY: 1 })).toEqual([]);
  });

  it('draws the world copy in view across the antimeridian', () => {
    // A view from 175°E to 185°E (= 175°W on the next copy): the island at 170–179°E in copy 0, land
    // just east of 180° from copy 1.
    const east = projectAreas(collection({ type: 'Polygon', coordinates: [box(-179, 50, -170, 60)] }));
    const view = canvasAt(4, lngToWorldX(175), latToWorldY(62), 800, 600);
    const west = new Recorder();
    traceShapes(islands, view, west);
    expect(west.paths).toHaveLength(1);
    expect(filled(west.paths, ...pixel(view, 177, 55))).toBe(true);
    const across = new Recorder();
    traceShapes(east, view, across);
    expect(across.paths).toHaveLength(1);
    expect(filled(across.paths, ...pixel(view, -178, 55, 1))).toBe(true);
    expect(Math.min(...across.paths[0]!.map(([x]) => x))).toBeGreaterThan(0);
    // The same land, seen from the copy to the west: drawn shifted by -1 world.
    const fromWest = canvasAt(4, lngToWorldX(175) - 1, latToWorldY(62), 800, 600);
    const again = new Recorder();
    traceShapes(east, fromWest, again);
    expect(again.paths.map((p) => p.length)).toEqual(across.paths.map((p) => p.length));
    again.paths[0]!.forEach(([x, y], i) => {
      const [ex, ey] = across.paths[0]![i]!;
      expect(Math.abs(x - ex)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(y - ey)).toBeLessThanOrEqual(0.5);
    });
  });

  it('rounds vertices to the grid and drops those that land on the one before', () => {
    const fine = projectAreas(collection({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 0.001], [10, 0.002], [10, 10], [0, 10], [0, 0]]] }));
    const view = canvasAt(2, lngToWorldX(-5), latToWorldY(15));
    const recorder = new Recorder();
    traceShapes(fine, view, recorder, { simplify: 0, grid: 0.5 });
    expect(recorder.paths[0]).toHaveLength(4);
    for (const [x, y] of recorder.paths[0]!) {
      expect(Number.isInteger(x * 2)).toBe(true);
      expect(Number.isInteger(y * 2)).toBe(true);
    }
  });

  it('draws a ring that reaches far beyond the canvas with few vertices, filling the canvas the same', () => {
    // A big wiggly island round a small canvas at zoom 10: thousands of vertices, none near the view.
    const ring: Position[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = (2 * Math.PI * i) / 4000;
      ring.push([30 + (5 + 0.1 * Math.sin(40 * a)) * Math.cos(a), 30 + (5 + 0.1 * Math.sin(40 * a)) * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const shapes = projectAreas(collection({ type: 'Polygon', coordinates: [ring, box(29.99, 29.99, 30.01, 30.01).reverse()] }));
    const view = canvasAt(10, lngToWorldX(29.95), latToWorldY(30.05), 600, 400);
    const recorder = new Recorder();
    traceShapes(shapes, view, recorder, { simplify: 0 });
    expect(recorder.vertices).toBeLessThan(30);
    const full = new Recorder();
    traceShapes(shapes, view, full, { simplify: 0, margin: 1e5 }); // the whole island in "view"
    expect(full.vertices).toBeGreaterThan(4000);
    for (let x = 5; x < 600; x += 50) {
      for (let y = 5; y < 400; y += 50) expect(filled(recorder.paths, x, y)).toBe(filled(full.paths, x, y));
    }
    expect(filled(recorder.paths, ...pixel(view, 30, 30))).toBe(false); // the lake
    expect(filled(recorder.paths, ...pixel(view, 29.96, 30.04))).toBe(true);
  });
});

describe('pieces of land that meet along a cut', () => {
  // Two pieces cut along 10°E, as the basemap's 1:10m and 1:50m pieces are: each one's coast meets
  // the cut at its own points (A's at 1°N and 10°N, B's at 2°N and 9°N), so beyond 6°N they share
  // no vertex along it.
  const pieces = projectAreas(collection({
    type: 'MultiPolygon',
    coordinates: [
      [[[0, 0], [10, 1], [10, 6], [10, 10], [3, 10.5], [0.1, 5], [0, 0]]],
      [[[10, 2], [20, 0], [20.2, 5], [20, 10], [10, 9], [10, 6], [10, 4], [10, 2]]],
    ],
  }));

  it('always keep the vertices of their edges along the cut', () => {
    for (let v = 0; v < pieces.ranks.length; v++) {
      if (vertex(pieces, v)[0] === lngToWorldX(10)) expect(pieces.ranks[v]).toBe(Infinity);
      else expect(pieces.ranks[v]).toBeLessThan(Infinity);
    }
  });

  it('meet with no gap at any tolerance', () => {
    const view = canvasAt(3, lngToWorldX(-2), latToWorldY(12), 600, 400);
    for (const simplify of [0, 0.5, 5, 20]) {
      const recorder = new Recorder();
      traceShapes(pieces, view, recorder, { simplify });
      // Just either side of the cut, where both pieces are land.
      for (const lat of [2.5, 4.5, 7, 8.5]) {
        const [x, y] = pixel(view, 10, lat);
        expect(filled(recorder.paths, x - 0.3, y)).toBe(true);
        expect(filled(recorder.paths, x + 0.3, y)).toBe(true);
      }
    }
  });
});

describe('land cut at the antimeridian', () => {
  // Wrangel Island, as Natural Earth has it: a piece either side of 180°, sharing the cut edge.
  const pieces = projectAreas(collection({
    type: 'MultiPolygon',
    coordinates: [
      [[[178.7, 71.2], [180, 70.95], [180, 71.1], [180, 71.55], [179.3, 71.6], [178.6, 71.4], [178.7, 71.2]]],
      [[[-180, 70.95], [-177.5, 71.1], [-177.4, 71.25], [-178.9, 71.55], [-180, 71.55], [-180, 71.1], [-180, 70.95]]],
    ],
  }));

  it('keeps the vertices of the cut edge on both sides', () => {
    const onCut = [...pieces.ranks].filter((_, v) => { const x = vertex(pieces, v)[0]; return x === 0 || x === 1; });
    expect(onCut).toHaveLength(6);
    expect(onCut.every((r) => r === Infinity)).toBe(true);
  });

  it('fills across the antimeridian with no gap, in the world copy to the east too', () => {
    for (const [copyOfView, simplify] of [[0, 0], [0, 2], [1, 2], [-1, 50]] as const) {
      const view = canvasAt(6, lngToWorldX(178) + copyOfView, latToWorldY(72), 800, 400);
      const recorder = new Recorder();
      traceShapes(pieces, view, recorder, { simplify });
      for (const lat of [71, 71.2, 71.4]) {
        const [x, y] = pixel(view, 180, lat, copyOfView);
        expect(filled(recorder.paths, x - 0.3, y)).toBe(true);
        expect(filled(recorder.paths, x + 0.3, y)).toBe(true);
      }
    }
  });
});

describe('the built-in basemap', () => {
  const read = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/basemap', name), 'utf8')) as FeatureCollection;
  const land = projectAreas(read('land.json'));
  const borders = projectLines(read('borders.json'));

  it('fills land and leaves seas, lakes and the Caspian open', () => {
    const view = canvasAt(5, lngToWorldX(10), latToWorldY(50), 4000, 3000);
    const recorder = new Recorder();
    traceShapes(land, view, recorder);
    const at = (lng: number, lat: number) => filled(recorder.paths, ...pixel(view, lng, lat));
    expect(at(38.5, 35)).toBe(true); // Syria
    expect(at(52, 33)).toBe(true); // Iran
    // Either side of the cuts between the 1:10m and 1:50m pieces: 25°N in Egypt, 24°E in Libya.
    expect(at(30, 25.2)).toBe(true);
    expect(at(30, 24.8)).toBe(true);
    expect(at(24.2, 30)).toBe(true);
    expect(at(23.8, 30)).toBe(true);
    expect(at(50.5, 42)).toBe(false); // the Caspian Sea, the one hole
    expect(at(20, 34)).toBe(false); // the Mediterranean
    expect(at(34, 43)).toBe(false); // the Black Sea
  });

  it('shares vertices between its pieces, and simplifies the rest at world zoom', () => {
    let pinned = 0;
    for (const r of land.ranks) if (r === Infinity) pinned++;
    expect(pinned).toBeGreaterThan(ringCount(land));
    const world = canvasAt(2, 0, 0, 1024, 1024);
    const all = new Recorder();
    traceShapes(land, world, all, { simplify: 0, grid: 1e-9 });
    const simplified = new Recorder();
    traceShapes(land, world, simplified);
    expect(simplified.vertices).toBeLessThan(all.vertices / 3);
  });

  it('draws borders across the first view', () => {
    const view = canvasAt(7, lngToWorldX(34), latToWorldY(38), 1500, 1200);
    const recorder = new Recorder();
    traceShapes(borders, view, recorder);
    expect(recorder.paths.length).toBeGreaterThan(5);
    expect(recorder.vertices).toBeGreaterThan(100);
  });
});

describe('tileCanvas', () => {
  it('puts tiles side by side edge to edge at one scale, whatever the pixel ratio (1.1 × 256 is not whole)', () => {
    for (const dpr of [1, 1.1, 1.25, 1.5, 1.75, 2, 3]) {
      for (const z of [0, 3, 9, 14]) {
        const a = tileCanvas(37, 21, z, 256, dpr), b = tileCanvas(38, 21, z, 256, dpr), c = tileCanvas(37, 22, z, 256, dpr);
        expect(Number.isInteger(a.width) && a.width === a.height).toBe(true);
        // The next tile starts where this one ends, in world terms: no gap and no overlap.
        expect((a.originX + a.width) / a.scale).toBeCloseTo(b.originX / b.scale, 15);
        expect((a.originY + a.height) / a.scale).toBeCloseTo(c.originY / c.scale, 15);
        // A tile shows 1 / 2^z of the world across, as Leaflet places it.
        expect(a.width / a.scale).toBeCloseTo(1 / 2 ** z, 15);
        expect(a.originX / a.scale).toBeCloseTo(37 / 2 ** z, 12);
      }
    }
  });

  it('draws at the device pixel ratio up to a cap, never below one pixel a CSS pixel', () => {
    expect(tileCanvas(0, 0, 2, 256, 1).width).toBe(256);
    expect(tileCanvas(0, 0, 2, 256, 1.5).width).toBe(384);
    expect(tileCanvas(0, 0, 2, 256, 3).width).toBe(256 * MAX_TILE_PIXEL_RATIO);
    expect(tileCanvas(0, 0, 2, 256, 0.5).width).toBe(256);
  });
});
