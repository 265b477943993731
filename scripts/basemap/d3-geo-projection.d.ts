// d3-geo-projection ships no types and DefinitelyTyped has none; this declares the one function used.
declare module 'd3-geo-projection' {
  import type { GeoProjection } from 'd3-geo';
  import type { Geometry } from 'geojson';

  /** Projects a geometry, clipped as the projection clips, back to GeoJSON in projected coordinates. */
  export function geoProject(object: Geometry, projection: GeoProjection): Geometry | null;
}
