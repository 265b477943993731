/// <reference lib="webworker" />
import type { FeatureCollection } from 'geojson';
import { projectAreas, projectLines, type ProjectedShapes } from '../model/basemap-geometry';
import type { Place } from '../model/basemap-place';
import type { BasemapReply, BasemapRequest } from './basemap-protocol';
import { errorMessage } from '../data/error-message';

/*
 * The offline basemap, fetched, parsed and projected off the page's main thread: parsing the
 * land's 1 MB of GeoJSON (a hundred thousand small arrays) and its garbage made a ~50 ms task at
 * the page's start, while a dataset was being read, and projecting it there took ~150 ms more, in
 * slices.
 */

async function fetchJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`basemap/${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The arrays' buffers, each once (a buffer listed twice cannot be transferred). */
function buffersOf(...shapes: ProjectedShapes[]): ArrayBuffer[] {
  return [...new Set(shapes.flatMap((s) => [s.coords.buffer, s.starts.buffer, s.boxes.buffer, s.ranks.buffer] as ArrayBuffer[]))];
}

async function basemap({ base }: BasemapRequest): Promise<BasemapReply> {
  try {
    const [land, borders, places] = await Promise.all([fetchJson<FeatureCollection>(base, 'land.json'), fetchJson<FeatureCollection>(base, 'borders.json'), fetchJson<Place[]>(base, 'places.json')]);
    return { ok: true, land: projectAreas(land), borders: projectLines(borders), places };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

self.onmessage = async (event: MessageEvent<BasemapRequest>) => {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const reply = await basemap(event.data);
  try {
    scope.postMessage(reply, reply.ok ? buffersOf(reply.land, reply.borders) : []);
  } catch (error) {
    scope.postMessage({ ok: false, error: `the basemap could not be handed over (${errorMessage(error)})` } satisfies BasemapReply);
  }
};
