import { reconcileWithDataset } from '../model/view-state';
import { useAppStore } from '../state/store';
import { viewStateOf } from '../state/url-sync';
import { openDataset } from '../worker/dataset-client';
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
  });
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
      performance.mark('cm:data-ready');
      const link = request.kind === 'url' ? request.link ?? null : null;
      setLoad({ status: 'ready', fileName, summary: result.summary, service: result.service, link, local: request.kind === 'file' });
      // A link's view may name actors, types or sources this dataset lacks: drop them, and say so.
      const { summary } = result;
      const { state, notices } = reconcileWithDataset(viewStateOf(useAppStore.getState(), link), {
        actors: [...Object.keys(summary.actors), ...Object.keys(summary.actorCounts)], eventTypes: Object.keys(summary.eventTypes), sources: Object.keys(summary.sources),
      });
      if (notices.length) useAppStore.setState(({ linkNotices }) => ({ filter: state.filter, linkNotices: [...linkNotices, ...notices] }));
    }
    else if (load.status === 'ready') setImportError({ fileName, message: result.error });
    else setLoad({ status: 'error', fileName, message: result.error });
  });
}
