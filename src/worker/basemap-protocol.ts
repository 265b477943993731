import type { ProjectedShapes } from '../model/basemap-geometry';
import type { Place } from '../model/basemap-place';

/** What the page asks the basemap worker: the basemap under this URL (absolute: a worker's own URL is not the page's). */
export interface BasemapRequest {
  base: string;
}

/** What it answers: the land and borders projected (their arrays transferred, not copied), and the town labels. */
export type BasemapReply =
  | { ok: true; land: ProjectedShapes; borders: ProjectedShapes; places: Place[] }
  | { ok: false; error: string };
