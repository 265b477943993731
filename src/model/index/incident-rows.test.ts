import { describe, expect, it } from 'vitest';
import type { IncidentFeature } from '../../data/incident-types';
import type { RowSpan } from '../../data/validate-dataset';
import { buildColumns } from './incident-columns';
import { RowCollector, idHashOf, rowsOfIncidents } from './incident-rows';
import { syntheticIncidents } from './synthetic-incidents';

const incidents = syntheticIncidents(5000, 9);

describe('idHashOf', () => {
  it('is a 32-bit number that tells these ids apart', () => {
    const hashes = new Set(incidents.map((x) => idHashOf(x.id)));
    expect(hashes.size).toBe(incidents.length);
    expect(idHashOf('226106')).toBe(idHashOf('226106'));
    expect(idHashOf('226106')).not.toBe(idHashOf('226107'));
    expect(Number.isInteger(idHashOf('المجيمر'))).toBe(true);
  });
});

describe('RowCollector', () => {
  /** A stand-in for a file: span i is row i, re-read by counting calls. */
  function collect(withSpans: boolean) {
    const collector = new RowCollector();
    incidents.forEach((x, i) => collector.add(x, withSpans ? { start: i * 10, end: i * 10 + 10, line: i + 2 } : undefined));
    const reads: RowSpan[] = [];
    const rows = collector.finish((span) => {
      reads.push(span);
      return structuredClone(incidents[span.line - 2]!);
    });
    return { rows, reads };
  }

  it('forgets what it was given when cleared: as a new one, whether rows came with spans or not', () => {
    const others = syntheticIncidents(1500, 4);
    for (const withSpans of [true, false]) {
      const collector = new RowCollector();
      // More rows than its first arrays hold (1,024), with and without spans, then cleared.
      others.forEach((x, i) => collector.add(x, i % 2 ? { start: 0, end: 1, line: 1 } : undefined));
      collector.clear();
      expect(collector.length).toBe(0);
      incidents.forEach((x, i) => collector.add(x, withSpans ? { start: i * 10, end: i * 10 + 10, line: i + 2 } : undefined));
      const rows = collector.finish(withSpans ? (span) => structuredClone(incidents[span.line - 2]!) : undefined);
      const fresh = collect(withSpans).rows;
      expect(rows.columns).toEqual(fresh.columns);
      expect([...rows.idHash]).toEqual([...fresh.idHash]);
      expect(Array.from({ length: 50 }, (_, row) => rows.store.get(row * 97))).toEqual(Array.from({ length: 50 }, (_, row) => fresh.store.get(row * 97)));
    }
  });

  it('gives the columns and id hashes of what it was given, in order', () => {
    const { rows } = collect(true);
    expect(rows.columns).toEqual(buildColumns(incidents, []));
    expect([...rows.idHash]).toEqual(incidents.map((x) => idHashOf(x.id)));
    expect(rows.store.length).toBe(incidents.length);
  });

  it('reads a row again from its span only when asked, and keeps recent ones', () => {
    const { rows, reads } = collect(true);
    expect(reads).toEqual([]);
    expect(rows.store.get(7)).toEqual(incidents[7]);
    expect(reads).toEqual([{ start: 70, end: 80, line: 9 }]);
    rows.store.get(7);
    expect(reads).toHaveLength(1);
    // The cache holds the last 4096 rows: after all 5000, row 4999 is still there, row 0 went.
    for (let i = 0; i < incidents.length; i++) rows.store.get(i);
    expect(reads.length).toBe(incidents.length);
    rows.store.get(4999);
    expect(reads.length).toBe(incidents.length);
    expect(rows.store.get(0)).toEqual(incidents[0]);
    expect(reads.length).toBe(incidents.length + 1);
    expect(() => rows.store.get(incidents.length)).toThrow(RangeError);
  });

  it('reads rows for a pass over many (read) without keeping them or pushing out the ones kept', () => {
    const { rows, reads } = collect(true);
    rows.store.get(5);
    for (let i = 0; i < incidents.length; i++) expect(rows.store.read(i)).toEqual(incidents[i]);
    expect(reads.length).toBe(incidents.length + 1);
    // Row 5 is still kept from its get; row 6 was only read, so a get reads it again.
    rows.store.get(5);
    expect(reads.length).toBe(incidents.length + 1);
    rows.store.get(6);
    expect(reads.length).toBe(incidents.length + 2);
    expect(() => rows.store.read(incidents.length)).toThrow(RangeError);
  });

  it('keeps the objects of rows that have no span (GeoJSON)', () => {
    const { rows, reads } = collect(false);
    expect(rows.store.get(3)).toBe(incidents[3]);
    expect(rows.store.read(3)).toBe(incidents[3]);
    expect(reads).toEqual([]);
  });
});

describe('rowsOfIncidents', () => {
  it('holds the objects themselves', () => {
    const rows = rowsOfIncidents(incidents, [], []);
    expect(rows.store.get(42)).toBe(incidents[42] as IncidentFeature);
    expect(rows.store.read(42)).toBe(incidents[42] as IncidentFeature);
    expect(rows.columns.length).toBe(incidents.length);
  });
});
