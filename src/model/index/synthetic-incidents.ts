import type { ActorRef, IncidentDate, IncidentFeature, IncidentPlace, SourceCitation } from '../../data/incident-types';

/**
 * Made-up incidents in the shape of real conflict data, for the benchmark and the tests: points
 * clustered around real towns (Syria, Iraq, Yemen, Libya, the Sahel, Somalia) with a spread of a
 * few to tens of km, ~10% centroid-coded at exactly the town's point, ~12 actors with skewed
 * frequencies and one to three per incident, dates over a decade. Objects are minimal and share
 * what they can, so a million of them fit in a few hundred MB. Deterministic for a seed.
 */

/** [lng, lat, spread km] — GeoJSON order. */
const TOWNS: [number, number, number][] = [
  [37.16, 36.2, 15], [36.29, 33.51, 20], [36.71, 34.73, 10], [36.75, 35.13, 12], [36.63, 35.93, 25], [39.01, 35.95, 10],
  [40.14, 35.34, 30], [40.75, 36.5, 20], [41.23, 37.05, 8], [36.1, 32.62, 15], [35.78, 35.52, 6], [38.27, 34.56, 40],
  [37.95, 36.53, 8], [38.35, 36.89, 5], [37.52, 36.37, 6], [43.13, 36.34, 12], [44.37, 33.31, 20], [43.78, 33.35, 8],
  [43.3, 33.42, 10], [43.68, 34.6, 15], [44.39, 35.47, 12], [47.78, 30.51, 10], [43.87, 34.2, 8], [41.88, 36.32, 20],
  [44.19, 15.37, 15], [45.03, 12.79, 10], [44.02, 13.58, 8], [42.95, 14.8, 12], [45.32, 15.46, 30], [43.76, 16.94, 25],
  [-0.04, 16.27, 30], [-3.01, 16.77, 40], [-4.2, 14.49, 35], [2.4, 15.92, 40], [-1.53, 12.37, 10], [-1.63, 14.1, 25],
  [2.11, 13.51, 10], [1.45, 14.21, 30], [12.61, 13.32, 25], [13.16, 11.85, 15], [45.32, 2.05, 12], [13.19, 32.89, 10],
  [16.59, 31.21, 20], [20.07, 32.12, 12],
];
const ACTOR_COUNT = 12;
const TYPES = ['battle', 'airstrike', 'shelling', 'ied', 'protest', 'statement'];
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2014, 0, 1) / DAY_MS, DAYS = 3652;

export const SYNTHETIC_ACTOR_IDS = Array.from({ length: ACTOR_COUNT }, (_, i) => `actor-${i}`);

/** Seeded uniform [0, 1) (mulberry32): the same data on every run, on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index drawn with weight 1 / (i + 1)^power: a few towns and actors dominate, as in real data. */
function skewed(rand: () => number, n: number, power: number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) cumulative.push((total += 1 / (i + 1) ** power));
  return () => {
    const r = rand() * total;
    let i = 0;
    while (cumulative[i]! < r) i++;
    return i;
  };
}

export function syntheticIncidents(count: number, seed = 1): IncidentFeature[] {
  const rand = mulberry32(seed);
  const town = skewed(rand, TOWNS.length, 0.8), actor = skewed(rand, ACTOR_COUNT, 1.1);
  const isoOf = new Map<number, string>();
  const iso = (day: number) => isoOf.get(day) ?? isoOf.set(day, new Date(day * DAY_MS).toISOString().slice(0, 10)).get(day)!;
  const actorLists = new Map<string, ActorRef[]>();
  const places: IncidentPlace[] = [
    { name: '', precision: 'village', uncertaintyKm: 0.5 },
    { name: '', precision: 'city', uncertaintyKm: 5 },
    { name: '', precision: 'province', uncertaintyKm: 50 },
  ];
  const sources: SourceCitation[][] = [[{ source: 's', status: 'reported' }], [{ source: 's', status: 'claimed' }]];
  const incidents: IncidentFeature[] = new Array(count);

  for (let i = 0; i < count; i++) {
    const [lng0, lat0, km] = TOWNS[town()]!;
    const centroid = rand() < 0.1;
    let lng = lng0, lat = lat0;
    if (!centroid) {
      // Box–Muller: a gaussian spread of `km` around the town (1° of latitude ≈ 111 km).
      const r = Math.sqrt(-2 * Math.log(1 - rand())) * (km / 111), a = 2 * Math.PI * rand();
      lat += r * Math.sin(a);
      lng += (r * Math.cos(a)) / Math.cos((lat0 * Math.PI) / 180);
    }
    const codes = new Set<number>();
    const named = rand() < 0.03 ? 0 : rand() < 0.6 ? 1 : rand() < 0.75 ? 2 : 3;
    while (codes.size < named) codes.add(actor());
    const actorKey = [...codes].sort().join();
    const actors = actorLists.get(actorKey) ?? actorLists.set(actorKey, [...codes].map((c) => ({ actor: SYNTHETIC_ACTOR_IDS[c]!, role: 'party' as const }))).get(actorKey)!;
    incidents[i] = {
      type: 'Feature',
      id: `e${i}`,
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: {
        title: '', date: syntheticDate(rand, iso), place: places[centroid ? 2 : rand() < 0.7 ? 0 : 1]!,
        eventType: TYPES[Math.floor(rand() * TYPES.length)]!, layer: 'conflict', actors,
        targets: [], casualties: [], story: '', sources: sources[rand() < 0.15 ? 1 : 0]!,
      },
    };
  }
  return incidents;
}

/** Mostly exact days; some ranges of up to a week, months and years; 1% undated. */
function syntheticDate(rand: () => number, iso: (day: number) => string): IncidentDate | undefined {
  const kind = rand();
  if (kind < 0.01) return undefined;
  const day = FIRST_DAY + Math.floor(rand() * DAYS);
  if (kind < 0.75) return { start: iso(day), end: iso(day), precision: 'day' };
  if (kind < 0.93) return { start: iso(day), end: iso(day + 1 + Math.floor(rand() * 6)), precision: 'range' };
  if (kind < 0.98) return { start: iso(day), end: iso(day + 29), precision: 'month' };
  return { start: iso(day), end: iso(day + 364), precision: 'year' };
}
