import { useMemo, type ReactNode } from 'react';
import { LayersControl, LayerGroup, MapContainer, ScaleControl, TileLayer } from 'react-leaflet';
import type { ActorDefinition, EventTypeDefinition, IncidentFeature } from '../data/incident-types';
import type { LngLatBox } from '../model/view-extent';
import { CanvasIncidentLayer, SelectedDotRing } from './CanvasIncidentLayer';
import { IncidentMarkers } from './IncidentMarkers';
import { toLatLngBounds } from './lng-lat';
import { OfflineBasemap } from './OfflineBasemap';
import { SelectedIncidentPopup } from './SelectedIncidentPopup';
import { UncertaintyCircles } from './UncertaintyCircles';
import { fitOptions, ViewController } from './ViewController';

interface Props {
  /** The incidents that pass the current filters. */
  incidents: readonly IncidentFeature[];
  actors: Record<string, ActorDefinition>;
  eventTypes: Record<string, EventTypeDefinition>;
  initialBox: LngLatBox | undefined;
  selectedId: string | null;
  resetViewCount: number;
  onSelect(id: string): void;
  /** The reader closed the popup of incident `id` (it may no longer be the selected one). */
  onPopupClosed(id: string): void;
  /** The selected incident's story, rendered by the app's UI into the one popup. */
  renderStory(incident: IncidentFeature): ReactNode;
}

/**
 * Above this many incidents, markers are canvas dots rather than DOM elements: a DOM marker each
 * would freeze the page (measured: ~16,000 UCDP events).
 */
export const DOM_MARKER_LIMIT = 1500;

/** The map: turns the view state into layers, nothing more. */
export function ConflictMap({ incidents, actors, eventTypes, initialBox, selectedId, resetViewCount, onSelect, onPopupClosed, renderStory }: Props) {
  const bounds = useMemo(() => (initialBox ? toLatLngBounds(initialBox) : undefined), [initialBox]);
  const selected = incidents.find((i) => i.id === selectedId);

  return (
    <MapContainer
      className="conflict-map"
      {...(bounds ? { bounds, boundsOptions: fitOptions(window.innerWidth) } : { center: [34.8, 38.5], zoom: 6 })}
      minZoom={2}
      maxZoom={12}
      worldCopyJump
      preferCanvas
      keyboard
      aria-label="Map of reported incidents"
    >
      <LayersControl position="topleft">
        <LayersControl.BaseLayer checked name="Offline map (Natural Earth, GeoNames)">
          <LayerGroup>
            <OfflineBasemap />
          </LayerGroup>
        </LayersControl.BaseLayer>
        <LayersControl.BaseLayer name="OpenStreetMap (needs internet)">
          <TileLayer
            url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
            attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
            maxZoom={19}
          />
        </LayersControl.BaseLayer>
      </LayersControl>
      <ScaleControl position="bottomright" imperial={false} />
      {incidents.length <= DOM_MARKER_LIMIT ? (
        <>
          <UncertaintyCircles incidents={incidents} actors={actors} selectedId={selectedId} />
          <IncidentMarkers incidents={incidents} actors={actors} eventTypes={eventTypes} selectedId={selectedId} onSelect={onSelect} />
        </>
      ) : (
        <>
          <CanvasIncidentLayer incidents={incidents} actors={actors} onSelect={onSelect} />
          {selected && <UncertaintyCircles incidents={[selected]} actors={actors} selectedId={selectedId} />}
          {selected && <SelectedDotRing incident={selected} />}
        </>
      )}
      {selected && (
        <SelectedIncidentPopup incident={selected} onClose={onPopupClosed}>
          {renderStory(selected)}
        </SelectedIncidentPopup>
      )}
      <ViewController initialBox={initialBox} resetViewCount={resetViewCount} selected={selected} />
    </MapContainer>
  );
}
