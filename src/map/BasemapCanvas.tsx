import { useEffect, useState } from 'react';
import { LayerGroup } from 'react-leaflet';
import { Browser, CRS, DomUtil, Layer, point, Util, type LayerGroup as LeafletLayerGroup, type LayerOptions, type LeafletEventHandlerFn, type Map as LeafletMap, type Point, type ZoomAnimEvent } from 'leaflet';
import { traceShapes, type ProjectedShapes, type WorldToCanvas } from '../model/basemap-geometry';

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
 * The canvas reaches this fraction of the map's size beyond each side, so a drag shows land, not a
 * blank edge, until the redraw on moveend (Leaflet's own renderers: 0.1). Rasterising the canvas is
 * most of a redraw's cost and grows with its area: at ½ (4× the view's pixels) a pan of the first
 * view cost ~17 ms here, at ⅓ (2.8×) ~12 ms.
 */
const PADDING = 1 / 3;
/** Canvas pixels per CSS pixel, at most: a padded canvas at 3× would be ~36 million pixels on a laptop. */
const MAX_PIXEL_RATIO = 2;

interface Drawn {
  zoom: number;
  /** The canvas's top-left corner in world pixels at `zoom` (Leaflet's pixel origin + layer point). */
  topLeft: Point;
  key: string;
}

/**
 * The offline basemap on one canvas of its own: land filled as one path and borders stroked as
 * another, straight from the projected typed arrays. Redrawn after each move or zoom (the numbers are
 * only scaled and translated, rings outside the canvas skipped); during a zoom animation the canvas
 * is scaled with CSS like Leaflet's own renderers, and redrawn sharp at its end.
 */
export class BasemapCanvasLayer extends Layer {
  private readonly shapes: BasemapShapes;
  private canvas: HTMLCanvasElement | undefined;
  private drawn: Drawn | undefined;
  private firstDraw: ReturnType<typeof setTimeout> | undefined;

  constructor(shapes: BasemapShapes, options: LayerOptions) {
    super();
    Util.setOptions(this, options); // Leaflet's Layer has no initialize() to take them
    this.shapes = shapes;
  }

  override onAdd(): this {
    const canvas = DomUtil.create('canvas', 'leaflet-zoom-animated');
    canvas.style.pointerEvents = 'none';
    this.getPane()?.appendChild(canvas);
    this.canvas = canvas;
    this.drawn = undefined;
    // Drawn in a task of its own: onAdd runs in React's commit, which also makes the town labels.
    this.firstDraw = setTimeout(() => this.redraw(), 0);
    return this;
  }

  override onRemove(): this {
    clearTimeout(this.firstDraw);
    this.canvas?.remove();
    this.canvas = undefined;
    this.drawn = undefined;
    return this;
  }

  override getEvents(): Record<string, LeafletEventHandlerFn> {
    // moveend follows every zoomend and every resize that changes the size; redraw() skips a view it
    // has already drawn, so listening to all of them costs nothing twice.
    return {
      moveend: this.redraw,
      zoomend: this.redraw,
      resize: this.redraw,
      viewreset: this.redraw,
      zoom: this.followZoom,
      zoomanim: this.followZoomAnimation as LeafletEventHandlerFn,
    };
  }

  /** Draws the padded view unless it is what the canvas already shows. */
  redraw(): void {
    const map = this._map as LeafletMap | undefined;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    if (size.x === 0 || size.y === 0) return;
    const padX = Math.round(size.x * PADDING);
    const padY = Math.round(size.y * PADDING);
    const layerTopLeft = map.containerPointToLayerPoint([-padX, -padY]).round();
    const zoom = map.getZoom();
    const topLeft = layerTopLeft.add(map.getPixelOrigin());
    const width = size.x + 2 * padX;
    const height = size.y + 2 * padY;
    const ratio = Math.min(MAX_PIXEL_RATIO, Math.max(1, window.devicePixelRatio || 1));
    const key = `${zoom}|${topLeft.x}|${topLeft.y}|${width}|${height}|${ratio}`;

    DomUtil.setPosition(canvas, layerTopLeft); // also drops a zoom animation's scale
    if (this.drawn?.key === key) return;

    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    const view: WorldToCanvas = {
      scale: (map.options.crs ?? CRS.EPSG3857).scale(zoom) * ratio,
      originX: topLeft.x * ratio,
      originY: topLeft.y * ratio,
      width: pixelWidth,
      height: pixelHeight,
    };

    context.setTransform(1, 0, 0, 1, 0, 0);
    context.globalAlpha = 1;
    context.clearRect(0, 0, pixelWidth, pixelHeight);

    // All land in one path with a nonzero fill: holes (the Caspian) stay open, and the detailed and
    // world pieces, which share their cut edges, fill as one shape with no seam where they meet.
    context.beginPath();
    traceShapes(this.shapes.land, view, context);
    context.fillStyle = LAND_FILL;
    context.fill('nonzero');

    context.beginPath();
    traceShapes(this.shapes.borders, view, context, { margin: BORDER_WIDTH * ratio });
    context.globalAlpha = BORDER_OPACITY;
    context.strokeStyle = BORDER_STROKE;
    context.lineWidth = BORDER_WIDTH * ratio;
    context.lineCap = BORDER_CAP;
    context.lineJoin = BORDER_JOIN;
    context.setLineDash(BORDER_DASH.map((d) => d * ratio));
    context.stroke();

    this.drawn = { zoom, topLeft, key };
  }

  /** During a zoom without animation (flyTo, pinch), until moveend: scale what is drawn. */
  private followZoom(): void {
    const map = this._map as LeafletMap | undefined;
    if (map) this.scaleTo(map.getZoom(), map.getPixelOrigin());
  }

  /** At the start of an animated zoom: scale the canvas along with Leaflet's CSS transition. */
  private followZoomAnimation(event: ZoomAnimEvent): void {
    const map = this._map as LeafletMap | undefined;
    if (!map) return;
    // Leaflet's Map._getNewPixelOrigin, from public parts: where the pixel origin will be at the end.
    const mapPane = map.getPane('mapPane');
    const panePosition = mapPane ? DomUtil.getPosition(mapPane) : point(0, 0);
    const origin = map.project(event.center, event.zoom).subtract(map.getSize().divideBy(2)).add(panePosition).round();
    this.scaleTo(event.zoom, origin);
  }

  /** Places the canvas drawn at this.drawn.zoom as it must look at `zoom` with pixel origin `origin`. */
  private scaleTo(zoom: number, origin: Point): void {
    const map = this._map as LeafletMap | undefined;
    if (!map || !this.canvas || !this.drawn) return;
    const scale = map.getZoomScale(zoom, this.drawn.zoom);
    const offset = this.drawn.topLeft.multiplyBy(scale).subtract(origin);
    if (Browser.any3d) DomUtil.setTransform(this.canvas, offset, scale);
    else DomUtil.setPosition(this.canvas, offset);
  }
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
    group.addLayer(layer);
    return () => { group.removeLayer(layer); };
  }, [group, shapes, pane]);
  return <LayerGroup ref={setGroup} />;
}
