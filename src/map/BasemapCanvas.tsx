import { useEffect, useState } from 'react';
import { LayerGroup } from 'react-leaflet';
import { GridLayer, type Coords, type DoneCallback, type GridLayerOptions, type LayerGroup as LeafletLayerGroup } from 'leaflet';
import { tileCanvas, traceShapes, type ProjectedShapes, type WorldToCanvas } from '../model/basemap-geometry';
import { afterNextPaint } from './next-frame';

/** Land and borders, projected once (model/basemap-geometry). */
export interface BasemapShapes {
  land: ProjectedShapes;
  borders: ProjectedShapes;
}

const LAND_FILL = '#f3f0e8';
const BORDER_STROKE = '#8c7b91';
const BORDER_WIDTH = 1.2;
const BORDER_OPACITY = 0.9;
const BORDER_DASH = [5, 3];
// Square caps and bevel joins, not Leaflet's round ones: at 1.2 px they look the same (a cap still
// adds 0.6 px to each dash), and the canvas rasterises the borders ~30% faster (16 → 11 ms at zoom 2).
const BORDER_CAP = 'square';
const BORDER_JOIN = 'bevel';
/**
 * Main-thread time per task spent drawing tiles, ms. A view at zoom 3 is ~24 tiles and ~70 ms of
 * tracing and rasterising: drawn in one go on each move (as one canvas was), it made every pan and
 * zoom wait for it, and was one of the longest tasks while a dataset opened. In tasks of a few tiles,
 * the clusters' answer from the worker is drawn between them.
 */
const TASK_BUDGET_MS = 8;

/**
 * Tiles drawn per frame, at most. Each drawn canvas is handed to the compositor at the next frame,
 * ~1.5 ms a tile here (software compositing): a whole view's tiles at once made that frame's commit
 * one of the longest tasks while a dataset opened (~60 ms). Four a frame fill a view in ~100 ms.
 */
const TILES_PER_FRAME = 4;

/** Tiles waiting to be drawn, nearest the view's centre first (GridLayer asks in that order); each says whether it drew. */
const queue: Array<() => boolean> = [];
let scheduled = false;
/** Tiles drawn since the last frame; a frame callback, asked for with the first of them, resets it. */
let drawnThisFrame = 0;
let frameAsked = false;
function countDrawn(): void {
  drawnThisFrame++;
  if (frameAsked) return;
  frameAsked = true;
  requestAnimationFrame(() => {
    frameAsked = false;
    drawnThisFrame = 0;
    schedule();
  });
}
function drawSome(): void {
  scheduled = false;
  const until = performance.now() + TASK_BUDGET_MS;
  while (queue.length > 0 && drawnThisFrame < TILES_PER_FRAME && performance.now() < until) {
    if (queue.shift()!()) countDrawn();
  }
  // At the frame's quota, the frame callback goes on.
  if (drawnThisFrame < TILES_PER_FRAME) schedule();
}

interface TaskScheduler { postTask(task: () => void, options: { priority: 'background' }): Promise<void> }
const taskScheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;

function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  // At background priority where the browser has it (Chromium, Firefox): the worker's answer to
  // the same move, and input, are handled before the land is drawn.
  if (taskScheduler) void taskScheduler.postTask(drawSome, { priority: 'background' });
  else setTimeout(drawSome, 0);
}

/**
 * The offline basemap as canvas tiles (a Leaflet GridLayer): land filled as one path and borders
 * stroked as another, straight from the projected typed arrays, for each 256-pixel tile. Leaflet
 * keeps the tiles while the map pans (only the new edge is drawn), and scales the last zoom's
 * tiles until the new ones are drawn. Each tile is drawn in a task after the one that asked for it,
 * a few per task and per frame (TASK_BUDGET_MS, TILES_PER_FRAME); a tile gone before its turn is not drawn.
 */
export class BasemapCanvasLayer extends GridLayer {
  private readonly shapes: BasemapShapes;

  constructor(shapes: BasemapShapes, options: GridLayerOptions) {
    super(options);
    this.shapes = shapes;
  }

  /**
   * The tile is an empty element at first, and gets its canvas when its turn to be drawn comes: a
   * canvas costs the compositor from the frame it appears in, drawn or blank.
   */
  override createTile(coords: Coords, done: DoneCallback): HTMLElement {
    const tile = document.createElement('div');
    tile.style.pointerEvents = 'none';
    const size = this.getTileSize();
    queue.push(() => {
      // Leaflet has dropped a tile the view left before its turn: nothing to draw, and no done(),
      // which Leaflet would credit to whatever tile holds that place now.
      if (!tile.isConnected) return false;
      const view = tileCanvas(coords.x, coords.y, coords.z, size.x, window.devicePixelRatio);
      const canvas = document.createElement('canvas');
      canvas.width = view.width;
      canvas.height = view.height;
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
      canvas.style.display = 'block';
      // A compositing layer of its own: otherwise each new tile had the compositor take in every
      // tile canvas of the level again (~1.5 ms each, ~40 ms a frame with a view's worth).
      canvas.style.willChange = 'transform';
      drawTile(canvas, this.shapes, view, view.width / size.x);
      tile.appendChild(canvas);
      done(undefined, tile);
      return true;
    });
    schedule();
    return tile;
  }
}

function drawTile(canvas: HTMLCanvasElement, shapes: BasemapShapes, view: WorldToCanvas, ratio: number): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  // All land in one path with a nonzero fill: holes (the Caspian) stay open, and the detailed and
  // world pieces, which share their cut edges, fill as one shape with no seam where they meet.
  context.beginPath();
  traceShapes(shapes.land, view, context);
  context.fillStyle = LAND_FILL;
  context.fill('nonzero');

  // Each tile traces whole lines (traceShapes skips only lines outside it), so a border's dashes
  // run on from one tile into the next.
  context.beginPath();
  traceShapes(shapes.borders, view, context, { margin: BORDER_WIDTH * ratio });
  context.globalAlpha = BORDER_OPACITY;
  context.strokeStyle = BORDER_STROKE;
  context.lineWidth = BORDER_WIDTH * ratio;
  context.lineCap = BORDER_CAP;
  context.lineJoin = BORDER_JOIN;
  context.setLineDash(BORDER_DASH.map((d) => d * ratio));
  context.stroke();
}

/**
 * Draws the basemap in `pane`. The layer joins the surrounding react-leaflet layer container (the
 * LayersControl base layer's group) through a LayerGroup of its own, not the map directly, so that
 * switching to another base layer takes it off the map.
 */
export function BasemapCanvas({ shapes, pane }: { shapes: BasemapShapes; pane: string }) {
  const [group, setGroup] = useState<LeafletLayerGroup | null>(null);
  useEffect(function drawBasemap() {
    if (!group) return;
    const layer = new BasemapCanvasLayer(shapes, { pane });
    // Added after the next frame, not in the commit that makes the map: Leaflet reads the layout
    // when it adds a tile level, which in that commit meant laying out the whole new page (~30 ms
    // of the longest task while a dataset opened); after a frame the layout is already done.
    let added = false;
    const cancel = afterNextPaint(() => {
      group.addLayer(layer);
      added = true;
    });
    return () => {
      cancel();
      if (added) group.removeLayer(layer);
    };
  }, [group, shapes, pane]);
  return <LayerGroup ref={setGroup} />;
}
