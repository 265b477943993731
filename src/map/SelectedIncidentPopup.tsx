import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Popup as LeafletPopup } from 'leaflet';
import { Popup, useMap } from 'react-leaflet';
import type { IncidentFeature } from '../data/incident-types';
import { popupFit } from '../model/screen-layout';
import { toLatLng } from './lng-lat';

interface Props {
  incident: IncidentFeature;
  /** Where keyboard focus goes when it opens (or when asked again: `request` changes). */
  focus: { target: 'story' | 'sources' | 'none'; request: number };
  /** Called when the reader closes the popup (close button, Escape, a click on the map). */
  onClose(id: string): void;
  children: ReactNode;
}

/** The one popup, for the selected incident; its content is React elements, never HTML. */
export function SelectedIncidentPopup({ incident, focus, onClose, children }: Props) {
  const map = useMap();
  // By value: react-leaflet makes the popup again (closing it) for a new position object.
  const [lng, lat] = incident.geometry.coordinates;
  const position = useMemo(() => toLatLng([lng, lat]), [lng, lat]);
  const eventHandlers = useMemo(() => ({
    remove: () => {
      onClose(incident.id);
      returnFocus(incident.id, cameFrom.current);
    },
  }), [incident.id, onClose]);

  const { target, request } = focus;
  const popup = useRef<LeafletPopup>(null);
  /** Where focus was before it moved into the story (a list row, a marker), to go back there on close. */
  const cameFrom = useRef<HTMLElement | null>(null);
  useEffect(function focusStory() {
    // Into the story (or straight to its sources), so keyboard readers land on it rather than on
    // the next marker; not while they step through the list, which keeps focus. This popup's own
    // element, a few frames at most: its content is rendered into Leaflet's container after it opens.
    if (target === 'none') return;
    let frame = 0, tries = 0;
    const focusWhenThere = () => {
      const content = popup.current?.getElement()?.querySelector<HTMLElement>('.leaflet-popup-content');
      const into = target === 'sources' ? content?.querySelector<HTMLElement>('.sources-heading') : content;
      if (!into) {
        if (++tries < 10) frame = requestAnimationFrame(focusWhenThere);
        return;
      }
      const before = document.activeElement;
      if (before instanceof HTMLElement && before !== document.body && !before.closest('.leaflet-popup')) cameFrom.current = before;
      into.tabIndex = -1;
      into.focus({ preventScroll: true });
      if (target === 'sources') into.scrollIntoView({ block: 'nearest' });
    };
    frame = requestAnimationFrame(focusWhenThere);
    return () => cancelAnimationFrame(frame);
  }, [incident.id, target, request]);

  useEffect(function closeOnEscape() {
    // Leaflet closes popups on Escape only while the map container itself has focus.
    const onKeyDown = (event: KeyboardEvent) => { if (event.key === 'Escape') map.closePopup(); };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [map]);

  useEffect(function followMapHeight() {
    // The map grows shorter when the window does or a phone's panels open (and by a few pixels when
    // the timeline takes its frame's place): the story's height and the padding follow, and the
    // popup is panned into sight again.
    const onResize = () => {
      const open = popup.current;
      if (!open?.isOpen()) return;
      Object.assign(open.options, popupFit(window.innerWidth, map.getSize().y));
      open.update();
    };
    map.on('resize', onResize);
    return () => { map.off('resize', onResize); };
  }, [map]);

  return (
    <Popup
      key={incident.id}
      ref={popup}
      position={position}
      eventHandlers={eventHandlers}
      // A phone's map is ~390 px wide: a 280 px minimum with Leaflet's margins spilled past its left edge.
      maxWidth={Math.min(380, window.innerWidth - 50)}
      minWidth={Math.min(280, window.innerWidth - 50)}
      // Read when the popup is made (react-leaflet applies a popup's options only then); a resize sets them again (followMapHeight).
      {...popupFit(window.innerWidth, map.getSize().y)}
      className="incident-popup"
    >
      {children}
    </Popup>
  );
}

/** A keyboard reader who closes the popup lands back where they came from: the list, or the marker. */
function returnFocus(id: string, cameFrom: HTMLElement | null): void {
  const active = document.activeElement;
  if (active && active !== document.body && !active.closest('.leaflet-popup')) return;
  if (cameFrom?.isConnected) {
    cameFrom.focus({ preventScroll: true });
    return;
  }
  const marker = document.querySelector<HTMLElement>(`.incident-marker[data-incident-id="${CSS.escape(id)}"]`);
  marker?.focus({ preventScroll: true });
}
