import type { Map as LeafletMap } from 'leaflet';
import { boundsAt, openingView, viewQuery } from '../map/opening-view';
import type { MapView } from '../model/view-state';
import { PHONE_LAYOUT_QUERY } from '../model/screen-layout';
import type { LoadState } from '../state/store';
import type { ViewQuery } from '../worker/dataset-protocol';

/**
 * The view a dataset's map is about to open in, as the cluster layer will ask for it: the page asks
 * the worker for its clusters as the dataset is set (DatasetService.askAhead), and the worker works
 * them out while the page renders the dataset's view (~30–50 ms at 100,000 incidents, when it sat
 * idle). Null when there is nothing worth asking ahead. Worked out for the map's present size, which the loading view keeps as the dataset's view will
 * have it (the timeline's place under the map); when the map opens at another size (a dataset
 * without dates), the map's own ask is worked out after it. Not on a phone: the dataset's view
 * adds the tabs of its sheet of panels under the map, whose height the loading view cannot know
 * (a tab's label wraps with the incidents' count), and the map's ask would wait for a guess it
 * cannot use. Only for a dataset drawn as clusters: a small one is drawn from the page's copy.
 */
export function openingQuery(map: LeafletMap, load: Extract<LoadState, { status: 'ready' }>, linkView: MapView | null): ViewQuery | null {
  if (load.summary.incidents || window.matchMedia(PHONE_LAYOUT_QUERY).matches) return null;
  const { center, zoom } = openingView(map, linkView, load.summary.initialBox);
  return viewQuery(boundsAt(map, center, zoom), zoom);
}
