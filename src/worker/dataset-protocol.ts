import type { IncidentFeature } from '../data/incident-types';
import type { DatasetSummary, IncidentBrief } from '../model/dataset-summary';
import type { IncidentFilter, TimeRange } from '../model/incident-filter';
import type { BinUnit } from '../model/timeline';
import type { ListSort } from '../model/view-state';
import type { GridView } from '../model/index/grid-geometry';

/** What to open: a file the reader chose, or a URL (a ?data= link, the built-in dataset). */
export type ImportRequest =
  | { kind: 'file'; file: File }
  /** `link`: the ?data= value that opens it again, for links to the view (none for the built-in dataset). */
  | { kind: 'url'; url: string; fileName: string; link?: string };

export type ImportPhase = 'reading' | 'parsing' | 'indexing';

/**
 * When the worker finished reading and parsing, on its own clock (performance.timeOrigin +
 * performance.now()), so the page can mark them on its timeline for the benchmark (cm:parsed).
 */
export interface ImportTimings {
  readAt: number;
  parsedAt: number;
  /** Ready to answer: columns and counts. The rest of the index follows (an 'indexed' message). */
  indexedAt: number;
  /**
   * Bytes the worker holds the file's text in, kept to read rows again from: strings, and UTF-8
   * bytes in ArrayBuffers (the benchmark's heap counts both). 0 for GeoJSON, kept as objects.
   */
  keptTextBytes: number;
  /**
   * A large CSV file read by two workers (half-reading.ts): whether the helper's half was taken
   * over, or its text read here after all; absent when there was no helper.
   */
  halves?: 'taken' | 'read here';
}

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

/** The timeline's bars: every filter applied but time. Bin i covers days starts[i] .. starts[i + 1] − 1 (days since 1970-01-01). */
export interface TimelineCounts {
  unit: BinUnit;
  starts: number[];
  /** Incidents dated within one bar. */
  exact: number[];
  /** Incidents known only to a span wider than a bar (a week, a month), shared over the bars it covers. */
  spread: number[];
  undated: number;
  /** The bars cover a span the reader zoomed into, not the whole dataset. */
  zoomed: boolean;
}

/** What a filter change yields for the page. */
export interface FilterOutcome {
  visible: number;
  /** Per actor layer: incidents that pass every other filter (so a switched-off layer still says what it holds). */
  actorCounts: Record<string, number>;
  /** Absent when only the time range changed: the bars stay as they are. */
  histogram?: TimelineCounts;
  /** The worker answers the map first and sends the bars right after, in a 'histogram' reply to the same request. */
  histogramFollows?: boolean;
  /** The shown incidents' ids, for a dataset small enough that the page draws each one. */
  shownIds?: string[];
  /** The clusters of the view the request named, so the map updates without asking again (one round trip a step of a scrub). */
  markers?: { view: ViewQuery; markers: ViewMarker[] };
}

/** A row of the incident list. */
export interface ListRow extends IncidentBrief {
  actorIds: string[];
  eventType: string;
  claimed: boolean;
  /** The figure with the highest number, in its own words ("12 killed (best estimate, 10–15)"). */
  casualties?: string;
}

export type WorkerRequest =
  /** `halvesFrom`: bytes from which a CSV file is read in halves, instead of HALVES_FROM_BYTES (tests). */
  | { id: number; type: 'import'; source: ImportRequest; halvesFrom?: number }
  /** `timeline`: the span the timeline's bars cover (zoomed in), or null for the whole dataset. */
  | { id: number; type: 'filter'; filter: IncidentFilter; timeline: TimeRange | null; view: ViewQuery | null }
  /** Fold the search text in the background (the reader is going to search); no reply. */
  | { id: number; type: 'prepare-search' }
  /**
   * Work out the clusters of the view the map is about to open in (the page asks as the dataset is
   * set, before its view has mounted), so that the map's own ask finds them made; no reply, and the
   * index is not built after it (an ask for another view would wait behind the build).
   */
  | { id: number; type: 'prefetch-view'; view: ViewQuery }
  | { id: number; type: 'list'; sort: ListSort; offset: number; limit: number }
  | { id: number; type: 'position'; sort: ListSort; incidentId: string }
  | { id: number; type: 'view'; view: ViewQuery }
  | { id: number; type: 'incident'; incidentId: string }
  | { id: number; type: 'stack'; view: ViewQuery; lng: number; lat: number }
  /** `date`: the reader's today (YYYY-MM-DD), for the note the file gets of when and how many were exported. */
  | { id: number; type: 'export'; format: 'geojson' | 'csv'; date: string };

export type WorkerReply =
  | { id: number; type: 'progress'; phase: ImportPhase; fraction: number | undefined }
  /** The request could not be answered: what went wrong, in the worker. */
  | { id: number; type: 'failed'; message: string }
  | { id: number; type: 'imported'; result: { ok: true; summary: DatasetSummary; timings: ImportTimings } | { ok: false; error: string } }
  /** After 'imported', unasked: the whole index is built (at: on the worker's clock, as ImportTimings). */
  | { id: number; type: 'indexed'; at: number }
  /** Unasked, while the search text is folded: the fraction of the rows done, at each whole percent. */
  | { id: number; type: 'search-progress'; fraction: number }
  | { id: number; type: 'filtered'; outcome: FilterOutcome }
  /** After a 'filtered' reply with histogramFollows. */
  | { id: number; type: 'histogram'; histogram: TimelineCounts }
  | { id: number; type: 'list'; rows: ListRow[]; total: number }
  | { id: number; type: 'position'; position: number }
  | { id: number; type: 'view'; markers: ViewMarker[]; visible: number }
  /** `shown`: whether it passes the current filter. */
  | { id: number; type: 'incident'; incident: IncidentFeature | null; shown: boolean }
  | { id: number; type: 'stack'; briefs: IncidentBrief[]; total: number }
  /** Part of an export's text, as UTF-8, in order (transferred), and the fraction of its incidents written so far. */
  | { id: number; type: 'export-part'; bytes: Uint8Array<ArrayBuffer>; fraction: number }
  /** The export is written: the text before its parts and after them (export-writer.ts). */
  | { id: number; type: 'exported'; head: Uint8Array<ArrayBuffer>; tail: Uint8Array<ArrayBuffer> };
