import { describe, expect, it } from 'vitest';
import { NO_FILTER, narrowsBeyondActors, toggleKept } from './incident-filter';

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
