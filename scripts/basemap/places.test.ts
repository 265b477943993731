import { describe, expect, it } from 'vitest';
import { DISPLAY_NAMES } from './place-names';
import { buildPlaces, readCities } from './places';

describe('buildPlaces', () => {
  const places = buildPlaces(readCities());
  const named = (name: string) => places.filter((p) => p.name === name);

  it('shows the places readers look for by their English name', () => {
    for (const name of ['Hama', 'Daraa', 'Tartus', 'Quneitra', 'Busra al-Sham', 'Salkhad', 'Palmyra', 'Qamishli', 'Geneva']) {
      expect(named(name), name).toHaveLength(1);
    }
    expect(named('Geneva')[0]).toMatchObject({ country: 'CH', lat: 46.2022, lng: 6.1457 });
  });

  it('uses no GeoNames name that the table replaces, and keeps GeoNames names elsewhere', () => {
    const replaced = DISPLAY_NAMES.filter((d) => d.geonames !== d.english).map((d) => d.geonames);
    expect(places.filter((p) => replaced.includes(p.name))).toEqual([]);
    expect(named('Şanlıurfa')).toHaveLength(1);
  });

  it('ranks the capitals first and sorts biggest first within a rank', () => {
    expect(named('Damascus')[0]?.rank).toBe(1);
    for (let i = 1; i < places.length; i++) {
      const [a, b] = [places[i - 1]!, places[i]!];
      expect(a.rank < b.rank || (a.rank === b.rank && a.population >= b.population), `${a.name} before ${b.name}`).toBe(true);
    }
  });
});
