/**
 * Cuts Natural Earth geometry to a box, in flat lon/lat as the app's Leaflet map draws it.
 *
 * world-atlas's geometry is spherical, made for d3-geo: polygons are stitched across the
 * antimeridian (Eurasia with Chukotka, Fiji, Wrangel Island) and Antarctica's ring winds round the
 * South Pole. In flat lon/lat a stitched edge would span the whole world and fill it with stripes, and
 * Antarctica would come out inside-out. d3-geo's equirectangular projection cuts polygons and lines at
 * ±180° and closes Antarctica along the pole; its clipExtent then cuts them at the box, re-joining rings
 * along the box edge (no zero-width "bridges", which Leaflet would draw as hairlines across the sea).
 * d3-geo-projection's geoProject collects the result back into GeoJSON.
 */
import { geoEquirectangular, type GeoProjection } from 'd3-geo';
import { geoProject } from 'd3-geo-projection';
import type { Box } from './boxes';

export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];

/**
 * ≈100 m: finer than world-atlas's own quantisation (≈0.0036° × 0.0017°) and than a pixel at zoom 9,
 * and it puts points that d3 computed a hair off a box edge exactly onto it.
 */
export const DECIMALS = 3;

export function round(v: number, decimals = DECIMALS): number {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r; // no "-0"
}

const projections = new Map<Box, GeoProjection>();

/**
 * x = longitude, y = −latitude, in degrees (scale 180/π undoes the radians). y stays pointing down,
 * as on screen: geoProject tells outer rings from holes by their orientation on screen, and
 * reflectY would swap them. precision(0) turns off adaptive resampling, which would add points along
 * every edge to follow great circles.
 */
function projectionFor(box: Box): GeoProjection {
  let projection = projections.get(box);
  if (!projection) {
    projection = geoEquirectangular()
      .scale(180 / Math.PI)
      .translate([0, 0])
      .precision(0)
      .clipExtent([[box.west, -box.north], [box.east, -box.south]]);
    projections.set(box, projection);
  }
  return projection;
}

/** The parts of one polygon inside the box: outer rings counter-clockwise, holes clockwise (RFC 7946). */
export function clipPolygon(polygon: PolygonCoords, box: Box): PolygonCoords[] {
  const g = geoProject({ type: 'Polygon', coordinates: polygon }, projectionFor(box));
  const pieces = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
  const out: PolygonCoords[] = [];
  for (const [outer, ...holes] of pieces) {
    const tidyOuter = outer && tidyRing(outer, true);
    if (!tidyOuter) continue;
    out.push([tidyOuter, ...holes.map((h) => tidyRing(h, false)).filter((h): h is Ring => h !== null)]);
  }
  return out;
}

/** The parts of the lines inside the box. */
export function clipLines(lines: Position[][], box: Box): Position[][] {
  const g = geoProject({ type: 'MultiLineString', coordinates: lines }, projectionFor(box));
  const pieces = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? g.coordinates : [];
  return pieces.map(tidyLine).filter((l): l is Position[] => l !== null);
}

// Hand-written: rounding (which keeps the files small) happens after clipping, and can leave
// repeated points and collapse a sliver to a ring without area. No clipping library can know about
// that, and Leaflet would draw such leftovers as specks.

/** Back to [lng, lat], rounded, without consecutive duplicates. */
function tidyPoints(projected: readonly number[][]): Position[] {
  const out: Position[] = [];
  for (const p of projected) {
    const q: Position = [round(p[0] as number), round(-(p[1] as number))];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

function tidyLine(projected: readonly number[][]): Position[] | null {
  const line = tidyPoints(projected);
  return line.length > 1 ? line : null;
}

/** A closed ring wound per RFC 7946, or null if rounding left it without area. */
function tidyRing(projected: readonly number[][], outer: boolean): Ring | null {
  const ring = tidyPoints(projected);
  while (ring.length > 1 && samePoint(ring[0] as Position, ring[ring.length - 1] as Position)) ring.pop();
  if (ring.length < 3) return null;
  ring.push([...(ring[0] as Position)]);
  const area = ringArea(ring);
  if (area === 0) return null;
  // Flipping y back to latitude turned d3's rings round; wind them by area rather than assume.
  return outer === area > 0 ? ring : ring.reverse();
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Planar signed area (shoelace) of a closed ring; > 0 means counter-clockwise. */
export function ringArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}
