import { ActorTally, topActors, type ActorCount } from './actor-tally';
import { binAllRows, binPoints } from './bin-points';
import { COUNT, EAST, NORTH, ROW, SOUTH, STRIDE, SUM_LAT, SUM_LNG, WEST, type CellStats } from './cell-stats';
import { gridWindow, gridZoomOf, type GridView } from './grid-geometry';
import { visitPyramidCells, type GridPyramid } from './grid-pyramid';
import type { IncidentColumns } from './incident-columns';
import { latToY, lngToX } from './mercator';
import { EDGE_PAD, type SpatialIndex } from './spatial-index';

/**
 * Clusters of a map view: the shown incidents binned into a world-anchored grid of cellPx-pixel
 * cells (grid-geometry), one cluster per non-empty cell, small enough to post to the page.
 *
 * Two ways to the same clusters (grid-clusters.test compares them cluster by cluster):
 * - from the points (bin-points): a kdbush range over the view's cells, each shown point binned.
 *   Its cost is the points in view: zoomed out that is all of them, 200–460 ms for the world or
 *   for Syria at a million over several runs — far over a 50 ms budget, and growing with N.
 * - from the pyramid (grid-pyramid): the clusters of every zoom 0..12 precomputed after each filter
 *   change, in one pass over the rows (~27 ms at a million) and a fold of each zoom into the one
 *   above; a pan or zoom then reads only the cells in view: 0.1–1.5 ms, whatever N.
 * clusterView takes the pyramid up to its deepest zoom and the points below it: past zoom 12 a
 * 1280×800 view spans ~15 km, 42k incidents at the densest town of the million (13 ms). A filter
 * change costs the mask plus the refresh, ~30–40 ms at a million; the pyramid costs 31 bytes an
 * incident there (at 10k it has about a cell per incident at its deep zooms: 2 MB in all).
 * Rows sorted by place (spatial-order) make the refresh 3–4× faster than rows in date order.
 * An actor toggle (no other filter, no time range) folds the deepest zoom from its pairs of a cell
 * and an actor set instead of its rows, where a pair stands for three rows or more (grid-pyramid's
 * pairsPay): the refresh then measured ~8 ms in place of ~22 at the benchmark's million (162,000
 * pairs), for 64 bytes a pair kept (~10 bytes an incident there, at most ~21; not in the table below).
 *
 * index.bench.ts, on this machine (2 cores, shared: load 2–4 from other jobs during the run, so
 * runs differ by up to 1.5×; the fastest of 7 is the better guide), synthetic data around 44 towns.
 * The one-off costs include V8 collecting garbage in a heap of a million incident objects.
 *
 *   ms: median (fastest) of 7, unless stated                          10k         100k          1000k
 *   spatialOrder (once)                                              14.8         42.0          438.6
 *   buildColumns (once)                                              36.9        138.2         1570.5
 *   kdbush index (once)                                              17.2        102.8          412.1
 *   pyramid layout, zooms 0–12 (once)                                57.3         73.5         1830.8
 *   bytes/incident: columns                                          30.2         30.0           30.0
 *   bytes/incident: kdbush                                           10.0         12.0           12.0
 *   bytes/incident: pyramid                                         181.7         77.5           30.6
 *   bytes/incident: total                                           221.9        119.5           72.6
 *   pyramid cells (all zooms)                                       15102        51270         111147
 *   computeMask: no filter                                    0.41 (0.03)  0.28 (0.26)    5.59 (5.01)
 *   computeMask: top actor hidden                             0.03 (0.03)  0.27 (0.26)    5.47 (5.20)
 *   computeMask: + a year                                     0.15 (0.08)  0.49 (0.47)    10.1 (9.83)
 *   countByActorCode                                          0.47 (0.40)  0.36 (0.36)    3.69 (3.61)
 *   refreshPyramid                                            2.47 (2.39)  5.49 (4.88)    37.5 (27.0)
 *   toggle: mask + refresh + Syria z7                         4.51 (2.29)  8.37 (6.03)    36.4 (30.2)
 *   clusterView world, zoom 2                                 0.11 (0.07)  0.05 (0.04)    0.04 (0.03)
 *     clusters | incidents in view: world, zoom 2               7 | 10000   7 | 100000    7 | 1000000
 *   clusterView Syria, zoom 6                                 0.26 (0.20)  0.19 (0.18)    0.14 (0.14)
 *     clusters | incidents in view: Syria, zoom 6               29 | 8126   34 | 80941    36 | 808267
 *   clusterView Syria, zoom 7                                 0.61 (0.51)  0.53 (0.36)    0.41 (0.33)
 *     clusters | incidents in view: Syria, zoom 7               75 | 7981   92 | 79552    95 | 794663
 *   clusterView Aleppo, zoom 11                               2.08 (0.93)  0.54 (0.52)    1.37 (1.31)
 *     clusters | incidents in view: Aleppo, zoom 11            261 | 1750  294 | 17308   294 | 173439
 *   clusterView Aleppo, zoom 13 (points)                      4.66 (1.26)  3.14 (2.65)    13.1 (12.1)
 *     clusters | incidents in view: Aleppo, zoom 13 (points)    173 | 427   293 | 4264    294 | 42567
 *   pan: 20 steps of 0.5° at z7, per step                     0.35 (0.15)  0.13 (0.12)    0.24 (0.20)
 *   pan: 20 steps of ¼ view at z13 (points), per step         0.55 (0.33)  0.69 (0.63)    4.42 (4.21)
 *   points only (no pyramid): world, zoom 2                   3.03 (2.31)  29.4 (21.8)  312.8 (272.9)
 *   points only (no pyramid): Syria, zoom 7                   2.83 (2.71)  25.9 (23.9)  247.1 (196.9)
 *   refreshPyramid, rows not sorted by place                  2.84 (0.95)  10.9 (9.46)  124.2 (110.0)
 *   points only, world z2, rows not sorted                    2.76 (2.58)  36.4 (33.4)  693.3 (590.1)
 */

export interface ClusterIndex {
  /**
   * Every incident's point (spatial-index); answers views deeper than the pyramid, and lists stacks.
   * Without it (and without a pyramid), a view bins every row: what a dataset's first view does
   * while its index is being built.
   */
  points?: SpatialIndex;
  /** Precomputed zooms (grid-pyramid), refreshed with the mask passed to clusterView. */
  pyramid?: GridPyramid;
}

export interface ViewCluster {
  /** The cell, iy·side + ix at this zoom: stable while panning, a key for reusing markers. */
  key: number;
  count: number;
  /** Mean position of the members, degrees, moved by 360° where needed to lie in the view's copy of the world. */
  lng: number;
  lat: number;
  /** Members' extent [west, south, east, north], degrees (shifted like lng): what to zoom to. */
  bbox: [number, number, number, number];
  /** The most frequent acting parties (at most TOP_ACTORS), by count then code: the ring's colours. */
  actors: ActorCount[];
  /** Memberships of the other parties (a member with two parties counts for each). */
  otherActors: number;
  /** The incident's row when count is 1, else -1. */
  row: number;
  /**
   * Two or more members at exactly one point (centroid-coded data): zooming never splits them, so
   * the page lists them. stackRows() gives their rows, ascending, at most STACK_ROWS of count (none
   * for a cluster that is not a stack): asked for only when a stack is opened, as it takes a range
   * query of the point index.
   */
  stack: boolean;
  stackRows: () => number[];
}

export interface ViewClusters {
  /** The grid's zoom: the view's zoom rounded. */
  zoom: number;
  cellPx: number;
  clusters: ViewCluster[];
  /** Shown incidents in the clusters: those in the cells the view touches. */
  count: number;
  /** Which structure answered: the precomputed zooms, the points in view, or every row (no index yet). */
  from: 'pyramid' | 'points' | 'rows';
}

/** Parties named in a cluster's ring; the rest are summed into otherActors. */
export const TOP_ACTORS = 4;
/** Rows listed for a stack: enough for a scrolling list; the count says how many there are. */
export const STACK_ROWS = 500;

/**
 * Clusters of the shown incidents (mask) in the cells the view touches, from the pyramid when it has
 * this zoom. `placeCodes` (the rows' placeCode), if known, spare a view binned from every row the projection.
 */
export function clusterView(index: ClusterIndex, columns: IncidentColumns, mask: Uint8Array, view: GridView, placeCodes?: Uint32Array): ViewClusters {
  const cells = gridWindow(view);
  // `points` is read only where needed: the worker builds it lazily (a getter), after the first view.
  const { pyramid } = index;
  const clusters: ViewCluster[] = [];
  const tally = new ActorTally(columns.actorIds.length);
  const fromPyramid = answersFromPyramid(index, view);
  let points: SpatialIndex | null = null;
  if (pyramid && fromPyramid) {
    if (pyramid.mask !== mask) throw new Error('clusterView: refresh the pyramid with this mask first (refreshPyramid).');
    visitPyramidCells(pyramid, cells, (level, slot, lngShift) => {
      for (let q = level.pairStart[slot]!; q < level.pairStart[slot + 1]!; q++) {
        if (level.pairsAreSets) tally.addSet(columns, level.pairValue[q]!, level.pairCount[q]!);
        else tally.add(level.pairValue[q]!, level.pairCount[q]!);
      }
      const at = slot * STRIDE;
      clusters.push(toCluster(level.stats, slot, level.keys[slot]!, lngShift, tally.take(), () => rowsAt(index.points, columns, mask, level.stats.data[at + WEST]!, level.stats.data[at + SOUTH]!)));
    });
  } else {
    points = index.points ?? null;
    const { stats, keys, shifts, slotStart, rows } = points ? binPoints(points, columns, mask, cells) : binAllRows(columns, mask, cells, placeCodes);
    for (let slot = 0; slot < stats.size; slot++) {
      const members = rows.subarray(slotStart[slot]!, slotStart[slot + 1]!);
      for (const row of members) tally.addRow(columns, row);
      clusters.push(toCluster(stats, slot, keys[slot]!, shifts[slot]!, tally.take(), () => [...members.slice().sort().subarray(0, STACK_ROWS)]));
    }
  }
  const count = clusters.reduce((sum, cluster) => sum + cluster.count, 0);
  return { zoom: cells.grid.zoom, cellPx: view.cellPx, clusters, count, from: fromPyramid ? 'pyramid' : points ? 'points' : 'rows' };
}

/**
 * Whether clusterView answers this view from the pyramid: then it reads the mask only to list a
 * stack's rows (stackRows), not to make the clusters.
 */
export function answersFromPyramid(index: ClusterIndex, view: GridView): boolean {
  const { pyramid } = index;
  return pyramid !== undefined && pyramid.cellPx === view.cellPx && gridZoomOf(view) <= pyramid.maxZoom;
}

function toCluster(stats: CellStats, slot: number, key: number, lngShift: number, actorCounts: ActorCount[], stackRows: () => number[]): ViewCluster {
  const { data } = stats, at = slot * STRIDE, count = data[at + COUNT]!;
  const west = data[at + WEST]!, south = data[at + SOUTH]!, east = data[at + EAST]!, north = data[at + NORTH]!;
  const stack = count > 1 && west === east && south === north;
  return {
    key, count,
    lng: data[at + SUM_LNG]! / count + lngShift,
    lat: data[at + SUM_LAT]! / count,
    bbox: [west + lngShift, south, east + lngShift, north],
    ...topActors(actorCounts, TOP_ACTORS),
    row: count === 1 ? data[at + ROW]! : -1,
    stack,
    stackRows: stack ? stackRows : () => [],
  };
}

/** Shown rows at exactly (lng, lat), ascending, at most STACK_ROWS: one tiny range query. */
function rowsAt(points: SpatialIndex | undefined, columns: IncidentColumns, mask: Uint8Array, lng: number, lat: number): number[] {
  if (!points) throw new Error('clusterView: a pyramid needs its point index to list a stack.');
  const x = lngToX(lng), y = latToY(lat);
  const rows = points
    .range(x - EDGE_PAD, y - EDGE_PAD, x + EDGE_PAD, y + EDGE_PAD)
    .filter((row) => mask[row] !== 0 && columns.lng[row] === lng && columns.lat[row] === lat);
  return rows.sort((a, b) => a - b).slice(0, STACK_ROWS);
}
