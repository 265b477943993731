import { describe, expect, it } from 'vitest';
import { NO_FILTER, narrowsBeyondActors, sameFilter, showsEverything, toggleKept, type IncidentFilter } from './incident-filter';

describe('toggleKept', () => {
  const all = ['a', 'b', 'c'];
  it('switching one off from "everything" keeps the others, in order', () => {
    expect(toggleKept(null, all, 'b', false)).toEqual(['a', 'c']);
  });
  it('switching the last one back on is "everything" again (null), not a list', () => {
    expect(toggleKept(['a', 'c'], all, 'b', true)).toBeNull();
  });
  it('an empty list stays a list: nothing kept', () => {
    expect(toggleKept(['a'], all, 'a', false)).toEqual([]);
  });
});

describe('narrowsBeyondActors', () => {
  it('ignores the actor layers and blank searches, sees every other part', () => {
    expect(narrowsBeyondActors({ ...NO_FILTER, hiddenActors: ['x'], query: '  ' })).toBe(false);
    expect(narrowsBeyondActors({ ...NO_FILTER, preciseOnly: true })).toBe(true);
    expect(narrowsBeyondActors({ ...NO_FILTER, eventTypes: [] })).toBe(true);
    expect(narrowsBeyondActors({ ...NO_FILTER, timeRange: { start: '2016-07-14', end: '2016-07-15' } })).toBe(true);
  });
});

describe('showsEverything and sameFilter', () => {
  const every: Array<Partial<IncidentFilter>> = [
    { hiddenActors: ['isis'] }, { hiddenActors: ['isis', 'russia'] }, { timeRange: { start: '2016-07-01', end: '2016-07-31' } },
    { timeRange: { start: '2016-07-01', end: '2016-08-31' } }, { eventTypes: [] }, { eventTypes: ['airstrike'] }, { sources: ['sohr'] },
    { singleSource: true }, { preciseOnly: true }, { query: 'Barad' }, { query: 'barad' },
  ];
  it('says a filter keeps everything only when no part narrows (a blank search does not)', () => {
    expect(showsEverything(NO_FILTER)).toBe(true);
    expect(showsEverything({ ...NO_FILTER, query: '   ' })).toBe(true);
    for (const part of every) expect(showsEverything({ ...NO_FILTER, ...part }), JSON.stringify(part)).toBe(false);
  });
  it('tells every part apart, and finds equal filters equal whatever objects hold them', () => {
    const filters = every.map((part) => ({ ...NO_FILTER, ...part }));
    filters.forEach((a, i) => filters.forEach((b, j) => expect(sameFilter(a, b), `${i} ${j}`).toBe(i === j)));
    for (const a of filters) expect(sameFilter(a, JSON.parse(JSON.stringify(a)) as IncidentFilter)).toBe(true);
    expect(sameFilter(NO_FILTER, { ...NO_FILTER })).toBe(true);
  });
});
