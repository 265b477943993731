/**
 * Benchmark of the incident index: npx tsx src/model/index/index.bench.ts
 *
 * Synthetic data in the shape of real conflict data (synthetic-incidents) at 10k, 100k and 1M
 * incidents, sorted by place (spatial-order) as the worker is meant to do. One-off costs are timed
 * once; per-interaction costs are the median and the fastest of RUNS after a warm-up. Prints a
 * table of ms (and bytes) to paste into grid-clusters.ts. A figure, not a pass/fail.
 */
import { buildColumns, memoryBytes, type IncidentColumns } from './incident-columns';
import { permuteColumns } from './permute-columns';
import { clusterView, type ClusterIndex } from './grid-clusters';
import { buildGridPyramid, pyramidBytes, pyramidCellCount, refreshPyramid } from './grid-pyramid';
import type { GridView } from './grid-geometry';
import { latToY, yToLat } from './mercator';
import { buildSpatialIndex, spatialIndexBytes } from './spatial-index';
import { spatialOrder } from './spatial-order';
import { SYNTHETIC_ACTOR_IDS, syntheticIncidents } from './synthetic-incidents';
import { computeMask, countByActorCode } from './visibility-mask';

const SIZES = [10_000, 100_000, 1_000_000];
const RUNS = 7;
/** The pyramid's settings in the worker: 64 px cells, precomputed to zoom 12 (see grid-clusters.ts). */
const CELL_PX = 64, MAX_ZOOM = 12;
const DAY_2019 = 17897, DAY_2020 = 18262;

function once<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

/** Median and fastest of RUNS after a warm-up: the fastest shows the cost when nothing else competes for the CPU. */
function timed(run: () => unknown, per = 1): string {
  run();
  const times = Array.from({ length: RUNS }, () => once(run)[1] / per).sort((a, b) => a - b);
  return `${ms(times[RUNS >> 1]!)} (${ms(times[0]!)})`;
}

/** A 1280×800 px viewport centred on (lng, lat). */
function viewAround(lng: number, lat: number, zoom: number): GridView {
  const world = 256 * 2 ** zoom, y = latToY(lat);
  const halfW = (640 / world) * 360, halfH = 400 / world;
  return { west: lng - halfW, east: lng + halfW, north: yToLat(y - halfH), south: yToLat(y + halfH), zoom, cellPx: CELL_PX };
}

const VIEWS: [string, GridView][] = [
  ['world, zoom 2', viewAround(30, 20, 2)],
  ['Syria, zoom 6', viewAround(38.5, 35, 6)],
  ['Syria, zoom 7', viewAround(38.5, 35, 7)],
  ['Aleppo, zoom 11', viewAround(37.16, 36.2, 11)],
  ['Aleppo, zoom 13 (points)', viewAround(37.16, 36.2, 13)],
];

type Row = [string, ...string[]];
const table: Row[] = [];
function record(label: string, column: number, value: string) {
  let row = table.find((r) => r[0] === label);
  if (!row) table.push((row = [label]));
  row[column + 1] = value;
}
const ms = (t: number) => (t < 10 ? t.toFixed(2) : t.toFixed(1));

function withTimes(label: string, column: number, run: () => unknown, per = 1) {
  record(label, column, timed(run, per));
}

function benchSize(n: number, column: number) {
  const generated = syntheticIncidents(n);
  const [fileColumns, columnsMs] = once(() => buildColumns(generated, SYNTHETIC_ACTOR_IDS));
  const [columns, orderMs] = once(() => permuteColumns(fileColumns, spatialOrder(fileColumns)));
  const [points, indexMs] = once(() => buildSpatialIndex(columns));
  const [pyramid, pyramidMs] = once(() => buildGridPyramid(columns, { cellPx: CELL_PX, maxZoom: MAX_ZOOM }));
  record('spatialOrder + permuteColumns (once)', column, ms(orderMs));
  record('buildColumns (once)', column, ms(columnsMs));
  record('kdbush index (once)', column, ms(indexMs));
  record(`pyramid layout, zooms 0–${MAX_ZOOM} (once)`, column, ms(pyramidMs));
  const perIncident = (bytes: number) => (bytes / n).toFixed(1);
  record('bytes/incident: columns', column, perIncident(memoryBytes(columns)));
  record('bytes/incident: kdbush', column, perIncident(spatialIndexBytes(points)));
  record('bytes/incident: pyramid', column, perIncident(pyramidBytes(pyramid)));
  record('bytes/incident: total', column, perIncident(memoryBytes(columns) + spatialIndexBytes(points) + pyramidBytes(pyramid)));
  record('pyramid cells (all zooms)', column, String(pyramidCellCount(pyramid)));

  const hidden = new Uint8Array(columns.actorIds.length);
  const mask = new Uint8Array(n);
  withTimes('computeMask: no filter', column, () => computeMask(columns, hidden, undefined, mask));
  hidden[0] = 1;
  withTimes('computeMask: top actor hidden', column, () => computeMask(columns, hidden, undefined, mask));
  withTimes('computeMask: + a year', column, () => computeMask(columns, hidden, { startDay: DAY_2019, endDay: DAY_2020 }, mask));
  withTimes('countByActorCode', column, () => countByActorCode(columns, mask));
  hidden[0] = 0;
  computeMask(columns, hidden, undefined, mask);
  withTimes('refreshPyramid', column, () => refreshPyramid(pyramid, columns, mask));

  const index: ClusterIndex = { points, pyramid };
  const country = VIEWS[2]![1];
  withTimes('toggle: mask + refresh + Syria z7', column, () => {
    hidden[0] = hidden[0] === 1 ? 0 : 1;
    computeMask(columns, hidden, undefined, mask);
    refreshPyramid(pyramid, columns, mask);
    return clusterView(index, columns, mask, country);
  });
  hidden[0] = 0;
  computeMask(columns, hidden, undefined, mask);
  refreshPyramid(pyramid, columns, mask);
  for (const [name, view] of VIEWS) {
    withTimes(`clusterView ${name}`, column, () => clusterView(index, columns, mask, view));
    record(`  clusters | incidents in view: ${name}`, column, `${clusterView(index, columns, mask, view).clusters.length} | ${clusterView(index, columns, mask, view).count}`);
  }
  const pans = Array.from({ length: 20 }, (_, step) => ({ ...country, west: country.west + step * 0.5, east: country.east + step * 0.5 }));
  withTimes('pan: 20 steps of 0.5° at z7, per step', column, () => pans.forEach((view) => clusterView(index, columns, mask, view)), pans.length);
  const city = VIEWS[4]![1], quarter = (city.east - city.west) / 4;
  const cityPans = Array.from({ length: 20 }, (_, step) => ({ ...city, west: city.west + (step - 10) * quarter, east: city.east + (step - 10) * quarter }));
  withTimes('pan: 20 steps of ¼ view at z13 (points), per step', column, () => cityPans.forEach((view) => clusterView(index, columns, mask, view)), cityPans.length);
  for (const [name, view] of [VIEWS[0]!, VIEWS[2]!]) {
    withTimes(`points only (no pyramid): ${name}`, column, () => clusterView({ points }, columns, mask, view));
  }
  inputOrderRefresh(generated, column);
}

/** The same refresh with rows in the generator's (date-like, unsorted) order: what spatialOrder saves. */
function inputOrderRefresh(generated: ReturnType<typeof syntheticIncidents>, column: number) {
  const columns: IncidentColumns = buildColumns(generated, SYNTHETIC_ACTOR_IDS);
  const pyramid = buildGridPyramid(columns, { cellPx: CELL_PX, maxZoom: MAX_ZOOM });
  const { mask } = computeMask(columns, new Uint8Array(columns.actorIds.length));
  withTimes('refreshPyramid, rows not sorted by place', column, () => refreshPyramid(pyramid, columns, mask));
  withTimes('points only, world z2, rows not sorted', column, () => clusterView({ points: buildSpatialIndexOnce(columns) }, columns, mask, VIEWS[0]![1]));
}

const indexes = new WeakMap<IncidentColumns, ReturnType<typeof buildSpatialIndex>>();
function buildSpatialIndexOnce(columns: IncidentColumns) {
  if (!indexes.has(columns)) indexes.set(columns, buildSpatialIndex(columns));
  return indexes.get(columns)!;
}

SIZES.forEach(benchSize);
const header: Row = ['ms: median (fastest) of 7, unless stated', ...SIZES.map((n) => `${n / 1000}k`)];
const widths = header.map((_, c) => Math.max(...[header, ...table].map((r) => (r[c] ?? '').length)));
for (const row of [header, ...table]) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : (cell ?? '').padStart(widths[c]!))).join('  '));
