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
  const leaflet = map as unknown as LeafletInternals;
  if (view) return { center: latLng(view.lat, view.lng), zoom: leaflet._limitZoom(view.zoom) };
  if (!box) return { center: latLng(NO_EXTENT.lat, NO_EXTENT.lng), zoom: NO_EXTENT.zoom };
  const fitted = leaflet._getBoundsCenterZoom(toLatLngBounds(box), fitOptions(window.innerWidth));
  return { center: fitted.center, zoom: leaflet._limitZoom(fitted.zoom) };
}

/**
 * Leaflet 1.9's own steps (private), so that what is asked ahead is what the map does: fitBounds
 * is setView of _getBoundsCenterZoom's centre and zoom, and setView snaps the zoom (zoomSnap) and
 * keeps it within the map's zooms with _limitZoom.
 */
interface LeafletInternals {
  _getBoundsCenterZoom(bounds: LatLngBounds, options: FitBoundsOptions): { center: LatLng; zoom: number };
  _limitZoom(zoom: number): number;
}

/**
 * What the map shows at `center` and `zoom` at its element's present size (measured: the size
 * Leaflet keeps is from its last invalidateSize, which OpenInView calls before it opens): the
 * bounds getBounds() gives once the view is set there, as setView lays it out afresh (the
 * top-left pixel rounded). A view opened at the zoom the map already has is panned there instead,
 * to within a pixel: the same cells, nearly always (the worker keeps its answer by cells).
 */
export function boundsAt(map: LeafletMap, center: LatLng, zoom: number): LatLngBounds {
  const container = map.getContainer();
  const size = point(container.clientWidth, container.clientHeight);
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
