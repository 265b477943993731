/// <reference lib="webworker" />
import type { FeatureCollection } from 'geojson';
import { projectAreas, projectLines, type ProjectedShapes } from '../model/basemap-geometry';
import type { Place } from '../map/basemap-place';

/**
 * The offline basemap, fetched, parsed and projected off the page's main thread: parsing the
 * land's 1 MB of GeoJSON (a hundred thousand small arrays) and its garbage made a ~50 ms task at
 * the page's start, while a dataset was being read, and projecting it took ~150 ms more in slices.
 * The page gets the projected arrays (transferred, not copied) and the town labels.
 */
export type BasemapReply =
  | { ok: true; land: ProjectedShapes; borders: ProjectedShapes; places: Place[] }
  | { ok: false; error: string };

/** What the page asks: the basemap under this URL (absolute: a worker's own URL is not the page's). */
export interface BasemapRequest {
  base: string;
}

async function fetchJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`basemap/${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function buffersOf(shapes: ProjectedShapes): ArrayBuffer[] {
  return [shapes.coords.buffer, shapes.starts.buffer, shapes.boxes.buffer, shapes.ranks.buffer] as ArrayBuffer[];
}

self.onmessage = async (event: MessageEvent<BasemapRequest>) => {
  const { base } = event.data;
  let reply: BasemapReply;
  try {
    const [land, borders, places] = await Promise.all([fetchJson<FeatureCollection>(base, 'land.json'), fetchJson<FeatureCollection>(base, 'borders.json'), fetchJson<Place[]>(base, 'places.json')]);
    reply = { ok: true, land: projectAreas(land), borders: projectLines(borders), places };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply, reply.ok ? [...buffersOf(reply.land), ...buffersOf(reply.borders)] : []);
};
