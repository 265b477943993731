import { Circle } from 'react-leaflet';
import type { ActorDefinition, IncidentFeature } from '../data/incident-types';
import { isImprecise } from '../model/describe-incident';
import { toLatLng } from './lng-lat';

interface Props {
  incidents: readonly IncidentFeature[];
  actors: Record<string, ActorDefinition>;
  selectedId: string | null;
}

/**
 * A dashed circle around every point that stands for somewhere less precise than a site or a
 * village — its radius is how far away the real place may be. Not clickable: the marker is.
 */
export function UncertaintyCircles({ incidents, actors, selectedId }: Props) {
  return incidents.filter((incident) => isImprecise(incident.properties.place)).map((incident) => {
    const selected = incident.id === selectedId;
    const colour = actors[incident.properties.actors[0]?.actor ?? '']?.colour ?? '#555555';
    return (
      <Circle
        key={incident.id}
        center={toLatLng(incident.geometry.coordinates)}
        radius={incident.properties.place.uncertaintyKm * 1000}
        interactive={false}
        className="uncertainty-circle"
        pathOptions={{
          color: colour,
          weight: selected ? 2.5 : 1.5,
          dashArray: '6 5',
          fillColor: colour,
          fillOpacity: selected ? 0.14 : 0.06,
          opacity: selected ? 0.95 : 0.7,
        }}
      />
    );
  });
}
