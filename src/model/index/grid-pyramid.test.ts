import { describe, expect, it } from 'vitest';
import { COUNT, ROW, STRIDE, SUM_LAT, SUM_LNG } from './cell-stats';
import { buildGridPyramid, pairsPay, preparePairStats, refreshPyramid, type GridPyramid } from './grid-pyramid';
import { buildColumns } from './incident-columns';
import { spatialOrder } from './spatial-order';
import { SYNTHETIC_ACTOR_IDS, syntheticIncidents } from './synthetic-incidents';
import { computeMask, shownSets } from './visibility-mask';

/*
 * An actor toggle refreshes the pyramid from its pairs (a cell's rows with one actor set) instead
 * of its rows: every zoom's cells must come out as the rows give them — counts, extents, the row
 * of a lone member and the actor mix exactly, the centroids to the last few bits.
 */
const generated = syntheticIncidents(6000, 7);
const columns = buildColumns(Array.from(spatialOrder(buildColumns(generated, SYNTHETIC_ACTOR_IDS)), (i) => generated[i]!), SYNTHETIC_ACTOR_IDS);

/** Deep enough for cells of several pairs, shallow enough that a pair stands for three rows or more (pairsPay). */
const ZOOM = 6;

/** Every zoom's statistics and actor-mix counts, the centroid sums apart (compared with a tolerance). */
function snapshot(pyramid: GridPyramid) {
  return pyramid.levels.map((level) => {
    const data = Array.from(level.stats.data.subarray(0, level.stats.size * STRIDE));
    const sums = data.filter((_, k) => k % STRIDE === SUM_LNG || k % STRIDE === SUM_LAT);
    const rest = data.map((v, k) => (k % STRIDE === SUM_LNG || k % STRIDE === SUM_LAT ? 0 : v));
    // A cell's row is one of its shown members; the same one only when it has just one.
    const rows = rest.map((v, k) => (k % STRIDE === ROW && rest[k - ROW + COUNT] !== 1 ? -2 : v));
    return { rows, sums, pairs: Array.from(level.pairCount) };
  });
}

function expectSameCells(a: ReturnType<typeof snapshot>, b: ReturnType<typeof snapshot>) {
  expect(a.map((z) => z.rows)).toEqual(b.map((z) => z.rows));
  expect(a.map((z) => z.pairs)).toEqual(b.map((z) => z.pairs));
  a.forEach((zoom, z) => zoom.sums.forEach((sum, k) => {
    if (Math.abs(sum - b[z]!.sums[k]!) > 1e-9 * Math.max(1, Math.abs(sum))) expect([z, k, sum]).toEqual([z, k, b[z]!.sums[k]]);
  }));
}

describe('refreshing the pyramid by actor sets alone', () => {
  const hiddenChoices = [[], ['actor-0'], ['actor-1', 'actor-3'], SYNTHETIC_ACTOR_IDS.slice(1), SYNTHETIC_ACTOR_IDS];

  it.each(hiddenChoices.map((hidden) => [hidden.join(', ') || 'none hidden', hidden] as const))('gives every zoom the cells the rows give (%s)', (_, hidden) => {
    const hiddenCodes = Uint8Array.from(columns.actorIds, (id) => (hidden.includes(id) ? 1 : 0));
    const { mask, visible } = computeMask(columns, hiddenCodes);
    const byRows = buildGridPyramid(columns, { cellPx: 64, maxZoom: ZOOM });
    refreshPyramid(byRows, columns, mask);
    const byPairs = buildGridPyramid(columns, { cellPx: 64, maxZoom: ZOOM });
    refreshPyramid(byPairs, columns, mask, shownSets(columns, hiddenCodes));
    expectSameCells(snapshot(byPairs), snapshot(byRows));
    const top = byPairs.levels[0]!.stats;
    let shown = 0;
    for (let slot = 0; slot < top.size; slot++) shown += top.data[slot * STRIDE + COUNT]!;
    expect(shown).toBe(visible);
    expect(byPairs.mask).toBe(mask);
    // The pairs were what it folded.
    expect(pairsPay(byPairs, columns)).toBe(true);
    expect(byPairs.pairStats).toBeDefined();
  });

  it('folds the rows, and keeps no pair statistics, where pairs are nearly as many as rows', () => {
    const deep = buildGridPyramid(columns, { cellPx: 64, maxZoom: 10 });
    expect(pairsPay(deep, columns)).toBe(false);
    const hiddenCodes = Uint8Array.from(columns.actorIds, (id) => (id === 'actor-1' ? 1 : 0));
    const { mask } = computeMask(columns, hiddenCodes);
    preparePairStats(deep, columns);
    refreshPyramid(deep, columns, mask, shownSets(columns, hiddenCodes));
    expect(deep.pairStats).toBeUndefined();
    const byRows = buildGridPyramid(columns, { cellPx: 64, maxZoom: 10 });
    refreshPyramid(byRows, columns, mask);
    expect(snapshot(deep)).toEqual(snapshot(byRows));
  });

  it('stays right when refreshes by rows and by pairs follow one another on the same pyramid', () => {
    const pyramid = buildGridPyramid(columns, { cellPx: 64, maxZoom: ZOOM });
    const mask = new Uint8Array(columns.length);
    for (const hidden of [...hiddenChoices, ...hiddenChoices.slice().reverse()]) {
      const hiddenCodes = Uint8Array.from(columns.actorIds, (id) => (hidden.includes(id) ? 1 : 0));
      computeMask(columns, hiddenCodes, undefined, mask);
      // By pairs, then a time range by rows, then back: each equal to a fresh pyramid folded by rows.
      refreshPyramid(pyramid, columns, mask, shownSets(columns, hiddenCodes));
      const fresh = buildGridPyramid(columns, { cellPx: 64, maxZoom: ZOOM });
      refreshPyramid(fresh, columns, mask);
      expectSameCells(snapshot(pyramid), snapshot(fresh));
      const timed = computeMask(columns, hiddenCodes, { startDay: 16_000, endDay: 17_000 }).mask;
      refreshPyramid(pyramid, columns, timed);
      refreshPyramid(fresh, columns, timed);
      expectSameCells(snapshot(pyramid), snapshot(fresh));
    }
  });
});
