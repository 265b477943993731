import { useEffect, useRef } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import type { FitBoundsOptions } from 'leaflet';
import type { IncidentFeature } from '../data/incident-types';
import { PHONE_MAX_WIDTH_PX } from '../model/screen-layout';
import type { LngLatBox } from '../model/view-extent';
import type { MapView } from '../model/view-state';
import { toLatLng, toLatLngBounds } from './lng-lat';

/**
 * Fitting leaves room for the panels floating over the map's right side (wide screens) or its
 * bottom (phones), so no incident starts hidden under them.
 */
export function fitOptions(mapWidthPx: number): FitBoundsOptions {
  return mapWidthPx > PHONE_MAX_WIDTH_PX
    ? { paddingTopLeft: [60, 90], paddingBottomRight: [330, 60], maxZoom: 9 }
    : { paddingTopLeft: [30, 30], paddingBottomRight: [30, 120], maxZoom: 9 };
}

interface Props {
  /** The map is in the dataset's view (OpenInView): a selected incident is brought into view after that, not undone by it. */
  opened: boolean;
  initialBox: LngLatBox | undefined;
  resetViewCount: number;
  selected: IncidentFeature | undefined;
  view: MapView | null;
  viewRequest: number;
  onViewChange(view: MapView): void;
}

/** Moves the map when the view state asks: back to the initial extent, or to a selected incident out of sight. */
export function ViewController({ opened, initialBox, resetViewCount, selected, view, viewRequest, onViewChange }: Props) {
  const map = useMap();
  const firstReset = useRef(resetViewCount);
  const firstRequest = useRef(viewRequest);

  useMapEvents({
    moveend: () => {
      const centre = map.getCenter();
      onViewChange({ lat: centre.lat, lng: centre.lng, zoom: map.getZoom() });
    },
  });

  const latestView = useRef(view);
  useEffect(function keepLatestView() { latestView.current = view; }, [view]);
  useEffect(function goWhereAsked() {
    // Back / Forward: the entry's view, or the dataset's extent when it had none.
    if (viewRequest === firstRequest.current) return;
    const target = latestView.current;
    if (target) map.setView([target.lat, target.lng], target.zoom, { animate: false });
    else if (initialBox) map.fitBounds(toLatLngBounds(initialBox), fitOptions(map.getSize().x));
  }, [map, initialBox, viewRequest]);

  useEffect(function fitOnReset() {
    if (resetViewCount === firstReset.current || !initialBox) return;
    map.fitBounds(toLatLngBounds(initialBox), fitOptions(map.getSize().x));
  }, [map, initialBox, resetViewCount]);

  useEffect(function bringSelectedIntoView() {
    if (!selected || !opened) return;
    const position = toLatLng(selected.geometry.coordinates);
    const bounds = map.getBounds();
    if (bounds.pad(-0.1).contains(position)) return;
    // Nearby: keep the zoom. Far away (another country): a regional zoom, for context.
    map.setView(position, bounds.pad(1).contains(position) ? map.getZoom() : 5, { animate: false });
  }, [map, selected, opened]);

  return null;
}
