import { describe, expect, it } from 'vitest';
import { IncidentTally } from './event-definitions';
import type { ActorRef, IncidentProperties, SourceCitation } from './incident-types';
import { frozenList } from './quick-cells';

const party = (actor: string): ActorRef => ({ actor, role: 'carried out' });
const cited = (source: string): SourceCitation => ({ source, status: 'reported' });

function incident(actors: ActorRef[], targets: ActorRef[], sources: SourceCitation[], eventType = 'airstrike'): IncidentProperties {
  return {
    title: '', place: { name: '', precision: 'site', uncertaintyKm: 0 }, eventType, layer: 'conflict', actors, targets, casualties: [], story: '', sources,
    date: { start: '2016-07-14', end: '2016-07-15', precision: 'day' },
  };
}

/** The counts as every row counted on its own would give them. */
function counted(rows: IncidentProperties[]) {
  const parties = new Map<string, number>(), targets = new Map<string, number>(), sources = new Set<string>();
  for (const row of rows) {
    for (const id of new Set(row.actors.map((a) => a.actor))) parties.set(id, (parties.get(id) ?? 0) + 1);
    for (const id of new Set(row.targets.map((a) => a.actor))) targets.set(id, (targets.get(id) ?? 0) + 1);
    for (const s of row.sources) sources.add(s.source);
  }
  return { parties, targets, sources };
}

describe('IncidentTally', () => {
  it('counts shared (frozen) lists as each row counted alone would, however often it is read', () => {
    // Shared lists: one naming the same party twice, an empty one; and lists of a row's own.
    const government = frozenList([party('syria'), party('syria'), party('russia')]);
    const none = frozenList<ActorRef>([]);
    const civilians = frozenList([party('civilians')]);
    const outlets = frozenList([cited('sohr'), cited('masdar')]);
    const rows = [
      incident(government, civilians, outlets),
      incident(government, none, outlets),
      incident([party('isis'), party('isis')], [party('civilians')], [cited('reuters')]),
      incident(none, none, frozenList<SourceCitation>([])),
    ];
    const tally = new IncidentTally();
    rows.slice(0, 2).forEach((row) => tally.add(row));
    const first = counted(rows.slice(0, 2));
    expect(new Map(tally.asParty)).toEqual(first.parties);
    expect(new Map(tally.asParty)).toEqual(first.parties); // read twice: still the same
    rows.slice(2).forEach((row) => tally.add(row));
    const all = counted(rows);
    expect(new Map(tally.asParty)).toEqual(all.parties);
    expect(new Map(tally.asTarget)).toEqual(all.targets);
    expect(new Set(tally.sourceIds)).toEqual(all.sources);
    expect(tally.typeCounts.get('airstrike')).toBe(4);
    expect(tally.period()).toBe('2016-07-14/2016-07-15');
  });
});
