import { histogram, type TimeBins } from '../timeline';
import { applyFilter } from './apply-filter';
import { preparePairStats, refreshPyramid, type GridPyramid } from './grid-pyramid';
import type { IncidentColumns } from './incident-columns';
import { loneActorOfSomeSet } from './visibility-mask';

/**
 * Readies the first actor toggles, answers unchanged (but for the centroids' last bits): the
 * pyramid's per-pair statistics (~40 ms at a million rows), and a filter's passes over every row
 * run once (on scratch arrays, and the pyramid refreshed for the mask it has), which the first
 * toggles after loading otherwise ran cold, before V8 had optimised them for these columns
 * (~80–130 ms each at a million rows in the browser, against ~30–45 once warm). `shown` and
 * `shownSets` are what the pyramid shows now (refreshPyramid's), and it is left showing them.
 */
export function warmFilterPasses(columns: IncidentColumns, pyramid: GridPyramid | undefined, shown: () => Uint8Array, shownSets: Uint8Array | undefined, bins: TimeBins | null): void {
  const scratch = { mask: new Uint8Array(columns.length), untimed: new Uint8Array(columns.length) };
  const noneHidden = new Uint8Array(columns.actorIds.length);
  // Both shapes the pass is called with: no other filter (null), and a mask of the other filters.
  applyFilter(columns, null, noneHidden, null, scratch);
  applyFilter(columns, scratch.untimed, noneHidden, null, scratch);
  // And with an actor hidden, as a reader's first toggle: the pyramid's fold then skips pairs, a
  // path the warm-up with everything shown never took, and which the first toggle paid for (the
  // refresh took ~25 ms there against ~10 after, at a million). Then back to what is shown: a
  // refresh recomputes from the mask, whatever it folded before.
  const oneHidden = noneHidden.slice();
  const alone = loneActorOfSomeSet(columns);
  if (alone !== undefined) oneHidden[alone] = 1;
  const toggled = applyFilter(columns, null, oneHidden, null, scratch);
  if (pyramid) {
    preparePairStats(pyramid, columns);
    refreshPyramid(pyramid, columns, scratch.mask, toggled.setShown);
    refreshPyramid(pyramid, columns, shown(), shownSets);
  }
  if (bins) histogram(columns, scratch.untimed, bins);
}
