import { latLng, latLngBounds, type LatLng, type LatLngBounds } from 'leaflet';
import type { LngLatBox } from '../model/view-extent';

// The one place where GeoJSON's [longitude, latitude] becomes Leaflet's (latitude, longitude).

export function toLatLng([lng, lat]: readonly [number, number] | readonly number[]): LatLng {
  return latLng(lat ?? 0, lng ?? 0);
}

export function toLatLngBounds(box: LngLatBox): LatLngBounds {
  return latLngBounds([box.south, box.west], [box.north, box.east]);
}
