import { describe, expect, it } from 'vitest';
import type { ActorRef, IncidentFeature, IncidentPlace, IncidentProperties, SourceCitation } from '../../data/incident-types';
import { NO_ACTOR } from '../actor-layers';
import { applyFilter, computeBaseMask, countsOfLayers, rowsPerSet, type BaseFilterCodes } from './apply-filter';
import { buildColumns, type IncidentColumns } from './incident-columns';
import { SYNTHETIC_ACTOR_IDS, mulberry32, syntheticIncidents } from './synthetic-incidents';
import type { DayRange } from './visibility-mask';

/*
 * Expectations are written out by hand from the rows below, or computed by a naive loop over the
 * incident objects (never by the code under test).
 */

function incident(id: string, p: Partial<IncidentProperties> = {}): IncidentFeature {
  return {
    type: 'Feature', id, geometry: { type: 'Point', coordinates: [36, 35] },
    properties: {
      title: id, place: { name: 'x', precision: 'village', uncertaintyKm: 0.5 }, eventType: 'battle', layer: 'conflict',
      actors: [], targets: [], casualties: [], story: '', sources: [{ source: 's1', status: 'reported' }],
      date: { start: '2016-07-15', end: '2016-07-15', precision: 'day' }, ...p,
    },
  };
}

const party = (actor: string): ActorRef => ({ actor, role: 'party' });
const cite = (source: string): SourceCitation => ({ source, status: 'reported' });
/** Days since 1970-01-01 of an ISO day, by Date (not by the code under test). */
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const range = (start: string, end: string): DayRange => ({ startDay: dayOf(start), endDay: dayOf(end) });

/*
 * a: battle,    s1,       village 0.5 km  (precise),   isis,          2016-07-15
 * b: airstrike, s1 + s2,  city 5 km       (imprecise), isis + sdf,    July 2016 (month: 07-01 … 07-31)
 * c: shelling,  s2 twice, site 0.1 km     (precise),   no actor,      2016-08-01
 * d: battle,    none,     unknown         (unknown),   sdf,           undated
 * e: airstrike, s3,       site 2 km       (precise, with a circle), wagner,        2016-06-30 … 2016-07-02
 * f: battle,    s1 + s3,  district 1 km   (precise),   sdf (twice),   2016-07-20
 */
const ROWS: IncidentFeature[] = [
  incident('a', { actors: [party('isis')] }),
  incident('b', {
    eventType: 'airstrike', actors: [party('isis'), party('sdf')], sources: [cite('s1'), cite('s2')],
    place: { name: 'b', precision: 'city', uncertaintyKm: 5 }, date: { start: '2016-07-01', end: '2016-07-31', precision: 'month' },
  }),
  incident('c', {
    eventType: 'shelling', sources: [cite('s2'), { source: 's2', status: 'claimed', says: 'again' }],
    place: { name: 'c', precision: 'site', uncertaintyKm: 0.1 }, date: { start: '2016-08-01', end: '2016-08-01', precision: 'day' },
  }),
  incident('d', { actors: [party('sdf')], sources: [], place: { name: 'd', precision: 'unknown', uncertaintyKm: 0 }, date: undefined }),
  incident('e', {
    eventType: 'airstrike', actors: [party('wagner')], sources: [{ source: 's3', status: 'claimed' }],
    place: { name: 'e', precision: 'site', uncertaintyKm: 2 }, date: { start: '2016-06-30', end: '2016-07-02', precision: 'range' },
  }),
  incident('f', {
    actors: [party('sdf'), { actor: 'sdf', role: 'spoke' }], sources: [cite('s1'), cite('s3')],
    place: { name: 'f', precision: 'district', uncertaintyKm: 1 }, date: { start: '2016-07-20', end: '2016-07-20', precision: 'day' },
  }),
];
const IDS = ROWS.map((row) => row.id);
const columns = buildColumns(ROWS, ['isis', 'sdf'], ['s1', 's2', 's3']);

/** 1 per id in `ids` that is in `kept`; null when kept is null (the filter is off). */
function keptOf(ids: readonly string[], kept: readonly string[] | null): Uint8Array | null {
  return kept === null ? null : Uint8Array.from(ids, (id) => (kept.includes(id) ? 1 : 0));
}

interface Base {
  eventTypes?: string[] | null;
  sources?: string[] | null;
  singleSource?: boolean;
  preciseOnly?: boolean;
  searchMatch?: number[] | null;
}

function codesFor(cols: IncidentColumns, base: Base): BaseFilterCodes {
  return {
    typeKept: keptOf(cols.typeIds, base.eventTypes ?? null),
    sourceKept: keptOf(cols.sourceIds, base.sources ?? null),
    singleSource: base.singleSource ?? false,
    preciseOnly: base.preciseOnly ?? false,
    searchMatch: base.searchMatch ? Uint8Array.from(base.searchMatch) : null,
  };
}

/** The ids of the rows a base filter keeps (null: every row, no filter). */
function baseIds(base: Base): string[] | null {
  const mask = computeBaseMask(columns, codesFor(columns, base));
  return mask && IDS.filter((_, row) => mask[row] === 1);
}

function hiddenCodes(cols: IncidentColumns, hidden: readonly string[]): Uint8Array {
  return Uint8Array.from(cols.actorIds, (id) => (hidden.includes(id) ? 1 : 0));
}

function run(base: Base, hidden: readonly string[] = [], timeRange: DayRange | null = null) {
  const baseMask = computeBaseMask(columns, codesFor(columns, base));
  // Stale values in the output arrays must not survive: every byte is rewritten.
  const out = { mask: new Uint8Array(columns.length).fill(7), untimed: new Uint8Array(columns.length).fill(7) };
  const counts = applyFilter(columns, baseMask, hiddenCodes(columns, hidden), timeRange, out);
  const idsOf = (mask: Uint8Array) => IDS.filter((_, row) => mask[row] === 1);
  const actorCount = (id: string) => counts.actorCounts[columns.actorIds.indexOf(id)];
  return { ...counts, out, shown: idsOf(out.mask), untimed: idsOf(out.untimed), actorCount };
}

describe('computeBaseMask', () => {
  it('returns null when no base filter applies (every row passes)', () => {
    expect(computeBaseMask(columns, codesFor(columns, {}))).toBeNull();
    expect(baseIds({ eventTypes: null, sources: null, singleSource: false, preciseOnly: false, searchMatch: null })).toBeNull();
  });

  it('keeps the listed event types; an empty list keeps nothing, an unknown type matches nothing', () => {
    expect(baseIds({ eventTypes: ['battle'] })).toEqual(['a', 'd', 'f']);
    expect(baseIds({ eventTypes: ['airstrike', 'shelling'] })).toEqual(['b', 'c', 'e']);
    expect(baseIds({ eventTypes: ['battle', 'airstrike', 'shelling'] })).toEqual(IDS);
    expect(baseIds({ eventTypes: [] })).toEqual([]);
    expect(baseIds({ eventTypes: ['protest'] })).toEqual([]);
  });

  it('keeps rows citing any of the listed sources; a row citing none is never kept', () => {
    expect(baseIds({ sources: ['s2'] })).toEqual(['b', 'c']);
    expect(baseIds({ sources: ['s3'] })).toEqual(['e', 'f']);
    expect(baseIds({ sources: ['s1', 's3'] })).toEqual(['a', 'b', 'e', 'f']);
    expect(baseIds({ sources: ['s1', 's2', 's3'] })).toEqual(['a', 'b', 'c', 'e', 'f']);
    expect(baseIds({ sources: [] })).toEqual([]);
    expect(baseIds({ sources: ['nobody'] })).toEqual([]);
  });

  it('singleSource keeps rows with exactly one distinct source (cited twice is still one; none is not one)', () => {
    expect(baseIds({ singleSource: true })).toEqual(['a', 'c', 'e']);
  });

  it('preciseOnly keeps sites, villages and districts (even 2 km ones), not cities or wider, nor unknown precision', () => {
    expect(baseIds({ preciseOnly: true })).toEqual(['a', 'c', 'e', 'f']);
  });

  it('applies the search match as given per row', () => {
    expect(baseIds({ searchMatch: [1, 0, 1, 1, 0, 1] })).toEqual(['a', 'c', 'd', 'f']);
    expect(baseIds({ searchMatch: [0, 0, 0, 0, 0, 0] })).toEqual([]);
  });

  it('combines the filters with AND', () => {
    expect(baseIds({ eventTypes: ['battle'], singleSource: true })).toEqual(['a']);
    expect(baseIds({ eventTypes: ['battle'], preciseOnly: true, sources: ['s1'] })).toEqual(['a', 'f']);
    expect(baseIds({ sources: ['s2', 's3'], singleSource: true })).toEqual(['c', 'e']);
    expect(baseIds({ sources: ['s2', 's3'], singleSource: true, preciseOnly: true })).toEqual(['c', 'e']);
    expect(baseIds({ eventTypes: ['battle', 'shelling'], preciseOnly: true, searchMatch: [1, 1, 0, 1, 1, 1] })).toEqual(['a', 'f']);
    expect(baseIds({ eventTypes: ['airstrike'], sources: ['s1'], singleSource: true })).toEqual([]);
  });

  it('writes into `out` when it is long enough, and allocates otherwise', () => {
    const out = new Uint8Array(columns.length + 2).fill(9);
    const mask = computeBaseMask(columns, codesFor(columns, { preciseOnly: true }), out);
    expect(mask).toBe(out);
    expect([...out.subarray(0, columns.length)]).toEqual([1, 0, 1, 0, 1, 1]);
    const short = new Uint8Array(2);
    const fresh = computeBaseMask(columns, codesFor(columns, { preciseOnly: true }), short);
    expect(fresh).not.toBe(short);
    expect([...fresh!]).toEqual([1, 0, 1, 0, 1, 1]);
  });
});

describe('applyFilter: actor layers', () => {
  it('shows every row with no filter, and counts each actor once per row', () => {
    const r = run({});
    expect(r.shown).toEqual(IDS);
    expect(r.untimed).toEqual(IDS);
    expect(r.visible).toBe(6);
    expect(r.actorCount('isis')).toBe(2); // a, b
    expect(r.actorCount('sdf')).toBe(3); // b, d, f (f names sdf twice: once)
    expect(r.actorCount('wagner')).toBe(1);
    expect(r.actorCount(NO_ACTOR)).toBe(1); // c
  });

  it('keeps a row while any of its actors is on', () => {
    expect(run({}, ['isis']).shown).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(run({}, ['sdf']).shown).toEqual(['a', 'b', 'c', 'e']);
    expect(run({}, ['isis', 'sdf']).shown).toEqual(['c', 'e']);
    expect(run({}, ['isis', 'sdf', 'wagner', NO_ACTOR]).shown).toEqual([]);
  });

  it('switches rows naming no actor with the NO_ACTOR layer', () => {
    expect(run({}, [NO_ACTOR]).shown).toEqual(['a', 'b', 'd', 'e', 'f']);
  });

  it('treats codes past the end of the hidden list as shown', () => {
    const out = { mask: new Uint8Array(columns.length), untimed: new Uint8Array(columns.length) };
    const isis = columns.actorIds.indexOf('isis');
    const hidden = new Uint8Array(isis + 1);
    hidden[isis] = 1;
    expect(columns.actorIds.length).toBeGreaterThan(hidden.length); // wagner's code lies beyond
    const { visible } = applyFilter(columns, null, hidden, null, out);
    expect([...out.mask]).toEqual([0, 1, 1, 1, 1, 1]);
    expect(visible).toBe(5);
  });

  it('counts for each actor the rows passing every filter but the actors, hidden actors included', () => {
    const r = run({ eventTypes: ['battle', 'airstrike'] }, ['isis', 'sdf']);
    expect(r.shown).toEqual(['e']);
    expect(r.actorCount('isis')).toBe(2); // a, b: hidden, still counted
    expect(r.actorCount('sdf')).toBe(3); // b, d, f
    expect(r.actorCount('wagner')).toBe(1);
    expect(r.actorCount(NO_ACTOR)).toBe(0); // c is a shelling
  });
});

describe('applyFilter: time', () => {
  it('keeps rows whose span overlaps the range, both ends included; a month that partly overlaps is kept', () => {
    expect(run({}, [], range('2016-07-10', '2016-07-16')).shown).toEqual(['a', 'b']);
    // b (July) overlaps the range's first eleven days only; f (07-20) ends the day before the range starts.
    expect(run({}, [], range('2016-07-21', '2016-08-05')).shown).toEqual(['b', 'c']);
    expect(run({}, [], range('2016-07-31', '2016-07-31')).shown).toEqual(['b']);
  });

  it('drops a row when the range ends the day before it starts, keeps it when the range ends on that day', () => {
    expect(run({}, [], range('2016-07-16', '2016-07-19')).shown).toEqual(['b']);
    expect(run({}, [], range('2016-07-16', '2016-07-20')).shown).toEqual(['b', 'f']);
    expect(run({}, [], range('2016-06-01', '2016-06-29')).shown).toEqual([]);
    expect(run({}, [], range('2016-06-01', '2016-06-30')).shown).toEqual(['e']);
    // e (06-30 … 07-02) on its last day only; a (07-15) the day after the range.
    expect(run({}, [], range('2016-07-02', '2016-07-14')).shown).toEqual(['b', 'e']);
  });

  it('shows undated rows only while no range is set, whatever the range', () => {
    expect(run({}, [], null).shown).toContain('d');
    expect(run({}, [], range('0001-01-01', '9999-12-31')).shown).toEqual(['a', 'b', 'c', 'e', 'f']);
    expect(run({}, [], { startDay: -1e12, endDay: 1e12 }).shown).toEqual(['a', 'b', 'c', 'e', 'f']);
  });

  it('leaves time out of `untimed`, and out of the actor counts only the actors', () => {
    const r = run({ eventTypes: ['battle', 'airstrike'] }, ['isis'], range('2016-07-10', '2016-07-20'));
    expect(r.shown).toEqual(['b', 'f']);
    expect(r.untimed).toEqual(['b', 'd', 'e', 'f']); // battle/airstrike with an actor on, any date
    expect(r.actorCount('isis')).toBe(2); // a, b: in time and of a kept type
    expect(r.actorCount('sdf')).toBe(2); // b, f (d is undated)
    expect(r.actorCount('wagner')).toBe(0); // e is before the range
    expect(r.visible).toBe(2);
  });

  it('rewrites every byte of both output masks and returns visible = the number of 1s in mask', () => {
    for (const [base, hidden, timeRange] of [
      [{}, [], null], [{ preciseOnly: true }, ['sdf'], range('2016-07-01', '2016-08-31')], [{ sources: [] }, [], null],
      [{ singleSource: true }, [NO_ACTOR], range('2016-07-02', '2016-07-02')],
    ] as Array<[Base, string[], DayRange | null]>) {
      const r = run(base, hidden, timeRange);
      expect([...r.out.mask].every((v) => v === 0 || v === 1)).toBe(true);
      expect([...r.out.untimed].every((v) => v === 0 || v === 1)).toBe(true);
      expect(r.visible).toBe(r.out.mask.reduce((sum, v) => sum + v, 0));
    }
  });
});

/*
 * Randomized cross-check against a naive per-object filter: synthetic incidents given varied
 * sources (none, one, one twice, several), places (precise, imprecise by km or by kind, unknown)
 * and some rows with four or five actors, then random filters.
 */
describe('applyFilter: randomized cross-check against a naive filter', () => {
  const SOURCES = ['s0', 's1', 's2', 's3', 's4', 's5'];
  const TYPES = ['battle', 'airstrike', 'shelling', 'ied', 'protest', 'statement'];
  const PLACES: IncidentPlace[] = [
    { name: '', precision: 'site', uncertaintyKm: 0.1 }, { name: '', precision: 'village', uncertaintyKm: 1.99 },
    { name: '', precision: 'district', uncertaintyKm: 1 }, { name: '', precision: 'village', uncertaintyKm: 2 },
    { name: '', precision: 'city', uncertaintyKm: 0.5 }, { name: '', precision: 'region', uncertaintyKm: 25 },
    { name: '', precision: 'province', uncertaintyKm: 50 }, { name: '', precision: 'country', uncertaintyKm: 300 },
    { name: '', precision: 'unknown', uncertaintyKm: 0 },
  ];
  const rand = mulberry32(20240517);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const subset = <T,>(items: readonly T[], p: number): T[] => items.filter(() => rand() < p);

  const incidents: IncidentFeature[] = syntheticIncidents(5000, 7).map((base) => {
    const kind = rand();
    const sources: SourceCitation[] = kind < 0.1 ? [] : kind < 0.5 ? [cite(pick(SOURCES))]
      : kind < 0.6 ? (() => { const s = pick(SOURCES); return [cite(s), { source: s, status: 'claimed' as const }]; })()
      : Array.from({ length: 2 + Math.floor(rand() * 3) }, () => cite(pick(SOURCES)));
    let actors = base.properties.actors;
    if (rand() < 0.05) {
      // Four or five parties, one of them named twice (a string key in actor-sets).
      const named = Array.from({ length: 4 + Math.floor(rand() * 2) }, () => pick(SYNTHETIC_ACTOR_IDS));
      actors = [...named.map(party), { actor: named[0]!, role: 'spoke' as const }];
    }
    return { ...base, properties: { ...base.properties, sources, actors, place: pick(PLACES) } };
  });
  const cols = buildColumns(incidents, SYNTHETIC_ACTOR_IDS, SOURCES.slice(0, 3));

  interface RandomFilter {
    eventTypes: string[] | null;
    sources: string[] | null;
    singleSource: boolean;
    preciseOnly: boolean;
    searchMatch: Uint8Array | null;
    hidden: string[];
    timeRange: { start: string; end: string } | null;
  }

  const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

  function randomFilter(): RandomFilter {
    const from = dayOf('2013-06-01') + Math.floor(rand() * 4200);
    const long = rand() < 0.3;
    return {
      eventTypes: rand() < 0.5 ? null : subset([...TYPES, 'unknown-type'], 0.5),
      sources: rand() < 0.6 ? null : subset([...SOURCES, 'never-cited'], 0.35),
      singleSource: rand() < 0.3,
      preciseOnly: rand() < 0.3,
      searchMatch: rand() < 0.6 ? null : Uint8Array.from(incidents, () => (rand() < 0.7 ? 1 : 0)),
      hidden: rand() < 0.3 ? [] : subset([...SYNTHETIC_ACTOR_IDS, NO_ACTOR], rand() < 0.5 ? 0.2 : 0.8),
      timeRange: rand() < 0.4 ? null : { start: isoOf(from), end: isoOf(from + Math.floor(rand() * (long ? 900 : 40))) },
    };
  }

  /** The filter written from the documentation of IncidentFilter, one incident object at a time. */
  function naive(filter: RandomFilter) {
    const mask: number[] = [], untimed: number[] = [];
    const actorCounts = new Map<string, number>();
    const hidden = new Set(filter.hidden);
    incidents.forEach((incident, i) => {
      const p = incident.properties;
      const sourceIds = new Set(p.sources.map((s) => s.source));
      const precise = ['site', 'village', 'district'].includes(p.place.precision);
      const base = (filter.eventTypes === null || filter.eventTypes.includes(p.eventType))
        && (filter.sources === null || filter.sources.some((s) => sourceIds.has(s)))
        && (!filter.singleSource || sourceIds.size === 1)
        && (!filter.preciseOnly || precise)
        && (filter.searchMatch === null || filter.searchMatch[i] === 1);
      const actors = new Set(p.actors.length ? p.actors.map((a) => a.actor) : [NO_ACTOR]);
      const actorOn = [...actors].some((a) => !hidden.has(a));
      const inTime = filter.timeRange === null
        || (p.date !== undefined && p.date.start <= filter.timeRange.end && p.date.end >= filter.timeRange.start);
      mask.push(base && actorOn && inTime ? 1 : 0);
      untimed.push(base && actorOn ? 1 : 0);
      if (base && inTime) for (const a of actors) actorCounts.set(a, (actorCounts.get(a) ?? 0) + 1);
    });
    return { mask, untimed, actorCounts, visible: mask.filter((v) => v === 1).length };
  }

  it('builds varied enough data to test every filter', () => {
    expect(incidents.filter((x) => x.properties.date === undefined).length).toBeGreaterThan(10);
    expect(incidents.filter((x) => x.properties.sources.length === 0).length).toBeGreaterThan(100);
    expect(incidents.filter((x) => x.properties.actors.length === 0).length).toBeGreaterThan(50);
    expect(incidents.filter((x) => x.properties.actors.length >= 4).length).toBeGreaterThan(50);
    expect(incidents.filter((x) => x.properties.date && x.properties.date.start !== x.properties.date.end).length).toBeGreaterThan(500);
  });

  it('agrees with the naive filter on mask, untimed, visible and actorCounts over 60 random filters', () => {
    // Reused across rounds, as the worker reuses them.
    const out = { mask: new Uint8Array(cols.length), untimed: new Uint8Array(cols.length) };
    let baseOut: Uint8Array | undefined;
    let sawSome = false;
    for (let round = 0; round < 60; round++) {
      const filter = randomFilter();
      const baseMask = computeBaseMask(cols, {
        typeKept: keptOf(cols.typeIds, filter.eventTypes),
        sourceKept: keptOf(cols.sourceIds, filter.sources),
        singleSource: filter.singleSource,
        preciseOnly: filter.preciseOnly,
        searchMatch: filter.searchMatch,
      }, baseOut);
      baseOut = baseMask ?? baseOut;
      const timeRange = filter.timeRange && { startDay: dayOf(filter.timeRange.start), endDay: dayOf(filter.timeRange.end) };
      const { visible, actorCounts } = applyFilter(cols, baseMask, hiddenCodes(cols, filter.hidden), timeRange, out);
      const expected = naive(filter);
      const context = `round ${round}: ${JSON.stringify({ ...filter, searchMatch: filter.searchMatch && 'random' })}`;
      expect(visible, context).toBe(expected.visible);
      expect(Array.from(out.mask), context).toEqual(expected.mask);
      expect(Array.from(out.untimed), context).toEqual(expected.untimed);
      const counts = Object.fromEntries(cols.actorIds.map((id, code) => [id, actorCounts[code]]));
      const expectedCounts = Object.fromEntries(cols.actorIds.map((id) => [id, expected.actorCounts.get(id) ?? 0]));
      expect(counts, context).toEqual(expectedCounts);
      if (expected.visible > 0 && expected.visible < incidents.length) sawSome = true;
    }
    expect(sawSome).toBe(true); // not all-or-nothing every round
  });

  it('countsOfLayers gives what the pass gives when only actor layers filter, without reading the rows', () => {
    const out = { mask: new Uint8Array(cols.length), untimed: new Uint8Array(cols.length) };
    const perSet = rowsPerSet(cols);
    expect(perSet.reduce((a, b) => a + b, 0)).toBe(cols.length);
    const visibles = new Set<number>();
    for (let round = 0; round < 40; round++) {
      const hidden = round === 0 ? [] : subset([...SYNTHETIC_ACTOR_IDS, NO_ACTOR], rand() < 0.5 ? 0.2 : 0.7);
      const codes = hiddenCodes(cols, hidden);
      const pass = applyFilter(cols, null, codes, null, out);
      const counted = countsOfLayers(cols, perSet, codes);
      expect(counted.visible, hidden.join()).toBe(pass.visible);
      expect(Array.from(counted.actorCounts), hidden.join()).toEqual(Array.from(pass.actorCounts));
      expect(Array.from(counted.setShown), hidden.join()).toEqual(Array.from(pass.setShown));
      visibles.add(pass.visible);
    }
    expect(visibles.size).toBeGreaterThan(10); // the hidden sets varied what is shown
  });
});
