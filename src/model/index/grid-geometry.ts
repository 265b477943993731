import { latToY } from './mercator';

/** A map view as Leaflet reports it: bounds in degrees (west may be < -180 or east > 180 after panning across the antimeridian). */
export interface GridView {
  west: number;
  south: number;
  east: number;
  north: number;
  /** Map zoom, integer or fractional. */
  zoom: number;
  /** Size of a grid cell on screen, pixels (≈ 60–80 gives a few hundred cells at most). */
  cellPx: number;
}

/**
 * The grid of a zoom: world-anchored cells of cellPx pixels on a world of 256·2^zoom pixels. Cell
 * (ix, iy) holds the points with floor(x·scale) = ix and floor(y·scale) = iy, x and y in the Mercator
 * unit square. Anchored at the world's corner, a cell keeps its members while the map pans. A cell
 * at zoom z is exactly four cells at z + 1 (scale doubles exactly in floating point), which is what
 * lets grid-pyramid build each zoom from the one below.
 */
export interface Grid {
  zoom: number;
  cellPx: number;
  /** Cells per unit of Mercator x or y. */
  scale: number;
  /** Cells across the world; the last one is partial when cellPx does not divide 256·2^zoom. */
  side: number;
}

/** A run of grid columns in view, and how far (a multiple of 360°) to move its clusters to land in the view's copy of the world. */
export interface ColumnRun {
  ixFrom: number;
  ixTo: number;
  lngShift: number;
}

export interface GridWindow {
  grid: Grid;
  /** One run, or two for a view across the antimeridian; one whole-world run for a view wider than the world. */
  runs: ColumnRun[];
  iyFrom: number;
  iyTo: number;
}

/**
 * The cells a view touches, as text: two views with the same key get the same clusters, however
 * their bounds differ within those cells (clusterView reads only its window).
 */
export function windowKey(view: GridView): string {
  const { grid, iyFrom, iyTo, runs } = gridWindow(view);
  return `${grid.zoom}|${view.cellPx}|${iyFrom}-${iyTo}|${runs.map((run) => `${run.ixFrom}-${run.ixTo}@${run.lngShift}`).join(',')}`;
}

/** Deepest grid zoom: keys (iy·side + ix) stay exact integers in a double far beyond it. */
export const MAX_GRID_ZOOM = 24;

export function gridAt(zoom: number, cellPx: number): Grid {
  const scale = (256 * 2 ** zoom) / cellPx;
  return { zoom, cellPx, scale, side: Math.ceil(scale) };
}

export function cellIndex(grid: Grid, unit: number): number {
  return Math.max(0, Math.min(grid.side - 1, Math.floor(unit * grid.scale)));
}

/** The zoom of a view's grid: its zoom rounded, within the grids there are. */
export function gridZoomOf(view: Pick<GridView, 'zoom'>): number {
  return Math.max(0, Math.min(MAX_GRID_ZOOM, Math.round(view.zoom)));
}

/**
 * The cells a view touches. A fractional zoom is rounded to the nearest integer zoom's grid (cells
 * are then 0.71–1.41 × cellPx on screen): pinch-zooming doesn't re-bin every frame, and every zoom
 * the map can show has a grid the pyramid can precompute. Latitudes are clamped to Mercator's.
 */
export function gridWindow(view: GridView): GridWindow {
  const grid = gridAt(gridZoomOf(view), view.cellPx);
  const yTop = latToY(Math.max(view.north, view.south)), yBottom = latToY(Math.min(view.north, view.south));
  const rows = { grid, iyFrom: cellIndex(grid, yTop), iyTo: cellIndex(grid, yBottom) };
  const east = view.east < view.west ? view.east + 360 : view.east;
  const x0 = (view.west + 180) / 360, x1 = (east + 180) / 360;
  const whole = [{ ixFrom: 0, ixTo: grid.side - 1, lngShift: 0 }];
  if (!(x1 - x0 < 1)) return { ...rows, runs: whole };

  // Less than a world wide: at most two copies of the world, k and k + 1.
  const runs: ColumnRun[] = [];
  for (let k = Math.floor(x0); k <= Math.floor(x1); k++) {
    const from = Math.max(x0, k) - k, to = Math.min(x1, k + 1) - k;
    // A view ending exactly at a copy's edge touches the next copy in a line of zero width: not a run.
    if (to < from || (to === from && k > Math.floor(x0))) continue;
    runs.push({ ixFrom: cellIndex(grid, from), ixTo: cellIndex(grid, to), lngShift: 360 * k });
  }
  // Two runs that meet or overlap cover every column between them: one whole-world run instead.
  const [a, b] = runs;
  if (a && b && b.ixTo >= a.ixFrom) return { ...rows, runs: whole };
  return { ...rows, runs };
}
