import { createContext, useContext, useLayoutEffect, useRef } from 'react';
import type { Map as LeafletMap } from 'leaflet';

/**
 * The page has one map, made while the first dataset is read (its basemap drawn in time the
 * reader spends waiting anyway) and kept across datasets. It lives in an element of its own, the
 * host, which React renders the map into through a portal; the view showing it (the loading view,
 * then the dataset's) gives it a place with MapSlot. The dataset's layers reach the map through
 * `map`, once it is made.
 */
export interface MapHost {
  host: HTMLDivElement;
  map: LeafletMap | null;
  /** A slot took the host: the map can be made, at the size it will be seen at. */
  onPlaced(): void;
}

export const MapHostContext = createContext<MapHost | null>(null);

export function useMapHost(): MapHost {
  const host = useContext(MapHostContext);
  if (!host) throw new Error('useMapHost: no MapHostContext above this component');
  return host;
}

/** What had keyboard focus in the map when its slot let it go, for the next slot to give it back. */
const movedFocus = new WeakMap<HTMLElement, Element>();

/** Where the page's map is shown: the host moves in when this mounts, before the browser lays out. */
export function MapSlot() {
  const { host, onPlaced } = useMapHost();
  const slot = useRef<HTMLDivElement>(null);
  useLayoutEffect(function takeTheMap() {
    const element = slot.current!;
    element.append(host);
    // Keyboard focus in the map (a zoom button, the layer switcher) stays where it was across the
    // move — unless the reader has put it somewhere else since.
    const focused = movedFocus.get(host);
    movedFocus.delete(host);
    const elsewhere = document.activeElement && document.activeElement !== document.body;
    if (focused && !elsewhere && host.contains(focused) && focused instanceof HTMLElement) focused.focus({ preventScroll: true });
    onPlaced();
    return () => {
      if (host.parentElement !== element) return;
      if (document.activeElement && host.contains(document.activeElement)) {
        movedFocus.set(host, document.activeElement);
        // For a slot taking the map in this same commit (one view replacing another), not one much later.
        requestAnimationFrame(() => movedFocus.delete(host));
      }
      host.remove();
    };
  }, [host, onPlaced]);
  return <div className="map-slot" ref={slot} />;
}
