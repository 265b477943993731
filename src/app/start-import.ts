import type { DatasetSummary } from '../model/dataset-summary';
import { NO_FILTER } from '../model/incident-filter';
import { reconcileWithDataset, type ViewState } from '../model/view-state';
import { neverActingIds } from '../model/actor-layers';
import { useAppStore, type LoadState, type StartView } from '../state/store';
import { datasetOfLoad, viewStateOf } from '../state/url-sync';
import { openDataset } from '../worker/dataset-client';
import { HALVES_FROM } from '../state/bench-mode';
import type { ImportRequest } from '../worker/dataset-protocol';

let currentJob = 0;

/**
 * Opens a file or URL the reader asked for, in a worker, with progress in the store. The map keeps
 * showing the current dataset until the new one is ready; a failure leaves it there and says why.
 * A newer import supersedes an older one.
 */
export function startImport(request: ImportRequest): void {
  const store = useAppStore.getState();
  // Supersede first, then cancel: the older job then knows it is no longer current and leaves the state alone.
  const previous = store.importJob;
  const jobId = ++currentJob;
  previous?.cancel();
  const fileName = request.kind === 'file' ? request.file.name : request.fileName;
  performance.mark('cm:import-start');
  const job = openDataset(request, (phase, fraction) => {
    if (jobId === currentJob) useAppStore.getState().setImportJob({ fileName, phase, fraction, cancel });
  }, HALVES_FROM);
  function cancel() {
    job.cancel();
    if (jobId !== currentJob) return;
    const { setImportJob, load, setLoad } = useAppStore.getState();
    setImportJob(null);
    // Nothing on the map yet (a ?data= link): say what happened instead of loading forever.
    if (load.status !== 'ready') setLoad({ status: 'error', fileName, message: `Opening ${fileName} was cancelled. Open a file, or reload the page to try again.` });
  }
  store.setImportError(null);
  store.setImportJob({ fileName, phase: 'reading', fraction: 0, cancel });

  void job.result.then((result) => {
    if (jobId !== currentJob || result === null) return;
    const { setImportJob, setLoad, setImportError, load } = useAppStore.getState();
    setImportJob(null);
    if (result.ok) {
      // The worker's moments, moved onto the page's timeline (each thread has its own time origin).
      performance.mark('cm:parsed', { startTime: Math.max(0, result.timings.parsedAt - performance.timeOrigin) });
      // With how much of the worker's heap is the file's text (the benchmark sets it aside).
      // And whether a large CSV file was read in halves (worker/half-reading.ts).
      performance.mark('cm:data-ready', { detail: { keptTextBytes: result.timings.keptTextBytes, halves: result.timings.halves ?? null } });
      // The rest of the index, built once the first view is drawn: the benchmark reports when.
      result.service.onIndexed = (at) => performance.mark('cm:indexed', { startTime: Math.max(0, at - performance.timeOrigin) });
      const link = request.kind === 'url' ? request.link ?? null : null;
      const ready = { status: 'ready', fileName, summary: result.summary, service: result.service, link, local: request.kind === 'file' } as const;
      setLoad(ready, startingView(ready, load.status === 'ready'));
    }
    else if (load.status === 'ready') setImportError({ fileName, message: result.error });
    else setLoad({ status: 'error', fileName, message: result.error });
  });
}

/**
 * The view a dataset opens in. A file from the reader's computer opens in the view waiting for a
 * file of its name (from a link to it, or Back/Forward to it), or else afresh — with a notice when
 * a view is waiting for another file, which keeps waiting: the reader may have picked the wrong
 * file. The first dataset (a link's) opens in the link's view. A view is checked against the
 * dataset: ids it lacks are dropped, and said so. Anything else starts afresh (setLoad).
 */
function startingView(load: Extract<LoadState, { status: 'ready' }>, replacing: boolean): StartView {
  const state = useAppStore.getState();
  const waiting = state.pendingFileView;
  if (load.local) {
    const fresh = { filter: NO_FILTER, selectedId: null, mapView: null, linkNotices: [], fileNotice: null };
    if (waiting === null || waiting.file === null) return fresh;
    if (waiting.file !== load.fileName) return { ...fresh, fileNotice: { file: waiting.file, reason: 'other-file', opened: load.fileName } };
    return { ...fresh, pendingFileView: null, ...reconciled(waiting, load.summary, []) };
  }
  if (!replacing) return reconciled(viewStateOf(state, datasetOfLoad(load)), load.summary, state.linkNotices);
  return {};
}

/** A view's store fields, without the ids `summary` lacks, and the notices saying which were dropped. */
function reconciled(view: ViewState, summary: DatasetSummary, notices: readonly string[]): StartView {
  const { state, notices: dropped } = reconcileWithDataset(view, {
    actors: [...Object.keys(summary.actors), ...Object.keys(summary.actorCounts)], eventTypes: Object.keys(summary.eventTypes), sources: Object.keys(summary.sources),
    neverActing: neverActingIds(summary),
  });
  return { filter: state.filter, selectedId: state.selectedId, mapView: state.map, baseLayer: state.base, sort: state.sort, linkNotices: [...notices, ...dropped] };
}
