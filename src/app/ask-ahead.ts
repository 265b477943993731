import type { Map as LeafletMap } from 'leaflet';
import { boundsAt, openingView, viewQuery } from '../map/opening-view';
import type { MapView } from '../model/view-state';
import type { LoadState } from '../state/store';

/**
 * The clusters of the view a dataset's map is about to open in, asked of its worker as the dataset
 * is set: the worker works them out while the page renders the dataset's view (~30–50 ms at 100,000
 * incidents, when it sat idle), and has them when the map, once there, asks for the same cells.
 * Worked out for the map's present size, which the loading view keeps as the dataset's view will
 * have it (the timeline's place under the map); when the map opens at another size (a phone's
 * sheet of panels, a dataset without dates), the map's own ask is worked out as before.
 * Only for a dataset drawn as clusters: a small one is drawn from the page's copy.
 */
export function prefetchOpeningView(map: LeafletMap, load: Extract<LoadState, { status: 'ready' }>, linkView: MapView | null): void {
  if (load.summary.incidents) return;
  const { center, zoom } = openingView(map, linkView, load.summary.initialBox);
  load.service.prefetchView(viewQuery(boundsAt(map, center, zoom), zoom));
}
