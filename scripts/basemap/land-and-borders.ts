/**
 * Land and international land borders from Natural Earth admin-0 countries (world-atlas TopoJSON):
 * 1:10m inside the detail boxes, 1:50m (simplified) everywhere else. See boxes.ts for where, and
 * clip.ts for how the pieces are cut.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { geoArea } from 'd3-geo';
import type { FeatureCollection, MultiLineString, MultiPolygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import { filter, filterWeight, presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { DETAIL_BOXES, OUTSIDE_BOXES, inDetailRegion } from './boxes';
import { clipLines, clipPolygon, type PolygonCoords, type Position } from './clip';

export type WorldTopology = Topology<{
  countries: GeometryCollection<{ name: string }>;
  land: GeometryCollection;
}>;

/**
 * Smallest triangle (Visvalingam) or ring kept in the 1:50m world, in square degrees. The world
 * outside the detail boxes is context: the app shows it at zoom ≤ 5 (it goes to Moscow or Geneva at
 * zoom 5, where a pixel is ≈0.044°), and 0.001 deg² is about half a square pixel there. 99% of the
 * points it removes lie within 0.033° (< 1 px at zoom 5) of the simplified line, and the basemap
 * stays at ~1.3 MB, well within its budget. 1:10m is not simplified: that would save only ~3%.
 */
export const WORLD_MIN_WEIGHT = 0.001;

const require = createRequire(import.meta.url);

export function readTopology(file: 'countries-10m.json' | 'countries-50m.json'): WorldTopology {
  return JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as WorldTopology;
}

/**
 * Simplifies the shared arcs of the topology, so that land and borders, which are made from the same
 * arcs, still match; arc ends (where borders meet coasts) stay put. Then drops the rings that became
 * smaller than the same threshold (islets and lakes, invisible at zoom 5; collapsed arcs).
 */
export function simplifyWorld(topo: WorldTopology): WorldTopology {
  const simplified = simplify(presimplify(topo), WORLD_MIN_WEIGHT);
  return filter(simplified, filterWeight(simplified, WORLD_MIN_WEIGHT)) as WorldTopology;
}

function landPolygons(topo: WorldTopology): PolygonCoords[] {
  const polygons: PolygonCoords[] = [];
  for (const { geometry: g } of feature(topo, topo.objects.land).features) {
    if (g.type === 'Polygon') polygons.push(g.coordinates as PolygonCoords);
    else if (g.type === 'MultiPolygon') polygons.push(...(g.coordinates as PolygonCoords[]));
  }
  return polygons.map(rightWayRound);
}

/**
 * d3-geo takes a ring's winding to say which side is inside: wound the other way, a polygon is the
 * whole globe except itself, and clipping fills entire boxes with it. No land polygon covers half
 * the globe, yet world-atlas's 1:10m has islets of a few hundred metres (in the Maldives) that its
 * quantisation turned over. Turn them back. (A planar rewind would not do: it misreads the rings
 * that cross the antimeridian or wind round the pole.)
 */
export function rightWayRound(polygon: PolygonCoords): PolygonCoords {
  return geoArea({ type: 'Polygon', coordinates: polygon }) > 2 * Math.PI ? polygon.map((ring) => [...ring].reverse()) : polygon;
}

function borderLines(topo: WorldTopology): Position[][] {
  return mesh(topo, topo.objects.countries, (a, b) => a !== b).coordinates as Position[][];
}

/** All land as ONE MultiPolygon feature, whose 1:10m and 1:50m pieces abut exactly on the box edges. */
export function buildLand(t10: WorldTopology, t50: WorldTopology): FeatureCollection<MultiPolygon> {
  const land10 = landPolygons(t10);
  const land50 = landPolygons(t50);
  const detail = DETAIL_BOXES.flatMap((b) => land10.flatMap((p) => clipPolygon(p, b)));
  const world = OUTSIDE_BOXES.flatMap((b) => land50.flatMap((p) => clipPolygon(p, b)));
  return oneFeature({ type: 'MultiPolygon', coordinates: [...detail, ...world] });
}

/** Borders between countries (coastlines are not included), as ONE MultiLineString feature. */
export function buildBorders(t10: WorldTopology, t50: WorldTopology): FeatureCollection<MultiLineString> {
  const detail = DETAIL_BOXES.flatMap((b) => clipLines(borderLines(t10), b));
  const world = OUTSIDE_BOXES.flatMap((b) => clipLines(borderLines(t50), b));
  return oneFeature({ type: 'MultiLineString', coordinates: [...detail, ...world, ...borderConnectors(detail, world)] });
}

function oneFeature<G extends MultiPolygon | MultiLineString>(geometry: G): FeatureCollection<G> {
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] };
}

/**
 * Where a border crosses the edge of the detail region, its 1:10m part ends a little away from where
 * its 1:50m part starts (the two scales differ by up to a few km). Join each such pair with a short
 * segment along the edge, so the border stays one continuous line. Edges shared by two detail boxes
 * need nothing: both sides are 1:10m and meet exactly. Hand-written: this is about how the two
 * Natural Earth scales are put together here, which no library knows.
 */
function borderConnectors(detail: Position[][], world: Position[][]): Position[][] {
  const MAX_GAP = 0.25; // degrees; a crossing's two ends are much closer than the next crossing
  const eps = 1e-6;
  /** The outward direction if p lies on the outer boundary of the detail region, else null. */
  const outerEdge = (p: Position): 'x' | 'y' | null => {
    for (const [dx, dy] of [[eps, 0], [-eps, 0], [0, eps], [0, -eps]] as const) {
      if (!inDetailRegion([p[0] + dx, p[1] + dy])) return dx !== 0 ? 'x' : 'y';
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
