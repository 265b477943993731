/// <reference lib="webworker" />
import type { LoadedDataset } from '../data/validate-dataset';
import { PAGE_INCIDENT_LIMIT, summariseRows } from '../model/dataset-summary';
import { rowsOfIncidents } from '../model/index/incident-rows';
import type { ViewQuery, WorkerReply, WorkerRequest } from './dataset-protocol';
import { sourceName } from './read-source';
import { HalfReaderSide, isHalfRequest, type HalfRequest } from './half-reading';
import { readImport } from './import-source';
import { progressPoster } from './progress-posts';
import { ViewIndex } from './view-index';
import { startExport } from './export-job';
import { formatCount } from '../model/format-count';
import { errorMessage } from '../data/error-message';

type FilterRequest = Extract<WorkerRequest, { type: 'filter' }>;
type ExportRequest = Extract<WorkerRequest, { type: 'export' }>;

/**
 * One dataset's home. It reads and checks the file off the page's thread, then keeps the incidents,
 * their columns and spatial index, and answers the page: clusters for the view, one incident's
 * story, an export. The page never holds a big dataset; cancelling an import terminates the
 * worker that was reading it, and the previous dataset's worker lives on.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: WorkerReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

let dataset: LoadedDataset | null = null;
/** A page that asks for no view has the index built once it has been quiet this long… */
const BUILD_UNASKED_AFTER_MS = 1000;
/** …or this long after the import, at the latest. */
const BUILD_UNASKED_AT_MOST_MS = 5000;
let index: ViewIndex | null = null;
/**
 * Rows of search text folded per slice (~5 ms), so that a pan or filter asked for meanwhile waits
 * about that long. The page asks for this when the reader goes to the search box: at 100,000
 * incidents the text is nearly ready by the time they have typed (~1–1.5 s of work), and a reader
 * who never searches never pays for it (~10 s and ~200 MB at a million). Done in the background
 * from load, it slowed every pan on a 2-core machine for those seconds.
 */
const PREPARE_SEARCH_SLICE = 500;

/**
 * The next slice after whatever the page has asked meanwhile: a message to ourselves, not
 * setTimeout(0), which browsers hold back 4 ms once nested (~1 s more at 250,000 incidents).
 */
const nextSlice = new MessageChannel();
let sliceOf: ViewIndex | null = null;
nextSlice.port1.onmessage = () => {
  if (!sliceOf) return;
  try {
    prepareSearchInSlices(sliceOf);
  } catch (error) {
    // Outside any request's handling: the searches waiting on these slices get the failure.
    const parked = parkedFilters;
    parkedFilters = [];
    sliceOf = null;
    for (const request of parked) reply({ id: request.id, type: 'failed', message: errorMessage(error) });
  }
};

/**
 * A search that came before its text was ready, and any filter or export sent after it: answered
 * in order once the slices have folded it all (an export then writes what the search shows). The
 * worker answers pans, zooms and list pages meanwhile, from the filter before it, rather than
 * folding everything at once (~10 s at a million) while the map waits.
 */
let parkedFilters: Array<FilterRequest | ExportRequest> = [];

/**
 * The last view the page asked about. A parked search is answered after views asked since it was
 * sent (from the filter before it): its answer carries this view's clusters, or the map would go
 * on showing what the filter before it shows (the page asks again only for an answer without them).
 */
let lastView: ViewQuery | null = null;

/** The last whole percent of search text folded that the page was told of. */
let searchPercentTold = -1;

function prepareSearchInSlices(built: ViewIndex): void {
  sliceOf = null;
  if (index !== built) return;
  const ready = built.prepareSearch(PREPARE_SEARCH_SLICE);
  // The page shows it while a search waits ("searching… 40%"): a first search at a million takes
  // seconds. Not while none does (the text folded ahead, as the reader goes to the search box): the
  // page would only render its panel a hundred times for it.
  const percent = Math.floor(100 * built.searchPrepared);
  if (percent !== searchPercentTold && parkedFilters.length > 0) {
    searchPercentTold = percent;
    reply({ id: 0, type: 'search-progress', fraction: built.searchPrepared });
  }
  if (ready) {
    const parked = parkedFilters;
    parkedFilters = [];
    for (const request of parked) {
      if (request.type === 'filter') answerFilter(built, { ...request, view: lastView ?? request.view });
      else answerExport(built, request);
    }
    return;
  }
  sliceOf = built;
  nextSlice.port2.postMessage(null);
}

function answerFilter(built: ViewIndex, request: FilterRequest): void {
  const outcome = built.applyFilter(request.filter, request.timeline);
  if (request.view) outcome.markers = { view: request.view, markers: built.markers(request.view) };
  reply({ id: request.id, type: 'filtered', outcome });
  // The map first, then the timeline's bars: the page draws the one while the worker counts the
  // other (and, after an actor toggle answered from the pyramid alone, writes the shown rows first;
  // a dataset without dates has no bars, and writes them when something first reads them).
  const histogram = built.dueHistogram();
  if (histogram) reply({ id: request.id, type: 'histogram', histogram });
  if (request.view) buildAfterFirstView(built);
}

/** Starts writing the shown incidents, noting in the file how many of how many it holds. */
function answerExport(built: ViewIndex, request: ExportRequest): void {
  if (!dataset) return reply({ id: request.id, type: 'failed', message: 'There is no dataset to export.' });
  const rows = built.shownFileRows();
  const note = `Exported from Conflict Map on ${request.date}: ${formatCount(rows.length)} of ${formatCount(built.size)} incidents, as filtered at the time.`;
  startExport(request.id, request.format, note, dataset, { rows, read: (row) => built.readFileRow(row) }, reply);
}

/**
 * The first view of a big dataset is answered before the index is built, by binning every row
 * (~0.1 s at a million, against ~0.7 s for the index): the map shows while the index is built,
 * and what the page asks meanwhile waits for it. The build starts after the answer is posted, as a
 * message to ourselves: in practice after requests the page had already sent (a list page), though
 * browsers promise no order between the two ports.
 */
let importId = 0;
const nextBuild = new MessageChannel();
nextBuild.port1.onmessage = () => {
  if (index) buildIndex(index);
};
function buildAfterFirstView(built: ViewIndex): void {
  if (!built.built) nextBuild.port2.postMessage(null);
}

/** The pyramid, then — after whatever the page asked meanwhile — the point index, which only deep zooms and stacks need. */
function buildIndex(built: ViewIndex): void {
  if (built.built) return;
  if (!outsideRequests(() => built.build())) return;
  nextWarmUp.port2.postMessage(null);
}
const nextWarmUp = new MessageChannel();
nextWarmUp.port1.onmessage = () => {
  const built = index;
  if (!built || !outsideRequests(() => built.warmUp())) return;
  reply({ id: importId, type: 'indexed', at: now() });
  // Then, after whatever the page asked meanwhile, what the first actor toggles would wait for.
  nextFilterWarm.port2.postMessage(null);
};
const nextFilterWarm = new MessageChannel();
nextFilterWarm.port1.onmessage = () => {
  const built = index;
  if (built) outsideRequests(() => built.warmFilters());
};

/**
 * Work the worker does on its own (not answering a request): a failure is said to the page, which
 * shows it, and the index goes on answering as it was (build() changes nothing until it is done).
 */
function outsideRequests(work: () => void): boolean {
  try {
    work();
    return true;
  } catch (error) {
    reply({ id: importId, type: 'failed', message: errorMessage(error) });
    return false;
  }
}

/** When the page last asked anything: the unasked build waits while the page is busy asking. */
let lastRequestAt = 0;
/**
 * Builds the index if the page has asked for no view by then (a slow first mount still asking for
 * its list and filters pushes it back, up to BUILD_UNASKED_AT_MOST_MS after the import).
 */
function buildUnasked(built: ViewIndex, since: number): void {
  if (built.built) return;
  const quiet = performance.now() - lastRequestAt >= BUILD_UNASKED_AFTER_MS;
  if (quiet || performance.now() - since >= BUILD_UNASKED_AT_MOST_MS) buildIndex(built);
  else setTimeout(() => buildUnasked(built, since), BUILD_UNASKED_AFTER_MS);
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'import': {
      const report = progressPoster((phase, fraction) => reply({ id: request.id, type: 'progress', phase, fraction }));
      const read = await readImport(request.source, report, { halvesFrom: request.halvesFrom });
      if ('error' in read) return reply({ id: request.id, type: 'imported', result: { ok: false, error: read.error } });
      const { importing, collector, keptText, halves } = read;
      const readAt = now();
      report('parsing', undefined);
      const result = importing.finish();
      if (!result.ok) return reply({ id: request.id, type: 'imported', result });
      const parsedAt = now();
      report('indexing', undefined);
      const { incidents, ...definitions } = result.dataset;
      // The collector has them when the import gave it the incidents (CSV; a GeoJSON
      // FeatureCollection read as it streamed in), else the dataset lists them (GeoJSON read whole).
      const rows = collector.length > 0 || result.reread
        ? collector.finish(result.reread, Object.keys(definitions.actors))
        : rowsOfIncidents(incidents, Object.keys(definitions.actors), Object.keys(definitions.sources));
      // The rest of the index is built once the first view is answered (buildAfterFirstView), but
      // at once for a dataset the page draws whole, which asks for no view.
      index = new ViewIndex(result.dataset, rows, { build: rows.columns.length <= PAGE_INCIDENT_LIMIT });
      importId = request.id;
      const summary = summariseRows(definitions, rows, index.actorTotals());
      // The index holds the incidents from now on: keep only the definitions here.
      dataset = { ...definitions, incidents: [] };
      reply({ id: request.id, type: 'imported', result: { ok: true, summary, timings: { readAt, parsedAt, indexedAt: now(), keptTextBytes: result.reread ? keptText.heapBytes + keptText.outsideBytes : 0, ...(halves ? { halves } : {}) } } });
      const built = index;
      if (built.built) nextWarmUp.port2.postMessage(null);
      // If the page asks for no view soon, the index is built anyway.
      else {
        const since = performance.now();
        setTimeout(() => buildUnasked(built, since), BUILD_UNASKED_AFTER_MS);
      }
      return;
    }
    case 'filter': {
      if (!index) return reply({ id: request.id, type: 'filtered', outcome: { visible: 0, actorCounts: {} } });
      // A filter after a parked one waits with it, whatever it asks: answers go back in order.
      if (parkedFilters.length > 0 || index.needsSearchText(request.filter)) {
        parkedFilters.push(request);
        if (sliceOf !== index) prepareSearchInSlices(index);
        return;
      }
      return answerFilter(index, request);
    }
    case 'prepare-search':
      if (index && sliceOf !== index) prepareSearchInSlices(index);
      return;
    case 'list':
      return reply({ id: request.id, type: 'list', ...(index?.list(request.sort, request.offset, request.limit) ?? { rows: [], total: 0 }) });
    case 'position':
      return reply({ id: request.id, type: 'position', position: index?.position(request.sort, request.incidentId) ?? -1 });
    case 'prefetch-view':
      // Not while a search waits for its text: the clusters would be of the filter before it, which
      // its answer replaces (and the folding would wait for them).
      if (parkedFilters.length === 0) index?.markers(request.view);
      return;
    case 'view': {
      lastView = request.view;
      if (!index) return reply({ id: request.id, type: 'view', markers: [], visible: 0 });
      reply({ id: request.id, type: 'view', markers: index.markers(request.view), visible: index.visibleCount });
      return buildAfterFirstView(index);
    }
    case 'incident':
      return reply({ id: request.id, type: 'incident', incident: index?.incident(request.incidentId) ?? null, shown: index?.isShown(request.incidentId) ?? false });
    case 'stack': {
      const { briefs, total } = index?.stack(request.view, request.lng, request.lat) ?? { briefs: [], total: 0 };
      return reply({ id: request.id, type: 'stack', briefs, total });
    }
    case 'export': {
      if (!index) return reply({ id: request.id, type: 'failed', message: 'There is no dataset to export.' });
      // After a search still waiting for its text: the export is of what that search shows.
      if (parkedFilters.length > 0) {
        parkedFilters.push(request);
        return;
      }
      return answerExport(index, request);
    }
  }
}

/** Wall-clock ms on a clock the page can convert to its own (timeOrigin differs per thread). */
function now(): number {
  return performance.timeOrigin + performance.now();
}

/** This worker may be another's helper, reading the second half of its file (half-reading.ts). */
let halfReader: HalfReaderSide | undefined;

scope.onmessage = (event: MessageEvent<WorkerRequest | HalfRequest>) => {
  if (isHalfRequest(event.data)) {
    halfReader ??= new HalfReaderSide((message, transfer = []) => scope.postMessage(message, transfer));
    return halfReader.take(event.data);
  }
  const request = event.data;
  lastRequestAt = performance.now();
  // Every request gets an answer, a failure included: a page waiting on a lost one would wait forever.
  handle(request).catch((error: unknown) => {
    const message = errorMessage(error);
    if (request.type === 'import') reply({ id: request.id, type: 'imported', result: { ok: false, error: `${sourceName(request.source)} could not be read: ${message}` } });
    else reply({ id: request.id, type: 'failed', message });
  });
};

