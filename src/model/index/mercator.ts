/**
 * Web Mercator in the unit square: x = 0 at 180°W, 1 at 180°E; y = 0 at the top (85.0511°N), 1 at
 * the bottom. Leaflet's world at zoom z is this square scaled by 256·2^z pixels, so a screen-space
 * grid cell is a plain division here — no trigonometry per query.
 */

/** Mercator's square world stops here: tan(φ) grows without bound toward the poles. */
export const MAX_LATITUDE = 85.0511287798066;

/** Longitude to x in [0, 1). 180°E is 180°W on the globe, so it wraps to 0 rather than sit alone at 1. */
export function lngToX(lng: number): number {
  const x = (lng + 180) / 360;
  return x - Math.floor(x);
}

/** Latitude to y in [0, 1], clamped at ±MAX_LATITUDE. */
export function latToY(lat: number): number {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const phi = (clamped * Math.PI) / 180;
  // ln(tan φ + sec φ), the Mercator ordinate; the same as ln(tan(π/4 + φ/2)).
  const y = 0.5 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / (2 * Math.PI);
  return Math.max(0, Math.min(1, y));
}

export function xToLng(x: number): number {
  return x * 360 - 180;
}

export function yToLat(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}
