import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Popup, useMap } from 'react-leaflet';
import { LeafletContext, createLeafletContext, extendContext } from '@react-leaflet/core';
import { LayerGroup, type Map as LeafletMap } from 'leaflet';
import type { ActorDefinition, EventTypeDefinition, IncidentFeature } from '../data/incident-types';
import type { LngLatBox } from '../model/view-extent';
import type { MapView } from '../model/view-state';
import type { ViewMarker, ViewQuery } from '../worker/dataset-protocol';
import { ClusterLayer } from './ClusterLayer';
import { IncidentMarkers } from './IncidentMarkers';
import { openingView } from './opening-view';
import { SelectedIncidentPopup } from './SelectedIncidentPopup';
import { UncertaintyCircles } from './UncertaintyCircles';
import { ViewController } from './ViewController';
import { onNextFrame } from './next-frame';

/**
 * How incidents reach the map: a small dataset as one focusable marker each (the page holds them);
 * a big one as clusters the dataset's worker computes for the view.
 */
export type IncidentDisplay =
  | { kind: 'markers'; incidents: readonly IncidentFeature[] }
  | {
    kind: 'clusters';
    queryView(view: ViewQuery): Promise<{ markers: ViewMarker[] }>;
    filterKey: string;
    /** The clusters the filter's answer brought for the view the map last asked about, if any. */
    prefetched: { view: ViewQuery; markers: ViewMarker[] } | undefined;
    onOpenStack(view: ViewQuery, lng: number, lat: number, count: number): void;
  };

interface Props {
  /** The page's map (MapShell), which the dataset's layers join. */
  map: LeafletMap;
  display: IncidentDisplay;
  actors: Record<string, ActorDefinition>;
  eventTypes: Record<string, EventTypeDefinition>;
  initialBox: LngLatBox | undefined;
  selectedId: string | null;
  /** The selected incident in full, once known (big datasets fetch it from the worker). */
  selected: IncidentFeature | undefined;
  /** Where keyboard focus goes when the popup opens. */
  storyFocus: { target: 'story' | 'sources' | 'none'; request: number };
  resetViewCount: number;
  /** Where to look (from a link); null: the dataset's initial extent. Read when the map is made and when viewRequest changes. */
  view: MapView | null;
  viewRequest: number;
  onViewChange(view: MapView): void;
  /** The map is in the dataset's view (OpenInView), and has asked what that view shows. */
  onOpened(): void;
  onSelect(id: string): void;
  /** The reader closed the popup of incident `id` (it may no longer be the selected one). */
  onPopupClosed(id: string): void;
  /** The selected incident's story, rendered by the app's UI into the one popup. */
  renderStory(incident: IncidentFeature): ReactNode;
  /** An opened stack of incidents at one point: where, and its list (rendered by the UI). */
  stack?: { lng: number; lat: number; content: ReactNode; onClose(): void };
}

/**
 * A dataset on the page's map (MapShell): turns the view state into layers, nothing more. Its
 * layers are a group of their own, taken off the map in the same commit that takes this dataset's
 * view away: none of them shows over the next dataset's view, even for a frame. The map was made
 * before the dataset was read; OpenInView puts it in the dataset's view.
 */
export const ConflictMap = memo(function ConflictMap({
  map, display, actors, eventTypes, initialBox, selectedId, selected, storyFocus, resetViewCount, view, viewRequest, onViewChange,
  onOpened: onMapOpened, onSelect, onPopupClosed, renderStory, stack,
}: Props) {
  const [group] = useState(() => new LayerGroup());
  const context = useMemo(() => extendContext(createLeafletContext(map), { layerContainer: group }), [map, group]);
  useLayoutEffect(function showTheDatasetsLayers() {
    group.addTo(map);
    // Popups are the map's, not the group's (react-leaflet opens them on the map): their pane is
    // hidden with the group, until their own cleanup closes them, and shown again by the next dataset.
    const popups = map.getPane('popupPane');
    if (popups) popups.style.visibility = '';
    return () => {
      group.remove();
      if (popups) popups.style.visibility = 'hidden';
    };
  }, [map, group]);
  const stackHandlers = useMemo(() => ({ remove: () => stack?.onClose() }), [stack]);
  // Whether OpenInView has put the map in this dataset's view. Until then nothing asks what the view
  // shows or moves the map (clusters, the selected incident's popup, bringing it into view): the
  // fit would undo or outdate it. The ref is set just before that move, so that the move's own
  // moveend asks for the clusters of the view it opens; the state, after it, for what renders.
  const [opened, setOpened] = useState(false);
  const viewOpenedRef = useRef(false);
  const onOpening = useCallback(() => { viewOpenedRef.current = true; }, []);
  const onOpened = useCallback(() => {
    setOpened(true);
    onMapOpened();
  }, [onMapOpened]);

  return (
    <LeafletContext.Provider value={context}>
      <OpenInView view={view} box={initialBox} onOpening={onOpening} onOpened={onOpened} />
      {display.kind === 'markers' ? (
        <>
          <UncertaintyCircles incidents={display.incidents} actors={actors} selectedId={selectedId} />
          <IncidentMarkers incidents={display.incidents} actors={actors} eventTypes={eventTypes} selectedId={selectedId} onSelect={onSelect} />
        </>
      ) : (
        <>
          {selected && <UncertaintyCircles incidents={[selected]} actors={actors} selectedId={selectedId} />}
          <ClusterLayer
            viewOpened={viewOpenedRef}
            queryView={display.queryView}
            filterKey={display.filterKey}
            prefetched={display.prefetched}
            actors={actors}
            eventTypes={eventTypes}
            selectedId={selectedId}
            onSelect={onSelect}
            onOpenStack={display.onOpenStack}
          />
        </>
      )}
      {selected && opened && (
        <SelectedIncidentPopup incident={selected} focus={storyFocus} onClose={onPopupClosed}>
          {renderStory(selected)}
        </SelectedIncidentPopup>
      )}
      {stack && !selected && opened && (
        <Popup position={[stack.lat, stack.lng]} eventHandlers={stackHandlers} maxHeight={360} minWidth={260} className="stack-popup">
          {stack.content}
        </Popup>
      )}
      <ViewController
        opened={opened}
        initialBox={initialBox}
        resetViewCount={resetViewCount}
        selected={selected}
        view={view}
        viewRequest={viewRequest}
        onViewChange={onViewChange}
      />
    </LeafletContext.Provider>
  );
});

/**
 * Puts the map in the dataset's view when its layers join it: the link's view, else the dataset's
 * extent; then says so (onOpened), and its siblings ask what the view shows. An effect, not a
 * layout effect: it runs after the previous dataset's layers have let go of the map (their
 * handlers would take this move for the reader's).
 */
function OpenInView({ view, box, onOpening, onOpened }: { view: MapView | null; box: LngLatBox | undefined; onOpening(): void; onOpened(): void }) {
  const map = useMap();
  // Read once: later changes go through ViewController.
  const [opening] = useState(() => ({ view, box }));
  useEffect(function openInTheDatasetsView() {
    const open = () => {
      // The size the map has in this view (the one it was last measured in may have had no sheet).
      map.invalidateSize({ pan: false });
      // A pan still gliding (the reader flicked the map as the file finished) stops with a moveend
      // of its own, for the view being left: stopped before the flag, so that nothing asks for it.
      // (Only then: stop() also sets the view again, with a moveend of its own.)
      if ((map as unknown as { _panAnim?: { _inProgress?: boolean } })._panAnim?._inProgress) map.stop();
      onOpening();
      // The view the page asked the worker about ahead, as the dataset was set (askAhead).
      const { center, zoom } = openingView(map, opening.view, opening.box);
      map.setView(center, zoom, { animate: false });
      onOpened();
    };
    // Leaflet ignores a new view while a zoom animates (the reader zoomed as the file finished), and
    // a zoom asked for in the frame before starts its animation at the next frame, from the old
    // view: open after it, then.
    const animating = () => (map as unknown as { _animatingZoom?: boolean })._animatingZoom === true;
    // At the next frame, not in the commit that mounted the view: the map's measure of itself then
    // lays out the view just mounted (~25 ms at start), and in the commit's task it made one of 50–60 ms.
    const cancelFrame = onNextFrame(() => {
      if (animating()) map.once('zoomend', open);
      else open();
    });
    return () => {
      cancelFrame();
      map.off('zoomend', open);
    };
  }, [map, opening, onOpening, onOpened]);
  return null;
}
