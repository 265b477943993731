import { create } from 'zustand';
import type { LoadedDataset } from '../data/validate-dataset';
import { NO_ACTOR } from '../model/actor-layers';

export type LoadState =
  | { status: 'loading'; fileName: string }
  | { status: 'error'; fileName: string; message: string }
  | { status: 'ready'; fileName: string; dataset: LoadedDataset };

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

  setLoad(load: LoadState): void;
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

  setLoad: (load) => set({ load, selectedId: null }),
  setActorVisible: (actorId, visible) => set(({ hiddenActors }) => {
    const next = new Set(hiddenActors);
    if (visible) next.delete(actorId);
    else next.add(actorId);
    return { hiddenActors: next };
  }),
  showAllActors: () => set({ hiddenActors: new Set() }),
  hideAllActors: () => set(({ load }) => ({ hiddenActors: new Set(load.status === 'ready' ? [...Object.keys(load.dataset.actors), NO_ACTOR] : []) })),
  select: (selectedId) => set({ selectedId }),
  resetView: () => set(({ resetViewCount }) => ({ resetViewCount: resetViewCount + 1, selectedId: null })),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
}));
