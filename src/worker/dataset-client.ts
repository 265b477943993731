import type { IncidentFeature } from '../data/incident-types';
import type { DatasetSummary, IncidentBrief } from '../model/dataset-summary';
import { sameFilter, showsEverything, type IncidentFilter, type TimeRange } from '../model/incident-filter';
import type { ListSort } from '../model/view-state';
import type { FilterOutcome, ImportPhase, ImportRequest, ImportTimings, ListRow, TimelineCounts, ViewMarker, ViewQuery, WorkerReply, WorkerRequest } from './dataset-protocol';

/** A filter's answer; when the timeline's bars changed, they come a moment later (histogramLater). */
export type AppliedFilter = FilterOutcome & { histogramLater?: Promise<TimelineCounts> };

type Reply<T extends WorkerReply['type']> = Extract<WorkerReply, { type: T }>;
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Filters sent to the worker and not yet answered, at most (DatasetService.filter). */
const FILTERS_IN_FLIGHT = 2;

/**
 * The page's handle on a dataset's worker: typed requests, each answered by a promise. One worker
 * per dataset; `dispose` ends it (when another dataset replaces it).
 */
export class DatasetService {
  private nextId = 1;
  /** Requests waiting for their answer; `ownFailure`: the caller tells the reader of a failure itself, not the failure listener. */
  private readonly pending = new Map<number, { resolve(reply: WorkerReply): void; reject(error: Error): void; ownFailure: boolean }>();
  onProgress: (phase: ImportPhase, fraction: number | undefined) => void = () => {};
  /** Told when the worker has built the dataset's whole index, after the import's answer (at: the worker's clock, as ImportTimings). */
  onIndexed: (at: number) => void = () => {};
  private searchProgressListener: ((fraction: number) => void) | null = null;

  /** Listens for how much of the search text the worker has folded (0…1, at each whole percent) while it folds it; returns the way to stop. */
  onSearchProgress(listener: (fraction: number) => void): () => void {
    this.searchProgressListener = listener;
    return () => { if (this.searchProgressListener === listener) this.searchProgressListener = null; };
  }
  /** Told of each request the worker could not answer (its promise is rejected too), but for those whose caller tells the reader itself (an export). */
  private failureListener: ((message: string) => void) | null = null;

  /** Listens for requests the worker could not answer; returns the way to stop. Without a listener, they go to the console. */
  onFailure(listener: (message: string) => void): () => void {
    this.failureListener = listener;
    return () => { if (this.failureListener === listener) this.failureListener = null; };
  }

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') return this.onProgress(reply.phase, reply.fraction);
      if (reply.type === 'indexed') return this.onIndexed(reply.at);
      if (reply.type === 'search-progress') return this.searchProgressListener?.(reply.fraction);
      if (reply.type === 'export-part') return this.exports.get(reply.id)?.(reply.bytes, reply.fraction);
      if (reply.type === 'histogram') {
        this.histograms.get(reply.id)?.(reply.histogram);
        this.histograms.delete(reply.id);
        return;
      }
      if (reply.type === 'filtered' && reply.outcome.histogramFollows) {
        // Waited for from here, before the reply is handed on: the bars are the worker's very next message.
        const later = new Promise<TimelineCounts>((resolve) => this.histograms.set(reply.id, resolve));
        (reply.outcome as AppliedFilter).histogramLater = later;
      }
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.type === 'failed') {
        this.histograms.delete(reply.id);
        waiting?.reject(new Error(reply.message));
        if (waiting?.ownFailure) return;
        if (this.failureListener) this.failureListener(reply.message);
        else console.error(`The dataset's worker failed: ${reply.message}`);
        return;
      }
      waiting?.resolve(reply);
    };
  }

  request<T extends WorkerReply['type']>(message: Request, { id = this.nextId++, ownFailure = false } = {}): Promise<Reply<T>> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (reply: WorkerReply) => void, reject, ownFailure });
      this.worker.postMessage({ ...message, id } as WorkerRequest);
    });
  }

  private readonly histograms = new Map<number, (histogram: TimelineCounts) => void>();
  private filtersInFlight = 0;
  private queuedFilter: { filter: IncidentFilter; timeline: TimeRange | null; resolve(outcome: AppliedFilter | null): void } | null = null;

  /**
   * Applies a filter in the worker. At most two are in flight, and past that only the newest of
   * the filters asked for waits; the ones it replaces resolve to null. A timeline scrub asks sixty
   * times a second; the worker answers each state it can, never a growing queue of old ones. Two,
   * not one: the worker starts on the next while the page takes the last answer in and draws it
   * (a scrub at a million incidents went from 24–32 to 38–40 updates a second here).
   */
  filter(filter: IncidentFilter, timeline: TimeRange | null = null): Promise<AppliedFilter | null> {
    const early = this.early;
    this.early = null;
    if (early && timeline === null && sameFilter(early.filter, filter)) return early.answer;
    return new Promise((resolve) => {
      if (this.filtersInFlight >= FILTERS_IN_FLIGHT) {
        this.queuedFilter?.resolve(null);
        this.queuedFilter = { filter, timeline, resolve };
        return;
      }
      this.filtersInFlight++;
      const done = (outcome: AppliedFilter | null) => {
        this.filtersInFlight--;
        resolve(outcome);
        const next = this.queuedFilter;
        this.queuedFilter = null;
        if (next) void this.filter(next.filter, next.timeline).then(next.resolve);
      };
      // A failed filter leaves the map as it was (onFailure says why), and the next one still goes.
      this.request<'filtered'>({ type: 'filter', filter, timeline, view: this.lastView }).then(({ outcome }) => done(outcome as AppliedFilter), () => done(null));
    });
  }

  /** The dataset's starting filter, asked for as soon as it is known (askAhead). */
  private early: { filter: IncidentFilter; answer: Promise<AppliedFilter | null> } | null = null;

  /**
   * What a dataset's view asks first, asked as soon as the dataset is set, before the view has
   * mounted: the filter it starts with and, for a map drawn as clusters, `openingView`, the view
   * the map is about to open in (no answer: the worker works out its clusters and has them when
   * the map asks for the same cells). The worker works on them while the page renders the view,
   * rather than after, when the map would wait behind them. The worker starts with every incident
   * shown: with no filter to apply, the view goes first and the filter (its timeline bars, 10–40
   * ms) after it; else after the filter, which it then shows. The view's own first filter() of the
   * same filter takes this answer.
   */
  askAhead(filter: IncidentFilter, openingView: ViewQuery | null): void {
    const viewFirst = showsEverything(filter);
    if (openingView && viewFirst) this.prefetchView(openingView);
    this.early = { filter, answer: this.filter(filter, null) };
    if (openingView && !viewFirst) this.prefetchView(openingView);
  }

  private prefetchView(view: ViewQuery): void {
    this.worker.postMessage({ id: 0, type: 'prefetch-view', view } satisfies WorkerRequest);
  }

  /** The reader is going to search: the worker folds the search text in the background (no answer). */
  prepareSearch(): void {
    this.worker.postMessage({ id: 0, type: 'prepare-search' } satisfies WorkerRequest);
  }

  async list(sort: ListSort, offset: number, limit: number): Promise<{ rows: ListRow[]; total: number }> {
    const { rows, total } = await this.request<'list'>({ type: 'list', sort, offset, limit });
    return { rows, total };
  }

  async position(sort: ListSort, incidentId: string): Promise<number> {
    return (await this.request<'position'>({ type: 'position', sort, incidentId })).position;
  }

  /** The last view the map asked about: a filter's answer carries its clusters too. */
  private lastView: ViewQuery | null = null;

  view(view: ViewQuery): Promise<{ markers: ViewMarker[]; visible: number }> {
    this.lastView = view;
    return this.request<'view'>({ type: 'view', view });
  }

  /** One incident in full, and whether the current filter shows it. */
  async incident(incidentId: string): Promise<{ incident: IncidentFeature | null; shown: boolean }> {
    const { incident, shown } = await this.request<'incident'>({ type: 'incident', incidentId });
    return { incident, shown };
  }

  stack(view: ViewQuery, lng: number, lat: number): Promise<{ briefs: IncidentBrief[]; total: number }> {
    return this.request<'stack'>({ type: 'stack', view, lng, lat });
  }

  /** Where the parts of each export under way go, by request. */
  private readonly exports = new Map<number, (bytes: Uint8Array<ArrayBuffer>, fraction: number) => void>();
  /** Disposed while an export was being written: the worker ends once the last one is. */
  private closing = false;

  /**
   * The shown incidents as a file (our GeoJSON format or CSV), as the worker writes it in parts:
   * a million incidents' text is more than one string can hold. Each part becomes a Blob at once,
   * which the browser may keep outside the page's memory, and the file is a Blob of them.
   * `date` is the reader's today, for the file's note. `onProgress` gets the fraction written.
   */
  async exportView(format: 'geojson' | 'csv', date: string, onProgress: (fraction: number) => void = () => {}): Promise<Blob> {
    const id = this.nextId++;
    const parts: Blob[] = [];
    this.exports.set(id, (bytes, fraction) => {
      if (bytes.length > 0) parts.push(new Blob([bytes]));
      onProgress(fraction);
    });
    try {
      // A failure is the export panel's to tell: the map and its counts are not touched.
      const { head, tail } = await this.request<'exported'>({ type: 'export', format, date }, { id, ownFailure: true });
      return new Blob([head, ...parts, tail], { type: format === 'csv' ? 'text/csv' : 'application/geo+json' });
    } finally {
      this.exports.delete(id);
      if (this.closing && this.exports.size === 0) this.worker.terminate();
    }
  }

  /**
   * Ends the worker: when another dataset replaces this one. An export the reader asked for is
   * written to its end first (and downloads), rather than lost without a word.
   */
  dispose(): void {
    this.pending.forEach((_, id) => { if (!this.exports.has(id)) this.pending.delete(id); });
    this.histograms.clear();
    if (this.exports.size > 0) this.closing = true;
    else this.worker.terminate();
  }
}

export type OpenResult = { ok: true; summary: DatasetSummary; service: DatasetService; timings: ImportTimings } | { ok: false; error: string };

function datasetWorker(): Worker {
  return new Worker(new URL('./dataset-worker.ts', import.meta.url), { type: 'module' });
}

/** A worker started ahead of its dataset (prepareDatasetWorker), and whether it failed to start. */
let prepared: { worker: Worker; failed: boolean } | undefined;

/**
 * Starts the worker the next dataset will open in, so that its script is fetched and compiled
 * while the page itself starts: the first dataset (a link's, or the built-in one) is asked for only
 * once the page has rendered, and the worker then took ~100 ms more to be ready to read it.
 */
export function prepareDatasetWorker(): void {
  if (prepared) return;
  try {
    const entry = { worker: datasetWorker(), failed: false };
    entry.worker.onerror = () => { entry.failed = true; };
    prepared = entry;
  } catch {
    // A browser that cannot make the worker says so when the dataset is opened (openDataset).
  }
}

/** The prepared worker if there is one that started, else a new one. */
function takeDatasetWorker(): Worker {
  const entry = prepared;
  prepared = undefined;
  if (entry && !entry.failed) return entry.worker;
  entry?.worker.terminate();
  return datasetWorker();
}

/**
 * Opens a dataset in a new worker (or the one prepared for it). Cancelling terminates that worker
 * — and only it: the dataset already on the map keeps its own.
 */
export function openDataset(
  source: ImportRequest,
  onProgress: (phase: ImportPhase, fraction: number | undefined) => void,
  halvesFrom?: number,
): { result: Promise<OpenResult | null>; cancel(): void } {
  const worker = takeDatasetWorker();
  const service = new DatasetService(worker);
  service.onProgress = onProgress;
  let settle: (result: OpenResult | null) => void = () => {};
  const result = new Promise<OpenResult | null>((resolve) => { settle = resolve; });
  // Replaces the prepared worker's own listener (prepareDatasetWorker): from now on an error ends this import.
  worker.onerror = (event) => {
    settle({ ok: false, error: `The file could not be read: ${event.message || 'the import stopped unexpectedly'}.` });
    service.dispose();
  };
  void service.request<'imported'>({ type: 'import', source, ...(halvesFrom ? { halvesFrom } : {}) }).then(({ result: imported }) => {
    service.onProgress = () => {};
    if (imported.ok) settle({ ok: true, summary: imported.summary, service, timings: imported.timings });
    else {
      settle(imported);
      service.dispose();
    }
  });
  return {
    result,
    cancel() {
      service.dispose();
      settle(null);
    },
  };
}
