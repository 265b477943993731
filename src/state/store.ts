import { create } from 'zustand';
import { actorLayerIds } from '../model/actor-layers';
import type { DatasetSummary } from '../model/dataset-summary';
import { NO_FILTER, type IncidentFilter } from '../model/incident-filter';
import type { BaseLayer, ListSort, MapView, ViewState } from '../model/view-state';
import type { DatasetService } from '../worker/dataset-client';

export type StoryFocus = 'story' | 'sources' | 'none';

export type LoadState =
  | { status: 'loading'; fileName: string }
  | { status: 'error'; fileName: string; message: string }
  /** `link`: the ?data= value that reopens this dataset in a shared link; null for the built-in one or a file from the reader's computer. */
  | { status: 'ready'; fileName: string; summary: DatasetSummary; service: DatasetService; link: string | null; local: boolean };

/**
 * A view of `file` could not be shown: the opening link names it, Back/Forward went to it, or
 * another file (`opened`) was opened instead.
 */
export type FileNotice =
  | { file: string; reason: 'link' | 'history' }
  | { file: string; reason: 'other-file'; opened: string };

/** An import under way: shown as a progress bar with a Cancel button. */
export interface ImportJobState {
  fileName: string;
  phase: 'reading' | 'parsing' | 'indexing';
  /** 0–1, or undefined while the size is unknown. */
  fraction: number | undefined;
  cancel(): void;
}

/**
 * The one store: the loaded dataset and the view state. Everything else (visible incidents,
 * counts, the extent) is derived from it where it is used.
 */
export interface AppState {
  load: LoadState;
  /** What the incidents are narrowed to: actor layers (hidden ones; none: everything shows, including actors added later), time, type, source, search. */
  filter: IncidentFilter;
  selectedId: string | null;
  sort: ListSort;
  baseLayer: BaseLayer;
  /** Where the map looks, as the reader left it (kept in the link); null: the dataset's initial extent. */
  mapView: MapView | null;
  /** Bumped when the map must move to mapView (a link or Back/Forward), not when the reader moved it. */
  mapViewRequest: number;
  /** Where keyboard focus should go when the selected incident's popup opens, and a count to ask again for the same incident. */
  storyFocus: { target: StoryFocus; request: number };
  /** The timeline is playing: its steps replace the history entry instead of adding one each. */
  playing: boolean;
  /** Parts of the opening link that were ignored, and why (shown quietly). */
  linkNotices: string[];
  /**
   * A view of a file opened from someone's computer, which neither a link nor Back/Forward can
   * open: it waits here, and is applied when a file of that name is opened (another file opens
   * afresh, with a notice, and the view keeps waiting). Its `file` is that name.
   */
  pendingFileView: ViewState | null;
  /** Why the view waiting for its file is not shown; with the link notices until dismissed. */
  fileNotice: FileNotice | null;
  /** Bumped to ask the map to return to the dataset's initial extent. */
  resetViewCount: number;
  aboutOpen: boolean;
  /** Bumped each time a dataset is loaded, so the map starts afresh on it. */
  datasetVersion: number;
  importJob: ImportJobState | null;
  /** Why the last import failed; the previous dataset stays on the map. */
  importError: { fileName: string; message: string } | null;
  /** What the dataset's worker could not answer last (a bug, not the reader's doing); null once dismissed. */
  workerError: string | null;

  /** `start`: the view the dataset opens in, instead of the one kept (the first dataset) or a fresh one (any other). */
  setLoad(load: LoadState, start?: StartView): void;
  setImportJob(job: ImportJobState | null): void;
  setImportError(error: { fileName: string; message: string } | null): void;
  setWorkerError(message: string | null): void;
  setFilter(patch: Partial<IncidentFilter>): void;
  clearFilters(): void;
  setSort(sort: ListSort): void;
  setBaseLayer(baseLayer: BaseLayer): void;
  setMapView(mapView: MapView): void;
  setPlaying(playing: boolean): void;
  setActorVisible(actorId: string, visible: boolean): void;
  showAllActors(): void;
  hideAllActors(): void;
  /** Selects an incident (opens its popup); `focus` says where keyboard focus goes: into the story (default), its sources, or nowhere (stepping through the list). */
  select(id: string | null, focus?: StoryFocus): void;
  resetView(): void;
  setAboutOpen(open: boolean): void;
}

/** What a newly loaded dataset's view starts from (see setLoad). */
export type StartView = Partial<Pick<AppState, 'filter' | 'selectedId' | 'mapView' | 'baseLayer' | 'sort' | 'linkNotices' | 'pendingFileView' | 'fileNotice'>>;

export const useAppStore = create<AppState>()((set) => ({
  load: { status: 'loading', fileName: '' },
  filter: NO_FILTER,
  selectedId: null,
  sort: 'newest',
  baseLayer: 'offline',
  mapView: null,
  mapViewRequest: 0,
  playing: false,
  linkNotices: [],
  pendingFileView: null,
  fileNotice: null,
  storyFocus: { target: 'story', request: 0 },
  resetViewCount: 0,
  aboutOpen: false,
  datasetVersion: 0,
  importJob: null,
  importError: null,
  workerError: null,

  setLoad: (load, start = {}) => set((state) => {
    // The dataset being replaced lives in a worker of its own: end it.
    const replacing = state.load.status === 'ready' && (load.status !== 'ready' || load.service !== state.load.service);
    if (replacing && state.load.status === 'ready') state.load.service.dispose();
    // The first dataset opens in the view its link describes; another one the reader opens starts afresh.
    const fresh = replacing ? { selectedId: null, filter: NO_FILTER, mapView: null, linkNotices: [] } : {};
    // One update with the view it starts in, so the address is written once, for that view.
    return { load, ...fresh, ...start, playing: false, datasetVersion: state.datasetVersion + 1, importError: null, workerError: null };
  }),
  setImportJob: (importJob) => set({ importJob }),
  setImportError: (importError) => set({ importError }),
  setWorkerError: (workerError) => set({ workerError }),
  setFilter: (patch) => set(({ filter }) => ({ filter: { ...filter, ...patch } })),
  clearFilters: () => set({ filter: NO_FILTER }),
  setSort: (sort) => set({ sort }),
  setBaseLayer: (baseLayer) => set({ baseLayer }),
  setMapView: (mapView) => set({ mapView }),
  setPlaying: (playing) => set({ playing }),
  setActorVisible: (actorId, visible) => set(({ filter }) => {
    const next = new Set(filter.hiddenActors);
    if (visible) next.delete(actorId);
    else next.add(actorId);
    return { filter: { ...filter, hiddenActors: [...next] } };
  }),
  showAllActors: () => set(({ filter }) => ({ filter: { ...filter, hiddenActors: [] } })),
  // Only the layers: an actor that never acts (only a target) has no checkbox to show it again with.
  hideAllActors: () => set(({ load, filter }) => ({ filter: { ...filter, hiddenActors: load.status === 'ready' ? actorLayerIds(load.summary) : [] } })),
  select: (selectedId, focus = 'story') => set(({ storyFocus }) => ({ selectedId, storyFocus: { target: focus, request: storyFocus.request + 1 } })),
  resetView: () => set(({ resetViewCount }) => ({ resetViewCount: resetViewCount + 1, selectedId: null })),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
}));
