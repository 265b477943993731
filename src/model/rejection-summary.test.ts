import { describe, expect, it } from 'vitest';
import { importDatasetText } from '../data/import/import-dataset';
import { readFileSync } from 'node:fs';
import { rejectionCounts, rejectionsByField } from './rejection-summary';

describe('rejectionsByField', () => {
  it('counts each rejected row once per field it names, most first, leaving out definitions', () => {
    expect(rejectionsByField([
      { where: 'row 1', index: 0, reasons: [{ field: 'date_start', message: 'a' }, { field: 'date_start', message: 'b' }, { field: 'latitude', message: 'c' }] },
      { where: 'row 2', index: 1, reasons: [{ field: 'latitude', message: 'd' }] },
      { where: 'row 3', index: 2, reasons: [{ field: 'best', message: 'e' }, { field: 'latitude', message: 'f' }] },
      { where: 'actor "x"', reasons: [{ field: 'colour', message: 'g' }] },
    ])).toEqual([{ field: 'latitude', rows: 3 }, { field: 'best', rows: 1 }, { field: 'date_start', rows: 1 }]);
    expect(rejectionsByField([])).toEqual([]);
  });

  it('sums up a real import with one thing wrong throughout', () => {
    const lines = ['id,longitude,latitude,date_start,date_end,date_prec,where_prec,type_of_violence,best,side_a,side_b,source_office'];
    for (let i = 1; i <= 40; i++) lines.push(`${i},36.${i},33.5,${i % 4 === 0 ? '2016-07-14' : '14/07/2016'},2016-07-14,1,1,1,3,Government of Syria,Civilians,SOHR`);
    lines.push('41,36.5,95,2016-07-14,2016-07-14,1,1,1,3,Government of Syria,Civilians,SOHR');
    const result = importDatasetText(lines.join('\n'), 'ucdp-ged.csv');
    if (!result.ok) throw new Error(result.error);
    expect(rejectionsByField(result.dataset.rejected)).toEqual([{ field: 'date_start', rows: 30 }, { field: 'latitude', rows: 1 }]);
    expect(result.dataset.itemUnit).toBe('row');
    expect(rejectionCounts(result.dataset.rejected)).toEqual({ items: 31, definitions: 0 });
  });

  it('calls a GeoJSON file\'s rejected items features, and counts them apart from definitions', () => {
    // Our format (the built-in dataset), UCDP GED's GeoJSON, and plain GeoJSON with a bad feature.
    const ours = importDatasetText(readFileSync(new URL('../../data/incidents.geojson', import.meta.url), 'utf8'), 'incidents.geojson');
    const ucdp = importDatasetText(readFileSync(new URL('../../../shared/datasets/ucdp-ged-23.1-central-african-republic.geojson', import.meta.url), 'utf8'), 'car.geojson');
    const plain = importDatasetText(JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [36.3, 33.5] }, properties: { name: 'a' } },
      { type: 'Feature', geometry: null, properties: { name: 'b' } },
    ] }), 'plain.geojson');
    for (const result of [ours, ucdp, plain]) {
      if (!result.ok) throw new Error(result.error);
      expect(result.dataset.itemUnit).toBe('feature');
    }
    if (!plain.ok) throw new Error(plain.error);
    expect(rejectionCounts(plain.dataset.rejected)).toEqual({ items: 1, definitions: 0 });
    expect(rejectionCounts([{ where: 'actor "x"', reasons: [] }, { where: 'feature 3 (id "a")', index: 2, reasons: [] }])).toEqual({ items: 1, definitions: 1 });
  });
});
