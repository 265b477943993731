import { latLng, latLngBounds, point, type FitBoundsOptions, type LatLng, type LatLngBounds, type Map as LeafletMap } from 'leaflet';
import type { LngLatBox } from '../model/view-extent';
import type { MapView } from '../model/view-state';
import { CELL_PX, type ViewQuery } from '../worker/dataset-protocol';
import { toLatLngBounds } from './lng-lat';
import { fitOptions } from './ViewController';

/** Where the map looks for a dataset with no extent (and no link's view). */
const NO_EXTENT: MapView = { lat: 34.8, lng: 38.5, zoom: 6 };

/**
 * The centre and zoom a dataset's view opens in (OpenInView): its link's view, else its extent
 * fitted to the map as fitBounds fits it (Leaflet's own computation), within the map's zooms.
 */
export function openingView(map: LeafletMap, view: MapView | null, box: LngLatBox | undefined): { center: LatLng; zoom: number } {
  if (view) return { center: latLng(view.lat, view.lng), zoom: limitZoom(map, view.zoom) };
  if (!box) return { center: latLng(NO_EXTENT.lat, NO_EXTENT.lng), zoom: NO_EXTENT.zoom };
  const fitted = (map as unknown as FitsBounds)._getBoundsCenterZoom(toLatLngBounds(box), fitOptions(window.innerWidth));
  return { center: fitted.center, zoom: limitZoom(map, fitted.zoom) };
}

/** fitBounds' own centre and zoom for a box (Leaflet 1.9, private): fitBounds is setView of these. */
interface FitsBounds {
  _getBoundsCenterZoom(bounds: LatLngBounds, options: FitBoundsOptions): { center: LatLng; zoom: number };
}

function limitZoom(map: LeafletMap, zoom: number): number {
  return Math.max(map.getMinZoom(), Math.min(map.getMaxZoom(), zoom));
}

/**
 * What the map shows at `center` and `zoom` at its present size: the bounds getBounds() gives
 * once the view is set there (as setView lays it out afresh: the top-left pixel rounded).
 */
export function boundsAt(map: LeafletMap, center: LatLng, zoom: number): LatLngBounds {
  const size = map.getSize();
  const topLeft = map.project(center, zoom).subtract(size.divideBy(2)).round();
  const bottomRight = topLeft.add(size);
  return latLngBounds(map.unproject(point(topLeft.x, bottomRight.y), zoom), map.unproject(point(bottomRight.x, topLeft.y), zoom));
}

/**
 * What the cluster layer asks the worker for a view: its bounds with a quarter of the view more
 * on each side (a short pan needs no new answer), and its zoom.
 */
export function viewQuery(bounds: LatLngBounds, zoom: number): ViewQuery {
  const padded = bounds.pad(0.25);
  return { west: padded.getWest(), south: padded.getSouth(), east: padded.getEast(), north: padded.getNorth(), zoom, cellPx: CELL_PX };
}
