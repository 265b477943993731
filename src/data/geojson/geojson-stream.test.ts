import { describe, expect, it, vi } from 'vitest';
import { DatasetImport } from '../import/import-dataset';
import type { IncidentSink } from '../validate-dataset';

// One string's length, made small: the limit on the features plain GeoJSON keeps as objects.
vi.mock('../csv/text-pieces', async (original) => ({ ...(await original<typeof import('../csv/text-pieces')>()), MAX_STRING_LENGTH: 3000 }));

const point = (k: number) => ({ type: 'Point', coordinates: [36 + k / 100, 33] });

function read(features: unknown[], sink?: IncidentSink) {
  const importing = new DatasetImport('points.geojson', sink ? { sink } : {});
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  for (let at = 0; at < text.length; at += 500) importing.write(text.slice(at, at + 500));
  return importing.finish();
}

describe('GeoJSON streamed: what is kept, up to one string\'s length', () => {
  it('reads plain points whose text is shorter than one string can be', () => {
    const result = read(Array.from({ length: 20 }, (_, k) => ({ type: 'Feature', properties: { name: `P${k}` }, geometry: point(k) })));
    expect(result.ok && result.dataset.incidents.length).toBe(20);
  });

  it('reads plain points feature by feature however long the file, to a sink that keeps no object', () => {
    const plain = Array.from({ length: 80 }, (_, k) => ({ type: 'Feature', properties: { name: `P${k}` }, geometry: point(k) }));
    const got: unknown[] = [];
    const result = read(plain, { add: (incident) => got.push(incident), clear: () => (got.length = 0) });
    expect(result.ok && result.dataset.featureCount).toBe(80);
    expect(got).toHaveLength(80);
  });

  it('says a file is too long when the features before its first with properties are longer than one string', () => {
    const ucdp = {
      type: 'Feature', geometry: point(0),
      properties: { id: 1, type_of_violence: 1, side_a: 'A', side_b: 'B', best: 1, date_start: '2016-07-01', date_end: '2016-07-01', where_prec: 1, date_prec: 1 },
    };
    const bare = Array.from({ length: 80 }, () => ({ type: 'Feature', properties: null, geometry: point(1) }));
    for (const features of [[...bare, ucdp, ucdp], [...bare, { type: 'Feature', properties: { name: 'P' }, geometry: point(2) }]]) {
      const got: unknown[] = [];
      const result = read(features, { add: (incident) => got.push(incident), clear: () => (got.length = 0) });
      expect(result).toEqual({ ok: false, error: expect.stringMatching(/^points\.geojson is 0 million characters of JSON, and a browser cannot hold more than 0 million in one text/) });
      expect(got).toEqual([]);
    }
  });
});
