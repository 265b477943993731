import { describe, expect, it } from 'vitest';
import type { IncidentFeature, IncidentProperties } from '../../data/incident-types';
import { NO_ACTOR } from '../actor-layers';
import {
  CLAIMED, ColumnBuilder, IMPRECISE, OTHER_LAYER, UNDATED, UNKNOWN_PLACE, UNDATED_END, UNDATED_START, buildColumns, columnBuffers, isoDay, memoryBytes, orderActorCodes,
} from './incident-columns';
import { permuteColumns } from './permute-columns';
import { SYNTHETIC_ACTOR_IDS, syntheticIncidents } from './synthetic-incidents';

function incident(id: string, coordinates: [number, number], p: Partial<IncidentProperties> = {}): IncidentFeature {
  return {
    type: 'Feature', id, geometry: { type: 'Point', coordinates },
    properties: {
      title: id, place: { name: 'x', precision: 'village', uncertaintyKm: 0.5 }, eventType: 'battle', layer: 'conflict',
      actors: [], targets: [], casualties: [], story: '', sources: [{ source: 's', status: 'reported' }],
      date: { start: '2016-07-15', end: '2016-07-15', precision: 'day' }, ...p,
    },
  };
}

const party = (actor: string) => ({ actor, role: 'party' as const });

describe('isoDay', () => {
  it('counts days since 1970-01-01 in UTC', () => {
    expect(isoDay('1970-01-01')).toBe(0);
    expect(isoDay('1969-12-31')).toBe(-1);
    for (const iso of ['2016-07-15', '2000-02-29', '2024-12-31', '1900-03-01']) expect(isoDay(iso)).toBe(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
  });

  it('gives NaN for what is not a YYYY-MM-DD date', () => {
    for (const bad of ['2016-7-15', '2016/07/15', '2016-13-01', '2016-07-00', '', 'abcd-ef-gh']) expect(isoDay(bad)).toBeNaN();
  });
});

describe('buildColumns', () => {
  const incidents = [
    incident('a', [36.2, 37.16], { actors: [party('isis'), party('sdf'), { actor: 'isis', role: 'spoke' }] }),
    incident('b', [44.37, 33.31], {
      actors: [party('sdf'), party('isis')], eventType: 'airstrike',
      date: { start: '2016-07-01', end: '2016-07-31', precision: 'month' },
      sources: [{ source: 's', status: 'claimed' }, { source: 't', status: 'alleged' }],
      place: { name: 'y', precision: 'province', uncertaintyKm: 50 },
    }),
    incident('c', [-0.04, 16.27], { date: undefined, sources: [], place: { name: 'z', precision: 'site', uncertaintyKm: 2 } }),
    incident('d', [2.11, 13.51], { actors: [party('wagner')], date: { start: '2016-07-15', end: 'soon', precision: 'range' } }),
  ];
  const columns = buildColumns(incidents, ['isis', 'sdf']);
  const codes = (row: number) => [...columns.setCodes.subarray(columns.setStart[columns.actorSet[row]!], columns.setStart[columns.actorSet[row]! + 1])].map((c) => columns.actorIds[c]);

  it('keeps positions as Float32 and dates as day numbers', () => {
    expect(columns.length).toBe(4);
    expect(columns.lng[0]).toBe(Math.fround(36.2));
    expect(columns.lat[1]).toBe(Math.fround(33.31));
    expect([columns.start[0], columns.end[0]]).toEqual([isoDay('2016-07-15'), isoDay('2016-07-15')]);
    expect([columns.start[1], columns.end[1]]).toEqual([isoDay('2016-07-01'), isoDay('2016-07-31')]);
  });

  it('marks undated rows (no date, or one that does not parse) with an empty span and a flag', () => {
    for (const row of [2, 3]) {
      expect(columns.flags[row]! & UNDATED).toBe(UNDATED);
      expect([columns.start[row], columns.end[row]]).toEqual([UNDATED_START, UNDATED_END]);
    }
    expect(columns.flags[0]! & UNDATED).toBe(0);
  });

  it('lists each acting party once per row, ascending, with NO_ACTOR for rows naming none', () => {
    expect(codes(0)).toEqual(['isis', 'sdf']);
    expect(codes(1)).toEqual(['isis', 'sdf']);
    expect(codes(2)).toEqual([NO_ACTOR]);
    expect(columns.noActorCode).toBe(columns.actorIds.indexOf(NO_ACTOR));
  });

  it('gives an actor missing from the list a code of its own rather than dropping it', () => {
    expect(codes(3)).toEqual(['wagner']);
    expect(columns.actorIds).toEqual(['isis', 'sdf', NO_ACTOR, 'wagner']);
  });

  it('numbers actor combinations whatever the order they are named in', () => {
    expect(columns.actorSet[0]).toBe(columns.actorSet[1]);
    expect(new Set(columns.actorSet).size).toBe(3);
    const set = columns.actorSet[3]!;
    expect([...columns.setCodes.subarray(columns.setStart[set], columns.setStart[set + 1])]).toEqual([3]);
  });

  it('codes event types in order of first appearance', () => {
    expect(columns.typeIds).toEqual(['battle', 'airstrike']);
    expect([...columns.type]).toEqual([0, 1, 0, 0]);
  });

  it('flags claimed-only and imprecise rows as the map draws them', () => {
    expect(columns.flags[1]! & CLAIMED).toBe(CLAIMED);
    expect(columns.flags[0]! & CLAIMED).toBe(0);
    expect(columns.flags[2]! & CLAIMED).toBe(0); // no source named: nothing is claimed
    expect(columns.flags[1]! & IMPRECISE).toBe(IMPRECISE); // a province
    expect(columns.flags[2]! & IMPRECISE).toBe(IMPRECISE); // a site, but within 2 km only
    expect(columns.flags[0]! & IMPRECISE).toBe(0);
  });

  it('holds every array in an ArrayBuffer of its own, ready to transfer', () => {
    const buffers = columnBuffers(columns);
    expect(new Set(buffers).size).toBe(buffers.length);
    for (const buffer of buffers) expect(buffer).toBeInstanceOf(ArrayBuffer);
    expect(memoryBytes(columns)).toBe(buffers.reduce((sum, b) => sum + b.byteLength, 0));
    expect(memoryBytes(columns)).toBeLessThan(4 * 60);
  });

  it('lists each row\'s distinct sources and its highest casualty figure', () => {
    const withFigures = buildColumns([
      incident('p', [1, 1], {
        sources: [{ source: 'sohr', status: 'reported' }, { source: 'sohr', status: 'claimed' }, { source: 'masdar', status: 'reported' }],
        casualties: [
          { text: 'at least 3 killed', kind: 'killed', min: 3, source: 'sohr', status: 'reported' },
          { text: '12 killed (best estimate)', kind: 'killed', best: 12, min: 10, source: 'masdar', status: 'reported' },
          { text: 'several wounded', kind: 'injured', source: 'sohr', status: 'reported' },
        ],
      }),
      incident('q', [2, 2], { sources: [], casualties: [{ text: 'several killed', kind: 'killed', source: 's', status: 'reported' }] }),
    ], [], ['masdar']);
    const { sourceSet, sourceSetStart, sourceSetCodes } = withFigures;
    const sourcesOf = (row: number) => Array.from(sourceSetCodes.subarray(sourceSetStart[sourceSet[row]!], sourceSetStart[sourceSet[row]! + 1]), (code) => withFigures.sourceIds[code]);
    // Each source once, in code order.
    expect(sourcesOf(0)).toEqual(['masdar', 'sohr']);
    expect(sourcesOf(1)).toEqual([]);
    expect(withFigures.sourceIds[0]).toBe('masdar'); // the given order comes first
    expect(withFigures.casualties[0]).toBe(12);
    expect(withFigures.casualties[1]).toBeNaN(); // "several" is no number
  });

  it('flags places of unknown precision, which are not "precise" either', () => {
    const rows = buildColumns([incident('u', [1, 1], { place: { name: 'u', precision: 'unknown', uncertaintyKm: 0 } }), incident('v', [1, 1])], []);
    expect(rows.flags[0]! & UNKNOWN_PLACE).toBe(UNKNOWN_PLACE);
    expect(rows.flags[1]! & UNKNOWN_PLACE).toBe(0);
  });

  it('builds empty columns from no incidents', () => {
    const empty = buildColumns([], []);
    expect(empty.length).toBe(0);
    expect(empty.actorIds).toEqual([NO_ACTOR]);
  });
});

describe('ColumnBuilder with shared lists', () => {
  it('gives rows sharing frozen lists (a quick read\'s) the columns that fresh copies of the lists give', () => {
    const actorLists = [[party('isis'), party('sdf')], [party('sdf')], []].map((list) => Object.freeze(list.map((ref) => Object.freeze(ref))));
    const sourceLists = [[{ source: 's', status: 'reported' as const }], [{ source: 't', status: 'claimed' as const }, { source: 's', status: 'claimed' as const }], []]
      .map((list) => Object.freeze(list.map((ref) => Object.freeze(ref))));
    const shared = Array.from({ length: 60 }, (_, i) => incident(`r${i}`, [36 + i / 10, 35], {
      actors: actorLists[i % 3] as IncidentProperties['actors'], sources: sourceLists[(i >> 1) % 3] as IncidentProperties['sources'],
    }));
    const copied = shared.map((x) => ({ ...x, properties: { ...x.properties, actors: x.properties.actors.map((a) => ({ ...a })), sources: x.properties.sources.map((s) => ({ ...s })) } }));
    expect(buildColumns(shared, ['isis'])).toEqual(buildColumns(copied, ['isis']));
  });
});

describe('ColumnBuilder and permuteColumns', () => {
  const many = Array.from({ length: 3000 }, (_, i) => incident(`n${i}`, [(i % 360) - 180, (i % 170) - 85], {
    actors: i % 3 ? [party(`a${i % 7}`), party(`a${i % 5}`)] : [],
    sources: i % 4 ? [{ source: `s${i % 3}`, status: 'reported' }, { source: `s${i % 2}`, status: 'claimed' }] : [],
    casualties: i % 2 ? [{ source: 's0', status: 'reported', kind: 'killed', best: i, text: `${i} killed` }] : [],
    layer: i % 11 ? 'conflict' : 'diplomacy',
  }));

  it('grows past its first capacity and gives the columns buildColumns gives', () => {
    const builder = new ColumnBuilder(['a1'], [], 16);
    for (const x of many) builder.add(x);
    expect(builder.length).toBe(3000);
    expect(builder.finish()).toEqual(buildColumns(many, ['a1']));
  });

  it('marks incidents off the conflict layer', () => {
    const columns = buildColumns(many, []);
    many.forEach((x, row) => expect((columns.flags[row]! & OTHER_LAYER) !== 0, x.id).toBe(x.properties.layer !== 'conflict'));
  });

  it('reorders every column, actors and sources included, as building from the reordered incidents does', () => {
    const order = Uint32Array.from(many.map((_, i) => i).sort((a, b) => ((a * 7919) % 3001) - ((b * 7919) % 3001)));
    const columns = buildColumns(many, []);
    const permuted = permuteColumns(columns, order);
    const rebuilt = buildColumns(Array.from(order, (i) => many[i]!), columns.actorIds, columns.sourceIds);
    // Type codes and actor and source sets are numbered in order of appearance, so compare them by what they name.
    const { type, typeIds, actorSet, setStart, setCodes, sourceSet, sourceSetStart, sourceSetCodes, ...rest } = permuted;
    const { type: type2, typeIds: typeIds2, actorSet: set2, setStart: setStart2, setCodes: setCodes2, sourceSet: sourceSet2, sourceSetStart: sourceSetStart2, sourceSetCodes: sourceSetCodes2, ...rest2 } = rebuilt;
    expect(rest).toEqual(rest2);
    expect(Array.from(type, (c) => typeIds[c])).toEqual(Array.from(type2, (c) => typeIds2[c]));
    const setOf = (starts: Uint32Array, codes: Uint16Array, set: number) => [...codes.subarray(starts[set], starts[set + 1])];
    expect(Array.from(actorSet, (s) => setOf(setStart, setCodes, s))).toEqual(Array.from(set2, (s) => setOf(setStart2, setCodes2, s)));
    expect(Array.from(sourceSet, (s) => setOf(sourceSetStart, sourceSetCodes, s))).toEqual(Array.from(sourceSet2, (s) => setOf(sourceSetStart2, sourceSetCodes2, s)));
    expect(Array.from(sourceSet, (s) => setOf(sourceSetStart, sourceSetCodes, s)).some((codes) => codes.length === 2)).toBe(true);
  });
});

describe('orderActorCodes', () => {
  it('numbers the actors as building with that order would, sets and all', () => {
    const incidents = syntheticIncidents(3_000, 11);
    const order = [...SYNTHETIC_ACTOR_IDS].reverse();
    const firstSeen = buildColumns(incidents, []);
    expect(firstSeen.actorIds).not.toEqual([...order, NO_ACTOR]);
    expect(orderActorCodes(firstSeen, order)).toEqual(buildColumns(incidents, order));
    // Actors the order leaves out keep a code after it.
    const partial = orderActorCodes(firstSeen, order.slice(0, 2));
    expect(partial.actorIds.slice(0, 3)).toEqual([...order.slice(0, 2), NO_ACTOR]);
    expect(new Set(partial.actorIds)).toEqual(new Set([...firstSeen.actorIds]));
  });
});
