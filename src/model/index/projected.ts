import { latToY, lngToX } from './mercator';

/** Rows' points in the Web Mercator unit square (mercator.ts), x and y. */
export interface Projected {
  x: Float64Array;
  y: Float64Array;
}

interface Points {
  lng: ArrayLike<number>;
  lat: ArrayLike<number>;
  length: number;
}

const cache = new WeakMap<object, Projected>();

/**
 * Each row's projected point, computed once per set of coordinates and shared by what needs it
 * while an index is built (the spatial order, the pyramid's layout, kdbush): latToY costs a log and
 * a tangent a row, ~0.25 s at a million, three times over before. Keyed by the `lat` array, so a
 * reordered copy of the columns (new arrays) is a new entry; forgetProjected frees one.
 */
export function projectedOf(points: Points): Projected {
  let projected = cache.get(points.lat);
  if (!projected) {
    const n = points.length, x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = lngToX(points.lng[i]!);
      y[i] = latToY(points.lat[i]!);
    }
    projected = { x, y };
    cache.set(points.lat, projected);
  }
  return projected;
}

/** Frees a projection once the structures that needed it are built (16 bytes a row). */
export function forgetProjected(points: Points): void {
  cache.delete(points.lat);
}
