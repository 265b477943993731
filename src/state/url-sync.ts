import { decodeViewState, encodeViewState, sameView, type ViewState } from '../model/view-state';
import { BENCH_MODE } from './bench-mode';
import { useAppStore, type AppState } from './store';

/**
 * Keeps the address bar and the store in step, so a link brings back exactly the view it was
 * copied from. Meaningful changes (filters, the selected incident, sort, base layer) add a history
 * entry, so Back undoes them; changes in quick succession (a brush drag, typing, playback, panning)
 * replace the entry they started, so Back doesn't step through every frame. Back and Forward put
 * the entry's view back into the store.
 */

/** Changes closer together than this are one step in the history. */
const SAME_STEP_MS = 800;
/**
 * Refinements are written at most this often: a brush drag or a scrub changes the view every frame,
 * and Chromium ignores history calls beyond ~200 in 10 s.
 */
const REPLACE_EVERY_MS = 250;

let flushPending: () => void = () => {};

/** The link to the view as it is now (any refinement not yet written to the address bar is written first). */
export function currentViewUrl(): string {
  flushPending();
  return window.location.href;
}

/** The view state the store holds now. `data` is the dataset link, kept only while that link's dataset is open. */
export function viewStateOf(state: AppState, data: string | null): ViewState {
  return { data, file: null, filter: state.filter, selectedId: state.selectedId, map: state.mapView, base: state.baseLayer, sort: state.sort };
}

function applyToStore(view: ViewState, notices: string[] | null, moveMap: boolean): void {
  useAppStore.setState((state) => ({
    filter: view.filter,
    playing: false,
    selectedId: view.selectedId,
    sort: view.sort,
    baseLayer: view.base,
    mapView: view.map,
    ...(moveMap ? { mapViewRequest: state.mapViewRequest + 1 } : {}),
    ...(notices ? { linkNotices: notices } : {}),
  }));
}

/** Reads the opening link into the store (before the dataset loads) and returns its `data`. */
export function readViewFromLocation(): string | null {
  const { state, notices } = decodeViewState(window.location.search);
  applyToStore(state, notices, false);
  return state.data;
}

/**
 * From now on, store changes write the URL and Back/Forward read it. `dataOf` says which `?data=`
 * belongs to the open dataset (none for a file opened from the reader's computer: no link can fetch it).
 * Returns a function that stops syncing.
 */
export function syncUrlWithStore(dataOf: () => string | null): () => void {
  let lastWrite = 0;
  let current = decodeViewState(window.location.search).state;
  let pending: string | null = null;
  let wasPlaying = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const writePending = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending !== null) window.history.replaceState(null, '', pending);
    pending = null;
  };
  flushPending = writePending;

  const unsubscribe = useAppStore.subscribe((state) => {
    if (state.load.status !== 'ready') return;
    const next = viewStateOf(state, dataOf());
    if (sameView(next, current)) return;
    const meaningful = !sameView({ ...next, map: current.map }, current);
    // The benchmark's switch is not part of the view, but must survive the page rewriting its address.
    const search = [encodeViewState(next), BENCH_MODE ? 'bench=1' : ''].filter(Boolean).join('&');
    const url = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
    const nowMs = performance.now();
    // A new step when something meaningful changed after a pause; otherwise the same step, refined.
    // Playback's steps refine one entry; its first step is a new one, so Back returns to the view before it.
    const push = meaningful && (state.playing ? !wasPlaying : nowMs - lastWrite > SAME_STEP_MS);
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
    const { state } = decodeViewState(window.location.search);
    current = state;
    lastWrite = 0;
    applyToStore(state, null, true);
    // An entry from before another dataset was opened: open the page at that entry, which restores
    // its dataset and view as any link does (opening it in place would reset the view it names).
    if (state.data !== dataOf()) window.location.reload();
  };
  window.addEventListener('popstate', onPopState);
  return () => {
    writePending();
    flushPending = () => {};
    unsubscribe();
    window.removeEventListener('popstate', onPopState);
  };
}
