import { memo, useMemo, useState, type ReactNode } from 'react';
import { LayersControl, LayerGroup, MapContainer, Popup, ScaleControl, TileLayer } from 'react-leaflet';
import type { ActorDefinition, EventTypeDefinition, IncidentFeature } from '../data/incident-types';
import type { LngLatBox } from '../model/view-extent';
import type { BaseLayer, MapView } from '../model/view-state';
import type { ViewMarker, ViewQuery } from '../worker/dataset-protocol';
import { BenchHooks } from './BenchHooks';
import { ClusterLayer } from './ClusterLayer';
import { IncidentMarkers } from './IncidentMarkers';
import { toLatLngBounds } from './lng-lat';
import { OfflineBasemap } from './OfflineBasemap';
import { SelectedIncidentPopup } from './SelectedIncidentPopup';
import { UncertaintyCircles } from './UncertaintyCircles';
import { fitOptions, ViewController } from './ViewController';

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
  baseLayer: BaseLayer;
  onBaseLayerChange(base: BaseLayer): void;
  onSelect(id: string): void;
  /** The reader closed the popup of incident `id` (it may no longer be the selected one). */
  onPopupClosed(id: string): void;
  /** The selected incident's story, rendered by the app's UI into the one popup. */
  renderStory(incident: IncidentFeature): ReactNode;
  /** An opened stack of incidents at one point: where, and its list (rendered by the UI). */
  stack?: { lng: number; lat: number; content: ReactNode; onClose(): void };
}

/** The map: turns the view state into layers, nothing more. */
const BASE_NAMES: Record<BaseLayer, string> = { offline: 'Offline map (Natural Earth, GeoNames)', osm: 'OpenStreetMap (needs internet)' };

export const ConflictMap = memo(function ConflictMap({
  display, actors, eventTypes, initialBox, selectedId, selected, storyFocus, resetViewCount, view, viewRequest, onViewChange, baseLayer, onBaseLayerChange,
  onSelect, onPopupClosed, renderStory, stack,
}: Props) {
  const bounds = useMemo(() => (initialBox ? toLatLngBounds(initialBox) : undefined), [initialBox]);
  // The view the map is made with: a link's, else the dataset's extent. Later changes go through ViewController.
  const [initialView] = useState(view);
  const stackHandlers = useMemo(() => ({ remove: () => stack?.onClose() }), [stack]);

  return (
    <MapContainer
      className="conflict-map"
      {...(initialView ? { center: [initialView.lat, initialView.lng], zoom: initialView.zoom } : bounds ? { bounds, boundsOptions: fitOptions(window.innerWidth) } : { center: [34.8, 38.5], zoom: 6 })}
      minZoom={2}
      maxZoom={14}
      worldCopyJump
      preferCanvas
      keyboard
      aria-label="Map of reported incidents"
    >
      {/* Made again when Back/Forward asks (LayersControl reads `checked` when made); not when the reader picks a layer, which would drop keyboard focus. */}
      <LayersControl position="topleft" key={viewRequest}>
        <LayersControl.BaseLayer checked={baseLayer === 'offline'} name={BASE_NAMES.offline}>
          <LayerGroup>
            <OfflineBasemap />
          </LayerGroup>
        </LayersControl.BaseLayer>
        <LayersControl.BaseLayer checked={baseLayer === 'osm'} name={BASE_NAMES.osm}>
          <TileLayer
            url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
            attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
            maxZoom={19}
          />
        </LayersControl.BaseLayer>
      </LayersControl>
      <ScaleControl position="bottomright" imperial={false} />
      {display.kind === 'markers' ? (
        <>
          <UncertaintyCircles incidents={display.incidents} actors={actors} selectedId={selectedId} />
          <IncidentMarkers incidents={display.incidents} actors={actors} eventTypes={eventTypes} selectedId={selectedId} onSelect={onSelect} />
        </>
      ) : (
        <>
          {selected && <UncertaintyCircles incidents={[selected]} actors={actors} selectedId={selectedId} />}
          <ClusterLayer
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
      {selected && (
        <SelectedIncidentPopup incident={selected} focus={storyFocus} onClose={onPopupClosed}>
          {renderStory(selected)}
        </SelectedIncidentPopup>
      )}
      {stack && !selected && (
        <Popup position={[stack.lat, stack.lng]} eventHandlers={stackHandlers} maxHeight={360} minWidth={260} className="stack-popup">
          {stack.content}
        </Popup>
      )}
      <ViewController
        initialBox={initialBox}
        resetViewCount={resetViewCount}
        selected={selected}
        view={view}
        viewRequest={viewRequest}
        onViewChange={onViewChange}
        onBaseLayerChange={(name) => onBaseLayerChange(name === BASE_NAMES.osm ? 'osm' : 'offline')}
      />
      <BenchHooks />
    </MapContainer>
  );
});
