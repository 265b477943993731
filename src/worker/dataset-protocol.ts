import type { IncidentFeature } from '../data/incident-types';
import type { DatasetSummary, IncidentBrief } from '../model/dataset-summary';
import type { GridView } from '../model/index/grid-geometry';

/** What to open: a file the reader chose, or a URL (a ?data= link, the built-in dataset). */
export type ImportRequest =
  | { kind: 'file'; file: File }
  | { kind: 'url'; url: string; fileName: string };

export type ImportPhase = 'reading' | 'parsing' | 'indexing';

/**
 * Grid cell size, screen pixels: the worker precomputes its cluster pyramid at this size and the
 * map asks with it (a different size would be answered from the points: slower at scale).
 */
export const CELL_PX = 64;

/** The visible part of the map, and the grid cell size to cluster in (screen pixels). */
export type ViewQuery = GridView;

/** A cluster of incidents or a single incident, as the map draws it. */
export interface ViewMarker {
  /** The grid cell at this zoom: stable while panning, so the page can keep the marker it has. */
  key: string;
  lng: number;
  lat: number;
  count: number;
  /** Incidents per actor (ids), most first, for the ring; `other` counts the rest. */
  actors: Array<[string, number]>;
  other: number;
  /** [west, south, east, north] of the members: clicking a cluster zooms there. */
  bbox: [number, number, number, number];
  /** All members at exactly one point (centroid-coded): expands to a list, never splits. */
  stack: boolean;
  /** The one incident, when count is 1. */
  single?: { id: string; title: string; eventType: string; actorIds: string[]; claimed: boolean };
}

export type WorkerRequest =
  | { id: number; type: 'import'; source: ImportRequest }
  | { id: number; type: 'filter'; hiddenActors: string[] }
  | { id: number; type: 'view'; view: ViewQuery }
  | { id: number; type: 'incident'; incidentId: string }
  | { id: number; type: 'stack'; view: ViewQuery; lng: number; lat: number }
  | { id: number; type: 'export'; format: 'geojson' | 'csv'; note: string };

export type WorkerReply =
  | { id: number; type: 'progress'; phase: ImportPhase; fraction: number | undefined }
  | { id: number; type: 'imported'; result: { ok: true; summary: DatasetSummary } | { ok: false; error: string } }
  | { id: number; type: 'filtered'; visible: number; actorCounts: Record<string, number> }
  | { id: number; type: 'view'; markers: ViewMarker[]; visible: number }
  | { id: number; type: 'incident'; incident: IncidentFeature | null }
  | { id: number; type: 'stack'; briefs: IncidentBrief[]; total: number }
  | { id: number; type: 'exported'; text: string };
