import type { IncidentFeature } from '../data/incident-types';

/** A box in GeoJSON terms (degrees of longitude and latitude). map/ turns it into Leaflet's. */
export interface LngLatBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

function boxOf(incidents: readonly IncidentFeature[]): LngLatBox | undefined {
  if (incidents.length === 0) return undefined;
  const box = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const { geometry: { coordinates: [lng, lat] } } of incidents) {
    box.west = Math.min(box.west, lng);
    box.east = Math.max(box.east, lng);
    box.south = Math.min(box.south, lat);
    box.north = Math.max(box.north, lat);
  }
  return box;
}

/**
 * The first view: the conflict incidents, so that diplomacy far away (Moscow, Geneva) does not
 * pull the map out to a continent. Falls back to everything when there are no conflict incidents.
 */
export function initialExtent(incidents: readonly IncidentFeature[]): LngLatBox | undefined {
  const conflict = incidents.filter((i) => i.properties.layer === 'conflict');
  return boxOf(conflict.length ? conflict : incidents);
}

/** Incidents that lie outside a box: listed for the reader, so none is out of sight unknowingly. */
export function outsideExtent(incidents: readonly IncidentFeature[], box: LngLatBox | undefined): IncidentFeature[] {
  if (!box) return [];
  return incidents.filter(({ geometry: { coordinates: [lng, lat] } }) =>
    (lng < box.west || lng > box.east || lat < box.south || lat > box.north));
}
