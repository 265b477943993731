/**
 * The offline basemap's land and borders, projected once to Web Mercator world units (the unit
 * square of ./index/mercator.ts) and kept as flat typed arrays, so drawing a view only scales and
 * translates numbers and skips rings outside it. Leaflet's own GeoJSON layers keep every vertex as a
 * LatLng and project them all again on every zoom (~120 ms for this basemap).
 */
import type { FeatureCollection, Position } from 'geojson';
import { latToY } from './index/mercator';

/** minX, minY, maxX, maxY in world units. */
export interface WorldBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export interface ProjectedShapes {
  /**
   * 'area': closed rings to fill, without the repeated closing vertex; outer rings run anticlockwise
   * on screen and holes clockwise, so a nonzero fill of all of them in one path keeps the
   * holes (the Caspian Sea) open, and pieces that share an edge fill as one, with no seam between.
   * 'line': open lines to stroke.
   */
  readonly kind: 'area' | 'line';
  /** x0, y0, x1, y1, … of every ring (or line), one after another. */
  readonly coords: Float64Array;
  /** Ring i is vertices starts[i] to starts[i + 1] - 1 (vertex v at coords[2v], coords[2v + 1]). */
  readonly starts: Uint32Array;
  /** Ring i's box: minX, minY, maxX, maxY at boxes[4i] to boxes[4i + 3]. */
  readonly boxes: Float64Array;
  /**
   * Per vertex, the Douglas–Peucker tolerance (world units) up to which it is kept: drawing only the
   * vertices with rank ≥ t gives the ring simplified to within t. Infinity for vertices that are
   * always kept: each line's ends, and the ends of every ring edge along a meridian or parallel,
   * so the pieces of land that meet along a cut keep the very same edge at every tolerance and no
   * gap opens between them (see onCut).
   */
  readonly ranks: Float32Array;
  /** The box around every ring; an empty collection has minX > maxX. */
  readonly bounds: WorldBox;
}

/**
 * Longitude to world x, NOT wrapped: 180°E stays at 1. Land and borders are cut at the antimeridian,
 * so a ring running along it (Chukotka, Fiji, Antarctica) must keep its 180° vertices on its own
 * side; mercator.ts's lngToX wraps 180° to 0 and would draw a line across the world.
 */
export function lngToWorldX(lng: number): number {
  return (lng + 180) / 360;
}

export const latToWorldY = latToY;

export function ringCount(shapes: ProjectedShapes): number {
  return shapes.starts.length - 1;
}

type SourceRing = { ring: Position[]; hole: boolean };

/** Land: a FeatureCollection of Polygons and MultiPolygons. Throws on any other geometry. */
export function projectAreas(collection: FeatureCollection): ProjectedShapes {
  const rings: SourceRing[] = [];
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (geometry.type === 'Polygon') addPolygon(rings, geometry.coordinates);
    else if (geometry.type === 'MultiPolygon') for (const polygon of geometry.coordinates) addPolygon(rings, polygon);
    else throw new Error(`basemap land: expected Polygon or MultiPolygon, got ${geometry.type}`);
  }
  return build('area', rings);
}

/** Borders: a FeatureCollection of LineStrings and MultiLineStrings. Throws on any other geometry. */
export function projectLines(collection: FeatureCollection): ProjectedShapes {
  const lines: SourceRing[] = [];
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (geometry.type === 'LineString') lines.push({ ring: geometry.coordinates, hole: false });
    else if (geometry.type === 'MultiLineString') for (const line of geometry.coordinates) lines.push({ ring: line, hole: false });
    else throw new Error(`basemap borders: expected LineString or MultiLineString, got ${geometry.type}`);
  }
  return build('line', lines);
}

function addPolygon(rings: SourceRing[], polygon: Position[][]): void {
  polygon.forEach((ring, i) => rings.push({ ring, hole: i > 0 }));
}

function build(kind: 'area' | 'line', rings: readonly SourceRing[]): ProjectedShapes {
  const minLength = kind === 'area' ? 3 : 2;
  // Rings without their closing vertex; too short ones dropped (they draw nothing).
  const kept: { ring: Position[]; length: number; hole: boolean }[] = [];
  let total = 0;
  for (const { ring, hole } of rings) {
    let length = ring.length;
    if (kind === 'area' && length > 1 && samePosition(ring[0], ring[length - 1])) length--;
    if (length < minLength) continue;
    kept.push({ ring, length, hole });
    total += length;
  }

  const coords = new Float64Array(total * 2);
  const ranks = new Float32Array(total);
  const starts = new Uint32Array(kept.length + 1);
  const boxes = new Float64Array(kept.length * 4);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  let v = 0;
  for (let r = 0; r < kept.length; r++) {
    const { ring, length, hole } = kept[r] as (typeof kept)[number];
    starts[r] = v;
    // One pass: project, box, and twice the signed area (shoelace, y down).
    let rMinX = Infinity, rMinY = Infinity, rMaxX = -Infinity, rMaxY = -Infinity;
    let area = 0, previousX = 0, previousY = 0;
    for (let i = 0; i < length; i++) {
      const p = ring[i] as Position;
      const x = lngToWorldX(p[0] as number);
      const y = latToWorldY(p[1] as number);
      coords[2 * (v + i)] = x;
      coords[2 * (v + i) + 1] = y;
      if (x < rMinX) rMinX = x;
      if (x > rMaxX) rMaxX = x;
      if (y < rMinY) rMinY = y;
      if (y > rMaxY) rMaxY = y;
      if (i > 0) area += previousX * y - x * previousY;
      previousX = x;
      previousY = y;
    }
    if (kind === 'area') {
      area += previousX * (coords[2 * v + 1] as number) - (coords[2 * v] as number) * previousY;
      // Outer rings anticlockwise on screen (negative with y down, as GeoJSON's right-hand rule
      // has them, so Natural Earth's need no change), holes the other way round.
      if (hole ? area < 0 : area > 0) reverseVertices(coords, v, v + length);
    }
    boxes[4 * r] = rMinX;
    boxes[4 * r + 1] = rMinY;
    boxes[4 * r + 2] = rMaxX;
    boxes[4 * r + 3] = rMaxY;
    if (rMinX < minX) minX = rMinX;
    if (rMinY < minY) minY = rMinY;
    if (rMaxX > maxX) maxX = rMaxX;
    if (rMaxY > maxY) maxY = rMaxY;
    v += length;
  }
  starts[kept.length] = v;

  const anchors: number[] = [];
  for (let r = 0; r < kept.length; r++) {
    const from = starts[r] as number;
    const length = (starts[r + 1] as number) - from;
    anchors.length = 0;
    if (kind === 'line') anchors.push(0, length - 1);
    else {
      for (let i = 0; i < length; i++) if (onCut(coords, from, length, i)) anchors.push(i);
      // Start the ring at its first anchor: each stretch between anchors is then one run of indices.
      const first = anchors[0] ?? 0;
      if (first > 0) {
        rotateVertices(coords, from, length, first);
        for (let k = 0; k < anchors.length; k++) anchors[k] = (anchors[k] as number) - first;
      }
      if (anchors.length === 0) anchors.push(0);
    }
    rankRing(coords, ranks, from, length, kind === 'area', anchors);
  }
  return { kind, coords, starts, boxes, ranks, bounds: { minX, minY, maxX, maxY } };
}

/**
 * Whether vertex i of the ring ends an edge that runs exactly along a meridian or a parallel. Land is
 * cut into pieces along meridians and parallels (the 1:10m boxes, the antimeridian), and a piece's
 * cut edge may have vertices where its neighbour's has none (where each one's coast meets the cut):
 * keeping every such vertex keeps every cut edge exactly where it is in both pieces, so no gap opens
 * between them at any tolerance. A coast that happens to run due north or east keeps a vertex more.
 */
function onCut(coords: Float64Array, from: number, length: number, i: number): boolean {
  const v = from + i;
  const previous = from + (i === 0 ? length - 1 : i - 1);
  const next = from + (i === length - 1 ? 0 : i + 1);
  const x = coords[2 * v], y = coords[2 * v + 1];
  return x === coords[2 * previous] || y === coords[2 * previous + 1] || x === coords[2 * next] || y === coords[2 * next + 1];
}

/** Makes vertex `first` of the ring of `length` vertices from `from` its vertex 0. */
function rotateVertices(coords: Float64Array, from: number, length: number, first: number): void {
  const ring = coords.slice(2 * from, 2 * (from + length));
  coords.set(ring.subarray(2 * first), 2 * from);
  coords.set(ring.subarray(0, 2 * first), 2 * (from + length - first));
}

/**
 * Douglas–Peucker ranks for one ring or line of `length` vertices from vertex `from`: the anchors
 * (ascending, anchors[0] = 0) are kept always, and each stretch between two anchors in turn — for a
 * closed ring, also from the last anchor round to vertex 0 — is split at its farthest vertex, which
 * is ranked by its distance, capped by the rank of the split above it (so a smaller tolerance never
 * keeps fewer vertices).
 */
function rankRing(coords: Float64Array, ranks: Float32Array, from: number, length: number, closed: boolean, anchors: readonly number[]): void {
  for (const a of anchors) ranks[from + a] = Infinity;
  // Stretches as (start, end, cap) in indices from `from`; end = length stands for vertex 0 again.
  const stack: number[] = [];
  for (let k = 0; k < anchors.length; k++) {
    const next = anchors[k + 1] ?? (closed ? length : undefined);
    if (next !== undefined) stack.push(anchors[k] as number, next, Infinity);
  }
  while (stack.length > 0) {
    const cap = stack.pop() as number;
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    if (end - start < 2) continue;
    const s = from + start, e = from + (end < length ? end : 0);
    const ax = coords[2 * s] as number, ay = coords[2 * s + 1] as number;
    const dx = (coords[2 * e] as number) - ax, dy = (coords[2 * e + 1] as number) - ay;
    const squaredLength = dx * dx + dy * dy;
    const inverse = squaredLength > 0 ? 1 / squaredLength : 0;
    let farthest = start + 1, farthestDistance = -1;
    for (let i = from + start + 1; i < from + end; i++) {
      const px = (coords[2 * i] as number) - ax, py = (coords[2 * i + 1] as number) - ay;
      // Squared distance to the segment (to its nearer end beyond either end).
      const t = Math.max(0, Math.min(1, (px * dx + py * dy) * inverse));
      const ex = px - t * dx, ey = py - t * dy;
      const distance = ex * ex + ey * ey;
      if (distance > farthestDistance) {
        farthestDistance = distance;
        farthest = i - from;
      }
    }
    const rank = Math.min(Math.sqrt(farthestDistance), cap);
    ranks[from + farthest] = rank;
    stack.push(start, farthest, rank, farthest, end, rank);
  }
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** Twice the shoelace area of vertices [from, to): positive for clockwise on screen (y down). */
export function signedArea(coords: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const j = i + 1 < to ? i + 1 : from;
    sum += (coords[2 * i] as number) * (coords[2 * j + 1] as number) - (coords[2 * j] as number) * (coords[2 * i + 1] as number);
  }
  return sum;
}

function reverseVertices(coords: Float64Array, from: number, to: number): void {
  for (let i = from, j = to - 1; i < j; i++, j--) {
    const x = coords[2 * i] as number;
    const y = coords[2 * i + 1] as number;
    coords[2 * i] = coords[2 * j] as number;
    coords[2 * i + 1] = coords[2 * j + 1] as number;
    coords[2 * j] = x;
    coords[2 * j + 1] = y;
  }
}

/** Where a canvas shows the world: canvas pixel = world unit · scale − origin. */
export interface WorldToCanvas {
  /** Canvas pixels per world unit: 256 · 2^zoom · devicePixelRatio for Leaflet's Web Mercator. */
  readonly scale: number;
  /** The canvas's top-left corner in world units · scale. */
  readonly originX: number;
  readonly originY: number;
  /** The canvas's size in its pixels. */
  readonly width: number;
  readonly height: number;
}

/** Canvas pixels per CSS pixel a tile is drawn at, at most: at 3× a tile is 9× the pixels to rasterise. */
export const MAX_TILE_PIXEL_RATIO = 2;

/**
 * The canvas of map tile (x, y) at zoom z, `tilePx` CSS pixels a side (Web Mercator, 256·2^z CSS
 * pixels across the world): its size in whole canvas pixels, and where it shows the world. The
 * pixel ratio used is the one those whole pixels make (1.1 × 256 is not whole), so that tiles side
 * by side draw the world at one scale, each starting where its neighbour ends.
 */
export function tileCanvas(x: number, y: number, z: number, tilePx: number, devicePixelRatio: number): WorldToCanvas {
  const wanted = Math.min(MAX_TILE_PIXEL_RATIO, Math.max(1, devicePixelRatio || 1));
  const side = Math.round(tilePx * wanted);
  const ratio = side / tilePx;
  return { scale: 256 * 2 ** z * ratio, originX: x * side, originY: y * side, width: side, height: side };
}

/**
 * What traceShapes draws into; a CanvasRenderingContext2D is one. Rings are not closed with
 * closePath: a fill closes every subpath anyway, and Chromium's closePath takes time in proportion
 * to the whole path so far (140 ms for the world's 4,500 rings in one path).
 */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

export interface TraceOptions {
  /**
   * Douglas–Peucker tolerance in canvas pixels (see ProjectedShapes.ranks): at world zoom, 0.5 px
   * keeps about one vertex in four, fewer for the canvas to take in and for the dashed borders'
   * stroke to turn into outlines.
   */
  simplify?: number;
  /**
   * Vertices are then rounded to this grid of canvas pixels, and one landing on the vertex before it
   * is dropped. Like the simplification, rounding treats an edge that two pieces share the same way
   * in both (same vertices, same rounding), so no gap opens between them.
   */
  grid?: number;
  /** Canvas pixels around the canvas that still count as in view (half a stroke's width, at least). */
  margin?: number;
}

/**
 * The copies of the world (x offsets of whole worlds) that overlap world x range [minX, maxX]: a view
 * beyond the antimeridian (Leaflet's worldCopyJump, or a zoomed-out map wider than the world) shows
 * the shapes shifted by ±1.
 */
export function worldCopies(minX: number, maxX: number, bounds: WorldBox): number[] {
  const copies: number[] = [];
  if (!(bounds.minX <= bounds.maxX)) return copies;
  for (let k = Math.ceil(minX - bounds.maxX); k <= Math.floor(maxX - bounds.minX); k++) copies.push(k + 0); // + 0: -0 → 0
  return copies;
}

/** Whether ring i, shifted by `offset` worlds in x, overlaps the box. */
export function ringInView(shapes: ProjectedShapes, i: number, offset: number, view: WorldBox): boolean {
  const b = shapes.boxes;
  return (b[4 * i] as number) + offset <= view.maxX && (b[4 * i + 2] as number) + offset >= view.minX &&
    (b[4 * i + 1] as number) <= view.maxY && (b[4 * i + 3] as number) >= view.minY;
}

/**
 * Adds the rings (or lines) in view to the sink's current path, in canvas pixels, once per world
 * copy in view, each ring as a subpath of its own (to fill, not stroke: left open, see PathSink).
 * Returns the number of vertices drawn.
 *
 * For areas, a run of vertices that all lie beyond the same edge of the canvas is drawn as one
 * straight line from its first to its last vertex: both stay in that half-plane, so what is filled
 * on the canvas doesn't change, and a zoomed-in view doesn't draw thousands of vertices far off it.
 */
export function traceShapes(shapes: ProjectedShapes, view: WorldToCanvas, sink: PathSink, options: TraceOptions = {}): number {
  const grid = options.grid ?? 0.5;
  const tolerance = (options.simplify ?? 0.5) / view.scale;
  const margin = options.margin ?? 1;
  const { scale, originX, originY } = view;
  const inverse = 1 / grid;
  const left = -margin, top = -margin, right = view.width + margin, bottom = view.height + margin;
  const worldView: WorldBox = { minX: (originX + left) / scale, minY: (originY + top) / scale, maxX: (originX + right) / scale, maxY: (originY + bottom) / scale };
  const { coords, starts, ranks } = shapes;
  const area = shapes.kind === 'area';
  const count = ringCount(shapes);
  let drawn = 0;

  for (const copy of worldCopies(worldView.minX, worldView.maxX, shapes.bounds)) {
    const shiftX = copy * scale - originX;
    for (let r = 0; r < count; r++) {
      if (!ringInView(shapes, r, copy, worldView)) continue;
      const from = starts[r] as number;
      const to = starts[r + 1] as number;
      // The last vertex drawn, and the run of vertices beyond one edge of the canvas since it.
      let lastX = NaN, lastY = NaN;
      let runCode = 0, pendingX = 0, pendingY = 0, pendingCode = 0, pending = false;
      const emit = (x: number, y: number): void => {
        const qx = Math.round(x * inverse) / inverse;
        const qy = Math.round(y * inverse) / inverse;
        if (qx === lastX && qy === lastY) return;
        if (Number.isNaN(lastX)) sink.moveTo(qx, qy);
        else sink.lineTo(qx, qy);
        lastX = qx;
        lastY = qy;
        drawn++;
      };
      for (let i = from; i < to; i++) {
        if ((ranks[i] as number) < tolerance) continue;
        const x = (coords[2 * i] as number) * scale + shiftX;
        const y = (coords[2 * i + 1] as number) * scale - originY;
        if (!area) {
          emit(x, y);
          continue;
        }
        const code = (x < left ? 1 : 0) | (x > right ? 2 : 0) | (y < top ? 4 : 0) | (y > bottom ? 8 : 0);
        if ((runCode & code) !== 0) {
          // Still beyond an edge that every vertex since the last drawn one is beyond: hold it.
          runCode &= code;
          pendingX = x;
          pendingY = y;
          pendingCode = code;
          pending = true;
          continue;
        }
        if (pending) {
          emit(pendingX, pendingY);
          pending = false;
          runCode = pendingCode;
          if ((runCode & code) !== 0) {
            runCode &= code;
            pendingX = x;
            pendingY = y;
            pendingCode = code;
            pending = true;
            continue;
          }
        }
        emit(x, y);
        runCode = code;
      }
      if (pending) emit(pendingX, pendingY);
    }
  }
  return drawn;
}
