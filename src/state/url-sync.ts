import { decodeViewState, encodeViewState, sameDataset, sameView, withoutDatasetParts, type DatasetRef, type ViewState } from '../model/view-state';
import { BENCH_MODE } from './bench-mode';
import { useAppStore, type AppState, type LoadState } from './store';

/**
 * Keeps the address bar and the store in step, so a link brings back exactly the view it was
 * copied from. Meaningful changes (filters, the selected incident, sort, base layer) add a history
 * entry, so Back undoes them; changes in quick succession (a brush drag, typing, playback, panning)
 * replace the entry they started, so Back doesn't step through every frame. Back and Forward put
 * the entry's view back into the store — only an entry of the dataset that is open: an entry of
 * another one reloads the page at it, or, for a file from the reader's computer that no link can
 * fetch, leaves the map as it is and says so.
 */

/** Changes closer together than this are one step in the history. */
const SAME_STEP_MS = 800;
/**
 * Refinements are written at most this often: a brush drag or a scrub changes the view every frame,
 * and Chromium ignores history calls beyond ~200 in 10 s.
 */
const REPLACE_EVERY_MS = 250;

let flushPending: () => void = () => {};
let linkToView: () => string = () => window.location.href;

/**
 * The link to the view as it is now: built from the store, so it is the open dataset's view even
 * while the address names a file that is not open (see `foreign` below). Any refinement not yet
 * written to the address bar is written first.
 */
export function currentViewUrl(): string {
  flushPending();
  return linkToView();
}

/** The dataset a loaded dataset's views belong to: its ?data= link, the name of a file from the reader's computer, or neither (the built-in one). */
export function datasetOfLoad(load: LoadState): DatasetRef {
  if (load.status !== 'ready') return { data: null, file: null };
  return { data: load.link, file: load.local ? load.fileName : null };
}

/** The view state the store holds now, as a view of `dataset`. */
export function viewStateOf(state: AppState, dataset: DatasetRef): ViewState {
  return { data: dataset.data, file: dataset.file, filter: state.filter, selectedId: state.selectedId, map: state.mapView, base: state.baseLayer, sort: state.sort };
}

function applyToStore(view: ViewState, moveMap: boolean, extra: Partial<AppState> = {}): void {
  useAppStore.setState((state) => ({
    filter: view.filter,
    playing: false,
    selectedId: view.selectedId,
    sort: view.sort,
    baseLayer: view.base,
    mapView: view.map,
    ...(moveMap ? { mapViewRequest: state.mapViewRequest + 1 } : {}),
    ...extra,
  }));
}

/**
 * Reads the opening link into the store (before the dataset loads) and returns its `data`. A view
 * of a file from someone's computer cannot be shown — no link can fetch that file — so its filters,
 * selection and map position are not applied to the built-in data that opens instead: the view
 * waits for its file (see AppState.pendingFileView) and a notice says how to open it.
 */
export function readViewFromLocation(): string | null {
  const { state, notices } = decodeViewState(window.location.search);
  if (state.file === null) applyToStore(state, false, { linkNotices: notices });
  else applyToStore(withoutDatasetParts(state), false, { linkNotices: notices, pendingFileView: state, fileNotice: { file: state.file, reason: 'link' } });
  return state.data;
}

/**
 * From now on, store changes write the URL and Back/Forward read it. `datasetOf` says which
 * dataset is open (see datasetOfLoad). Returns a function that stops syncing.
 */
export function syncUrlWithStore(datasetOf: () => DatasetRef): () => void {
  // When a meaningful change was last written. None yet: the reader's first change is a step of its
  // own, however soon after the page opened (with 0, one within 0.8 s of navigating refined the
  // page's first entry, and Back then left the app).
  let lastWrite = -Infinity;
  // What the address says.
  let current = decodeViewState(window.location.search).state;
  // The address names a file that is not open (a link to it, or Back/Forward to it), so it does not
  // describe what is shown. Until the reader changes the view, nothing is written — replacing the
  // entry would lose the link they came by, or the step they went back to — and their first change
  // is a new entry. `shown` is the open dataset's view meanwhile, to tell a change from a pan.
  let foreign = current.file !== null;
  let shown: ViewState | null = null;
  let pending: string | null = null;
  let wasPlaying = false;
  // The ready load last seen. When the page's first dataset, or the file a link or Back/Forward
  // named (`foreign`), becomes ready, it opens in the address's view checked against the data (ids
  // it lacks dropped): that write corrects the entry the reader came by rather than being a step of
  // its own, so it replaces it — a push would leave an entry Back returns to that looks the same,
  // and leaving takes two Backs. A file opened again under the name of the one open (the same file,
  // or another of that name) opens afresh: a step of its own, as any other opening is.
  let seenLoad: AppState['load'] | null = null;

  let timer: ReturnType<typeof setTimeout> | undefined;
  const writePending = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending !== null) window.history.replaceState(null, '', pending);
    pending = null;
  };
  flushPending = writePending;
  const urlOf = (view: ViewState) => {
    // The benchmark's switch is not part of the view, but must survive the page rewriting its address.
    const search = [encodeViewState(view), BENCH_MODE ? 'bench=1' : ''].filter(Boolean).join('&');
    return `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
  };
  linkToView = () => {
    const view = viewStateOf(useAppStore.getState(), datasetOf());
    const search = encodeViewState(view);
    return `${window.location.origin}${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
  };

  const unsubscribe = useAppStore.subscribe((state) => {
    if (state.load.status !== 'ready') return;
    const dataset = datasetOf();
    const next = viewStateOf(state, dataset);
    const opened = state.load !== seenLoad && (seenLoad === null || foreign) && sameDataset(current, dataset);
    seenLoad = state.load;
    let newEntry = false;
    if (foreign) {
      if (sameDataset(current, dataset)) {
        // Its file has been opened, in the view the address names (start-import applied it).
        foreign = false;
      } else {
        const changed = shown !== null && !sameView({ ...next, map: shown.map }, shown);
        shown = next;
        if (!changed) return;
        foreign = false;
        newEntry = true;
      }
    }
    if (sameView(next, current)) return;
    if (opened) {
      writePending();
      window.history.replaceState(null, '', urlOf(next));
      current = next;
      return;
    }
    const meaningful = !sameView({ ...next, map: current.map }, current);
    const url = urlOf(next);
    const nowMs = performance.now();
    // A new step when something meaningful changed after a pause; otherwise the same step, refined.
    // Playback's steps refine one entry; its first step is a new one, so Back returns to the view before it.
    const push = newEntry || (meaningful && (state.playing ? !wasPlaying : nowMs - lastWrite > SAME_STEP_MS));
    wasPlaying = state.playing;
    if (push) {
      writePending();
      window.history.pushState(null, '', url);
    } else {
      pending = url;
      timer ??= setTimeout(writePending, REPLACE_EVERY_MS);
    }
    if (meaningful) lastWrite = nowMs;
    current = next;
  });

  const onPopState = () => {
    // Whatever was waiting belongs to the entry just left.
    clearTimeout(timer);
    timer = undefined;
    pending = null;
    const { state: entry } = decodeViewState(window.location.search);
    const dataset = datasetOf();
    current = entry;
    lastWrite = -Infinity;
    if (sameDataset(entry, dataset)) {
      foreign = false;
      applyToStore(entry, true);
    } else if (entry.file !== null) {
      // A view of a file from the reader's computer that is not open now. Reloading would open the
      // built-in data without it; applying it here would put its filters on other data. Keep the map
      // as it is, say so, and keep the view for when that file is opened.
      foreign = true;
      shown = viewStateOf(useAppStore.getState(), dataset);
      useAppStore.setState({ pendingFileView: entry, fileNotice: { file: entry.file, reason: 'history' } });
    } else {
      // An entry of another dataset a link can open (the built-in one, or a ?data= link): open the
      // page at that entry, which restores its dataset and view as any link does (opening it in
      // place would reset the view it names). Nothing of it is applied to the open dataset meanwhile.
      window.location.reload();
    }
  };
  window.addEventListener('popstate', onPopState);
  return () => {
    writePending();
    flushPending = () => {};
    linkToView = () => window.location.href;
    unsubscribe();
    window.removeEventListener('popstate', onPopState);
  };
}
