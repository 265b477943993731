import { describe, expect, it } from 'vitest';
import type { IncidentFeature, IncidentProperties } from '../../data/incident-types';
import { buildColumns } from './incident-columns';
import { listOrder } from './list-order';
import { mulberry32 } from './synthetic-incidents';

function incident(id: string, p: Partial<IncidentProperties>): IncidentFeature {
  return {
    type: 'Feature', id, geometry: { type: 'Point', coordinates: [36, 35] },
    properties: {
      title: id, place: { name: 'x', precision: 'village', uncertaintyKm: 0.5 }, eventType: 'battle', layer: 'conflict',
      actors: [], targets: [], casualties: [], story: '', sources: [], ...p,
    },
  };
}
const day = (iso: string) => ({ start: iso, end: iso, precision: 'day' as const });
const killed = (n: number) => ({ text: `${n} killed`, kind: 'killed' as const, best: n, source: 's', status: 'reported' as const });

describe('listOrder', () => {
  const rows = [
    incident('a', { date: day('2016-07-15'), casualties: [killed(3)] }),
    incident('b', { date: undefined, casualties: [killed(40)] }),
    incident('c', { date: { start: '2016-07-01', end: '2016-07-31', precision: 'month' } }),
    incident('d', { date: day('1969-12-31'), casualties: [killed(3), killed(12)] }),
    incident('e', { date: day('2016-07-15') }),
  ];
  const columns = buildColumns(rows, []);
  const ids = (order: Uint32Array) => Array.from(order, (row) => rows[row]!.id);

  it('newest first by the first day it may have happened, undated last, ties in row order', () => {
    expect(ids(listOrder(columns, 'newest'))).toEqual(['a', 'e', 'c', 'd', 'b']);
  });

  it('oldest first, before 1970 too, undated still last', () => {
    expect(ids(listOrder(columns, 'oldest'))).toEqual(['d', 'c', 'a', 'e', 'b']);
  });

  it('most casualties first by the highest figure, none given last', () => {
    expect(ids(listOrder(columns, 'casualties'))).toEqual(['b', 'd', 'a', 'c', 'e']);
  });

  it('agrees with a comparator sort on random data', () => {
    const random = mulberry32(7);
    const many = Array.from({ length: 3000 }, (_, i) => {
      const d = new Date(Date.UTC(1950 + Math.floor(random() * 70), 0, 1 + Math.floor(random() * 365))).toISOString().slice(0, 10);
      return incident(`r${i}`, { date: random() < 0.05 ? undefined : day(d), casualties: random() < 0.3 ? [] : [killed(Math.floor(random() * 50))] });
    });
    const cols = buildColumns(many, []);
    const key = (i: number) => many[i]!.properties.date?.start ?? '~';
    const newest = [...many.keys()].sort((a, b) => (key(a) === '~') !== (key(b) === '~') ? (key(a) === '~' ? 1 : -1) : key(b).localeCompare(key(a)) || a - b);
    expect(Array.from(listOrder(cols, 'newest'))).toEqual(newest);
    const most = (i: number) => many[i]!.properties.casualties[0]?.best ?? -1;
    expect(Array.from(listOrder(cols, 'casualties'))).toEqual([...many.keys()].sort((a, b) => most(b) - most(a) || a - b));
  });

  it('orders figures far apart (a native sort rather than counting) the same way', () => {
    const spread = [killed(2), killed(10_000_000), killed(0), killed(2), killed(70_000)].map((figure, i) => incident(`s${i}`, { casualties: [figure] }));
    spread.push(incident('none', {}));
    const cols = buildColumns(spread, []);
    expect(Array.from(listOrder(cols, 'casualties'), (row) => spread[row]!.id)).toEqual(['s1', 's4', 's0', 's3', 's2', 'none']);
    expect(Array.from(listOrder(cols, 'newest'), (row) => spread[row]!.id)).toEqual(['s0', 's1', 's2', 's3', 's4', 'none']);
  });

  it('breaks ties in the order given, counting or sorting natively, and with no key at all', () => {
    const tie = Uint32Array.from([4, 2, 0, 3, 1]);
    expect(ids(listOrder(columns, 'newest', tie))).toEqual(['e', 'a', 'c', 'd', 'b']);
    expect(ids(listOrder(columns, 'casualties', tie))).toEqual(['b', 'd', 'a', 'e', 'c']);
    const spread = [killed(2), killed(10_000_000), killed(2), killed(2)].map((figure, i) => incident(`s${i}`, { casualties: [figure] }));
    const cols = buildColumns(spread, []);
    expect(Array.from(listOrder(cols, 'casualties', Uint32Array.from([3, 1, 0, 2])), (row) => spread[row]!.id)).toEqual(['s1', 's3', 's0', 's2']);
    expect(Array.from(listOrder(cols, 'newest', Uint32Array.from([3, 1, 0, 2])), (row) => spread[row]!.id)).toEqual(['s3', 's1', 's0', 's2']);
  });
});
