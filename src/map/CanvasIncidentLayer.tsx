import { useEffect } from 'react';
import { CircleMarker, useMap } from 'react-leaflet';
import { canvas, circleMarker, layerGroup } from 'leaflet';
import type { ActorDefinition, IncidentFeature } from '../data/incident-types';
import { toLatLng } from './lng-lat';

interface Props {
  incidents: readonly IncidentFeature[];
  actors: Record<string, ActorDefinition>;
  onSelect(id: string): void;
}

/**
 * Big datasets (thousands of events) as dots on one canvas: a DOM marker each would freeze the
 * page. Made imperatively, once per change of the visible set, because thousands of React
 * components would cost more than the drawing. Dots are coloured by their first actor.
 * Keyboard access to single events at this size comes with clustering.
 */
export function CanvasIncidentLayer({ incidents, actors, onSelect }: Props) {
  const map = useMap();

  useEffect(function drawDots() {
    const renderer = canvas({ padding: 0.2, tolerance: 4 });
    const group = layerGroup();
    for (const incident of incidents) {
      const colour = actors[incident.properties.actors[0]?.actor ?? '']?.colour ?? '#777777';
      const dot = circleMarker(toLatLng(incident.geometry.coordinates), {
        renderer,
        radius: 4.5,
        color: '#ffffff',
        weight: 1,
        fillColor: colour,
        fillOpacity: 0.85,
      });
      dot.on('click', () => onSelect(incident.id));
      group.addLayer(dot);
    }
    group.addTo(map);
    return function removeDots() {
      group.remove();
      renderer.remove();
    };
  }, [map, incidents, actors, onSelect]);

  return null;
}

/** A ring around the selected dot, drawn apart so selecting doesn't redraw thousands of dots. */
export function SelectedDotRing({ incident }: { incident: IncidentFeature }) {
  return (
    <CircleMarker
      center={toLatLng(incident.geometry.coordinates)}
      radius={9}
      interactive={false}
      pathOptions={{ color: '#111111', weight: 3, fill: false }}
    />
  );
}
