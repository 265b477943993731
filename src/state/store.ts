import { create } from 'zustand';
import { NO_ACTOR } from '../model/actor-layers';
import type { DatasetSummary } from '../model/dataset-summary';
import type { DatasetService } from '../worker/dataset-client';

export type LoadState =
  | { status: 'loading'; fileName: string }
  | { status: 'error'; fileName: string; message: string }
  | { status: 'ready'; fileName: string; summary: DatasetSummary; service: DatasetService };

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
  /** Actors whose layers are switched off. Empty: everything shows, including actors added later. */
  hiddenActors: ReadonlySet<string>;
  selectedId: string | null;
  /** Bumped to ask the map to return to the dataset's initial extent. */
  resetViewCount: number;
  aboutOpen: boolean;
  /** Bumped each time a dataset is loaded, so the map starts afresh on it. */
  datasetVersion: number;
  importJob: ImportJobState | null;
  /** Why the last import failed; the previous dataset stays on the map. */
  importError: { fileName: string; message: string } | null;

  setLoad(load: LoadState): void;
  setImportJob(job: ImportJobState | null): void;
  setImportError(error: { fileName: string; message: string } | null): void;
  setActorVisible(actorId: string, visible: boolean): void;
  showAllActors(): void;
  hideAllActors(): void;
  select(id: string | null): void;
  resetView(): void;
  setAboutOpen(open: boolean): void;
}

export const useAppStore = create<AppState>()((set) => ({
  load: { status: 'loading', fileName: '' },
  hiddenActors: new Set(),
  selectedId: null,
  resetViewCount: 0,
  aboutOpen: false,
  datasetVersion: 0,
  importJob: null,
  importError: null,

  setLoad: (load) => set((state) => {
    // The dataset being replaced lives in a worker of its own: end it.
    if (state.load.status === 'ready' && (load.status !== 'ready' || load.service !== state.load.service)) state.load.service.dispose();
    return { load, selectedId: null, hiddenActors: new Set(), datasetVersion: state.datasetVersion + 1, importError: null };
  }),
  setImportJob: (importJob) => set({ importJob }),
  setImportError: (importError) => set({ importError }),
  setActorVisible: (actorId, visible) => set(({ hiddenActors }) => {
    const next = new Set(hiddenActors);
    if (visible) next.delete(actorId);
    else next.add(actorId);
    return { hiddenActors: next };
  }),
  showAllActors: () => set({ hiddenActors: new Set() }),
  hideAllActors: () => set(({ load }) => ({ hiddenActors: new Set(load.status === 'ready' ? [...Object.keys(load.summary.actors), NO_ACTOR] : []) })),
  select: (selectedId) => set({ selectedId }),
  resetView: () => set(({ resetViewCount }) => ({ resetViewCount: resetViewCount + 1, selectedId: null })),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
}));
