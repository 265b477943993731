import { useMemo, type ReactNode } from 'react';
import { Popup } from 'react-leaflet';
import type { IncidentFeature } from '../data/incident-types';
import { toLatLng } from './lng-lat';

interface Props {
  incident: IncidentFeature;
  /** Called when the reader closes the popup (close button, Escape, a click on the map). */
  onClose(id: string): void;
  children: ReactNode;
}

/** The one popup, for the selected incident; its content is React elements, never HTML. */
export function SelectedIncidentPopup({ incident, onClose, children }: Props) {
  const position = useMemo(() => toLatLng(incident.geometry.coordinates), [incident.geometry.coordinates]);
  const eventHandlers = useMemo(() => ({
    remove: () => {
      onClose(incident.id);
      returnFocusToMarker(incident.id);
    },
  }), [incident.id, onClose]);
  return (
    <Popup
      key={incident.id}
      position={position}
      eventHandlers={eventHandlers}
      maxWidth={380}
      minWidth={280}
      maxHeight={420}
      autoPanPadding={[24, 24]}
      className="incident-popup"
    >
      {children}
    </Popup>
  );
}

/** A keyboard reader who closes the popup lands back on the marker they came from. */
function returnFocusToMarker(id: string): void {
  const active = document.activeElement;
  if (active && active !== document.body && !active.closest('.leaflet-popup')) return;
  const marker = document.querySelector<HTMLElement>(`.incident-marker[data-incident-id="${CSS.escape(id)}"]`);
  marker?.focus({ preventScroll: true });
}
