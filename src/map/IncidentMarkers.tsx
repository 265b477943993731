import { useEffect, useMemo, useRef, useState } from 'react';
import { Marker, useMap, useMapEvents } from 'react-leaflet';
import type { LeafletKeyboardEvent, Marker as LeafletMarker } from 'leaflet';
import type { ActorDefinition, EventTypeDefinition, IncidentFeature } from '../data/incident-types';
import { formatIncidentDate, isOnlyClaimed } from '../model/describe-incident';
import { spreadOverlapping } from '../model/spread-overlapping';
import { incidentIcon } from './incident-icon';
import { toLatLng } from './lng-lat';

interface Props {
  incidents: readonly IncidentFeature[];
  actors: Record<string, ActorDefinition>;
  eventTypes: Record<string, EventTypeDefinition>;
  selectedId: string | null;
  onSelect(id: string): void;
}

/** One focusable marker per visible incident; Enter or Space on a focused marker selects it. */
export function IncidentMarkers({ incidents, actors, eventTypes, selectedId, onSelect }: Props) {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useMapEvents({ zoomend: () => setZoom(map.getZoom()) });
  // Spread markers that would cover each other at this zoom. Layer points don't change on pan.
  const offsets = useMemo(() => spreadOverlapping(incidents.map((incident) => {
    const { x, y } = map.project(toLatLng(incident.geometry.coordinates), zoom);
    return { id: incident.id, x, y };
  })), [map, incidents, zoom]);
  return incidents.map((incident) => (
    <IncidentMarker
      key={incident.id}
      incident={incident}
      actors={actors}
      eventTypes={eventTypes}
      selected={incident.id === selectedId}
      offset={offsets.get(incident.id)}
      onSelect={onSelect}
    />
  ));
}

interface MarkerProps {
  incident: IncidentFeature;
  actors: Record<string, ActorDefinition>;
  eventTypes: Record<string, EventTypeDefinition>;
  selected: boolean;
  offset: readonly [number, number] | undefined;
  onSelect(id: string): void;
}

function IncidentMarker({ incident, actors, eventTypes, selected, offset, onSelect }: MarkerProps) {
  const { id, geometry, properties } = incident;
  const eventType = eventTypes[properties.eventType];
  const claimed = isOnlyClaimed(properties);
  const label = `${properties.title}. ${formatIncidentDate(properties.date)}. ${eventType?.label ?? properties.eventType}${claimed ? ', claimed' : ''}.`;

  // Icons are made once per state: react-leaflet calls setIcon whenever the icon object changes.
  const icon = useMemo(() => incidentIcon({
    id,
    colours: properties.actors.map((a) => actors[a.actor]?.colour ?? '#777777'),
    shape: eventType?.shape ?? 'circle',
    claimed,
    selected,
    ...(offset ? { offset } : {}),
  }), [id, properties.actors, actors, eventType, claimed, selected, offset]);
  const position = useMemo(() => toLatLng(geometry.coordinates), [geometry.coordinates]);
  const eventHandlers = useMemo(() => ({
    click: () => onSelect(id),
    keypress: (event: LeafletKeyboardEvent) => {
      if (event.originalEvent.key === 'Enter' || event.originalEvent.key === ' ') {
        event.originalEvent.preventDefault();
        onSelect(id);
      }
    },
  }), [id, onSelect]);

  // Leaflet names the icon element only with `title`; give it a full accessible name and state.
  // The marker is on the map by now: react-leaflet adds it in the child's effect, which runs first.
  const markerRef = useRef<LeafletMarker>(null);
  useEffect(function nameMarkerElement() {
    const element = markerRef.current?.getElement();
    if (!element) return;
    element.setAttribute('aria-label', label);
    element.setAttribute('aria-pressed', String(selected));
    element.dataset.incidentId = id;
  }, [id, label, selected, icon]);

  return (
    <Marker
      position={position}
      icon={icon}
      title={properties.title}
      keyboard
      zIndexOffset={selected ? 1000 : 0}
      eventHandlers={eventHandlers}
      ref={markerRef}
    />
  );
}
