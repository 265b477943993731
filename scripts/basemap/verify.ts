/**
 * Re-reads the written files and checks what the app relies on: valid GeoJSON in [lng, lat] order,
 * closed rings wound per RFC 7946, no edge across the world (a polygon or line stitched across the
 * antimeridian), sane places, and the size budget. Prints sizes raw and gzipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FeatureCollection, MultiLineString, MultiPolygon } from 'geojson';
import type { Place } from '../../src/model/basemap-place';
import { DETAIL_BOXES, OUTSIDE_BOXES } from './boxes';
import { ringArea, round, type Position } from './clip';

/** All public/basemap/*.json together, uncompressed: the app loads them all at start. */
export const MAX_TOTAL_JSON_BYTES = 1_600_000;

export const BASEMAP_FILES = ['land.json', 'borders.json', 'places.json', 'ATTRIBUTION.md'] as const;

function fail(msg: string): never {
  throw new Error(`basemap check failed: ${msg}`);
}

function checkPosition(p: unknown, where: string): asserts p is Position {
  if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') fail(`${where}: bad position`);
  const [lng, lat] = p as Position;
  if (!(lng >= -180 && lng <= 180) || !(lat >= -90 && lat <= 90)) fail(`${where}: out of range [${lng}, ${lat}]`);
}

/** The coordinates of each feature, all of which must have the given geometry type. */
function coordinatesOf(fc: FeatureCollection, file: string, type: 'MultiPolygon' | 'MultiLineString'): unknown[] {
  if (fc.type !== 'FeatureCollection') fail(`${file} is not a FeatureCollection`);
  return fc.features.map((f) => {
    const g = f.geometry as MultiPolygon | MultiLineString;
    return f.type === 'Feature' && g.type === type ? g.coordinates : fail(`${file}: expected ${type} features`);
  });
}

function checkLand(land: FeatureCollection): string {
  // Long edges are allowed only along a clip box's edge (e.g. Antarctica cut at -85.0511).
  const clipLats = new Set([...DETAIL_BOXES, ...OUTSIDE_BOXES].flatMap((b) => [round(b.south), round(b.north)]));
  let polygons = 0;
  let rings = 0;
  let positions = 0;
  const all = (coordinatesOf(land, 'land.json', 'MultiPolygon') as Position[][][][]).flat();
  for (const polygon of all) {
    polygons++;
    polygon.forEach((ring, i) => {
      rings++;
      positions += ring.length;
      if (ring.length < 4) fail('land.json: ring with < 4 positions');
      ring.forEach((p) => checkPosition(p, 'land.json'));
      const a = ring[0] as Position;
      const z = ring[ring.length - 1] as Position;
      if (a[0] !== z[0] || a[1] !== z[1]) fail('land.json: ring not closed');
      const area = ringArea(ring);
      if (i === 0 ? area <= 0 : area >= 0) fail('land.json: ring not wound per RFC 7946');
      for (let k = 1; k < ring.length; k++) {
        const [p, q] = [ring[k - 1] as Position, ring[k] as Position];
        if (Math.abs(q[0] - p[0]) > 90 && !(p[1] === q[1] && clipLats.has(p[1]))) fail(`land.json: edge across the world ${JSON.stringify([p, q])}`);
      }
    });
  }
  checkNoOverlaps(all);
  return `${polygons} polygons, ${rings} rings, ${positions} positions`;
}

/**
 * No point may lie in two land polygons: Leaflet fills the MultiPolygon even-odd, so an overlap
 * shows as a hole, and a polygon read inside-out (covering a whole box) turns land and sea round.
 * Checked along rows of latitude 0.1° apart, placed off the 3-decimal grid so that no vertex lies
 * on a row; the pieces of a row inside each polygon may touch but not overlap.
 */
function checkNoOverlaps(polygons: Position[][][]): void {
  const latRanges = polygons.map((polygon) => {
    const lats = (polygon[0] as Position[]).map((p) => p[1]);
    return [Math.min(...lats), Math.max(...lats)] as const;
  });
  for (let row = 0; row * 0.1 < 180; row++) {
    const lat = -90 + row * 0.1 + 0.00005;
    const spans: Array<[number, number]> = [];
    polygons.forEach((polygon, i) => {
      const [south, north] = latRanges[i] as readonly [number, number];
      if (lat < south || lat > north) return;
      const xs: number[] = [];
      for (const ring of polygon) {
        for (let k = 1; k < ring.length; k++) {
          const [a, b] = [ring[k - 1] as Position, ring[k] as Position];
          if (a[1] > lat !== b[1] > lat) xs.push(a[0] + ((lat - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
        }
      }
      xs.sort((x, y) => x - y);
      for (let k = 0; k + 1 < xs.length; k += 2) spans.push([xs[k] as number, xs[k + 1] as number]);
    });
    spans.sort((x, y) => x[0] - y[0]);
    for (let k = 1; k < spans.length; k++) {
      const [prev, next] = [spans[k - 1] as [number, number], spans[k] as [number, number]];
      if (next[0] < prev[1] - 1e-9) fail(`land.json: polygons overlap at lat ${lat.toFixed(2)}, lng ${next[0].toFixed(3)}–${Math.min(prev[1], next[1]).toFixed(3)}`);
    }
  }
}

function checkBorders(borders: FeatureCollection): string {
  let lines = 0;
  let positions = 0;
  for (const line of (coordinatesOf(borders, 'borders.json', 'MultiLineString') as Position[][][]).flat()) {
    lines++;
    positions += line.length;
    if (line.length < 2) fail('borders.json: line with < 2 positions');
    line.forEach((p, k) => {
      checkPosition(p, 'borders.json');
      if (k > 0 && Math.abs(p[0] - (line[k - 1] as Position)[0]) > 90) fail('borders.json: edge jumps across the world (antimeridian)');
    });
  }
  return `${lines} lines, ${positions} positions`;
}

function checkPlaces(places: Place[]): string {
  if (!Array.isArray(places)) fail('places.json is not an array');
  const ranks = { 1: 0, 2: 0, 3: 0 };
  for (const p of places) {
    if (typeof p.name !== 'string' || !p.name) fail('places.json: empty name');
    checkPosition([p.lng, p.lat], `places.json ${p.name}`);
    if (!Number.isInteger(p.population) || !/^[A-Z]{2}$/.test(p.country) || ![1, 2, 3].includes(p.rank)) fail(`places.json: bad place ${p.name}`);
    ranks[p.rank]++;
  }
  const damascus = places.find((p) => p.name === 'Damascus' && p.country === 'SY');
  if (!damascus || damascus.rank !== 1 || Math.abs(damascus.lat - 33.51) > 0.05 || Math.abs(damascus.lng - 36.29) > 0.05) fail('places.json: Damascus missing, mis-ranked or lat/lng swapped');
  return `${places.length} places (rank 1: ${ranks[1]}, rank 2: ${ranks[2]}, rank 3: ${ranks[3]})`;
}

export function verify(outDir: string): void {
  const read = (f: string): unknown => JSON.parse(readFileSync(join(outDir, f), 'utf8'));
  console.log(`land.json     ${checkLand(read('land.json') as FeatureCollection)}`);
  console.log(`borders.json  ${checkBorders(read('borders.json') as FeatureCollection)}`);
  console.log(`places.json   ${checkPlaces(read('places.json') as Place[])}`);

  let total = 0;
  for (const f of BASEMAP_FILES) {
    const buf = readFileSync(join(outDir, f));
    if (f.endsWith('.json')) total += buf.length;
    console.log(`${f.padEnd(15)} ${String(buf.length).padStart(9)} bytes   gzip ${String(gzipSync(buf, { level: 9 }).length).padStart(8)} bytes`);
  }
  console.log(`total JSON      ${String(total).padStart(9)} bytes (budget ${MAX_TOTAL_JSON_BYTES})`);
  if (total > MAX_TOTAL_JSON_BYTES) fail(`JSON total ${total} bytes exceeds the budget of ${MAX_TOTAL_JSON_BYTES}`);
}
