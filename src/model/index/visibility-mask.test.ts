import { describe, expect, it } from 'vitest';
import type { IncidentFeature } from '../../data/incident-types';
import { NO_ACTOR, countByActor, isVisibleWithActors } from '../actor-layers';
import { buildColumns, isoDay } from './incident-columns';
import { SYNTHETIC_ACTOR_IDS, syntheticIncidents } from './synthetic-incidents';
import { computeMask, countByActorCode, loneActorOfSomeSet } from './visibility-mask';

function incident(actors: string[], date?: [string, string]): IncidentFeature {
  return {
    type: 'Feature', id: actors.join() || 'none', geometry: { type: 'Point', coordinates: [36, 35] },
    properties: {
      title: '', place: { name: '', precision: 'village', uncertaintyKm: 1 }, eventType: 'battle', layer: 'conflict',
      actors: actors.map((actor) => ({ actor, role: 'party' as const })), targets: [], casualties: [], story: '', sources: [],
      ...(date ? { date: { start: date[0], end: date[1], precision: 'range' as const } } : {}),
    },
  };
}

describe('computeMask: actor layers', () => {
  const columns = buildColumns([incident(['isis']), incident(['isis', 'sdf']), incident([]), incident(['sdf'])], ['isis', 'sdf']);
  const hide = (...ids: string[]) => Uint8Array.from(columns.actorIds, (id) => (ids.includes(id) ? 1 : 0));

  it('shows everything when nothing is hidden', () => {
    expect(computeMask(columns, hide())).toEqual({ mask: Uint8Array.from([1, 1, 1, 1]), visible: 4 });
  });

  it('keeps an incident with several parties while any of them is shown', () => {
    expect([...computeMask(columns, hide('isis')).mask]).toEqual([0, 1, 1, 1]);
    expect([...computeMask(columns, hide('isis', 'sdf')).mask]).toEqual([0, 0, 1, 0]);
  });

  it('switches incidents naming no actor with the NO_ACTOR layer', () => {
    expect([...computeMask(columns, hide(NO_ACTOR)).mask]).toEqual([1, 1, 0, 1]);
  });

  it('treats codes past the end of the hidden list as shown, and reuses `out`', () => {
    const out = new Uint8Array(4);
    const result = computeMask(columns, Uint8Array.of(1), undefined, out);
    expect(result.mask).toBe(out);
    expect([...out]).toEqual([0, 1, 1, 1]);
  });

  it('counts shown incidents per actor code, once for each party', () => {
    const { mask } = computeMask(columns, hide('sdf'));
    const counts = countByActorCode(columns, mask);
    expect(counts[columns.actorIds.indexOf('isis')]).toBe(2);
    expect(counts[columns.actorIds.indexOf('sdf')]).toBe(1);
    expect(counts[columns.noActorCode]).toBe(1);
  });
});

describe('computeMask: time range', () => {
  const columns = buildColumns([
    incident(['a'], ['2016-07-10', '2016-07-20']),
    incident(['a'], ['2016-07-01', '2016-07-01']),
    incident(['a']),
  ], ['a']);
  const none = new Uint8Array(columns.actorIds.length);
  const shown = (from: string, to: string) => [...computeMask(columns, none, { startDay: isoDay(from), endDay: isoDay(to) }).mask];

  it('shows an incident whose span overlaps the range, ends included', () => {
    expect(shown('2016-07-20', '2016-07-30')).toEqual([1, 0, 0]);
    expect(shown('2016-06-01', '2016-07-10')).toEqual([1, 1, 0]);
    expect(shown('2016-07-12', '2016-07-13')).toEqual([1, 0, 0]);
    expect(shown('2016-07-21', '2016-07-30')).toEqual([0, 0, 0]);
  });

  it('shows undated incidents only while no range is set', () => {
    expect([...computeMask(columns, none).mask]).toEqual([1, 1, 1]);
    expect(shown('1900-01-01', '2100-01-01')).toEqual([1, 1, 0]);
  });

  it('takes an inverted range as empty and survives absurd days', () => {
    expect(shown('2016-07-30', '2016-07-01')).toEqual([0, 0, 0]);
    expect([...computeMask(columns, none, { startDay: -1e12, endDay: 1e12 }).mask]).toEqual([1, 1, 0]);
  });
});

describe('computeMask agrees with actor-layers', () => {
  const incidents = syntheticIncidents(3000, 7);
  const columns = buildColumns(incidents, SYNTHETIC_ACTOR_IDS);

  it('on synthetic data, for several hidden sets', () => {
    for (const hiddenIds of [[], ['actor-0'], ['actor-0', 'actor-1', 'actor-5'], [NO_ACTOR, 'actor-2'], SYNTHETIC_ACTOR_IDS]) {
      const hidden = new Set(hiddenIds);
      const { mask, visible } = computeMask(columns, Uint8Array.from(columns.actorIds, (id) => (hidden.has(id) ? 1 : 0)));
      const expected = incidents.map((i) => (isVisibleWithActors(i, hidden) ? 1 : 0));
      expect([...mask]).toEqual(expected);
      expect(visible).toBe(expected.filter(Boolean).length);
      const counts = countByActor(incidents.filter((_, row) => mask[row]));
      const byCode = countByActorCode(columns, mask);
      columns.actorIds.forEach((id, code) => expect(byCode[code]).toBe(counts.get(id) ?? 0));
    }
  });
});

describe('loneActorOfSomeSet', () => {
  it('finds an actor some rows name alone, so hiding it hides rows', () => {
    const columns = buildColumns([incident(['isis', 'sdf']), incident(['sdf'])], ['isis', 'sdf']);
    const code = loneActorOfSomeSet(columns);
    expect(code === undefined ? undefined : columns.actorIds[code]).toBe('sdf');
    const hidden = Uint8Array.from(columns.actorIds, (_, c) => (c === code ? 1 : 0));
    expect(computeMask(columns, hidden).visible).toBe(1);
  });

  it('finds none when every row names several actors', () => {
    expect(loneActorOfSomeSet(buildColumns([incident(['isis', 'sdf'])], ['isis', 'sdf']))).toBeUndefined();
  });
});
