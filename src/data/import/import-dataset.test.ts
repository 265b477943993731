import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtInDatasetJson, readRepoFile, readSharedFile, seededDraw } from '../../test-support/fixtures';
import type { IncidentFeature } from '../incident-types';
import type { DatasetResult, IncidentSink, RowSpan } from '../validate-dataset';
import { UcdpFeatureImport } from '../event-datasets';
import { importGeoJsonText } from '../geojson/import-geojson';
import { DatasetImport } from './import-dataset';

const CAR = 'datasets/ucdp-ged-23.1-central-african-republic.geojson';

/** The text written to a DatasetImport in chunks of random sizes, as a stream decodes it. */
function written(text: string, fileName: string, seed: number, largest = 70_000, sink?: IncidentSink) {
  const draw = seededDraw(seed);
  const importing = new DatasetImport(fileName, sink ? { sink } : {});
  for (let at = 0; at < text.length;) {
    const size = 1 + draw(largest);
    importing.write(text.slice(at, at + size));
    at += size;
  }
  return importing.finish();
}

/** The same text read whole: what GeoJSON was always read as. */
function whole(text: string, fileName: string, sink?: IncidentSink) {
  return importGeoJsonText(text, fileName, { ucdp: (ucdpSink, total) => new UcdpFeatureImport(ucdpSink, total) }, sink);
}

/** A sink that keeps what it is given (copies of the spans: the caller may reuse its span object). */
function listSink(): IncidentSink & { got: IncidentFeature[]; spans: (RowSpan | undefined)[] } {
  const got: IncidentFeature[] = [];
  const spans: (RowSpan | undefined)[] = [];
  return {
    got, spans,
    add: (incident, span) => {
      got.push(incident);
      spans.push(span && { ...span });
    },
    clear: () => {
      got.length = spans.length = 0;
    },
  };
}

/** The built-in dataset with something wrong in several features and one definition. */
function brokenBuiltIn(): string {
  const json = builtInDatasetJson() as { actors: Record<string, { colour: string }>; features: Array<Record<string, any>> };
  const f = json.features;
  f[1]!.geometry.coordinates = [36.2]; // structural and validation
  f[2]!.bbox = 'everywhere'; // structural only
  f[4]!.id = f[0]!.id; // an id used twice
  f[9]!.properties.related = ['nowhere'];
  f[3] = null as never;
  Object.values(json.actors)[0]!.colour = 'red';
  // A member named twice in feature 7, which JSON.stringify cannot write.
  return JSON.stringify(json, null, 2).replace(`"id": "${f[7]!.id}",`, `"id": "${f[7]!.id}",\n      "type": "Feature",`);
}

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

describe('GeoJSON written in chunks', () => {
  afterEach(() => vi.restoreAllMocks());

  it('loads as the whole text does: our format, UCDP\'s GeoJSON, and plain GeoJSON', () => {
    const builtIn = readRepoFile('data/incidents.geojson');
    const car = readSharedFile(CAR);
    const plain = JSON.stringify({ type: 'FeatureCollection', name: 'Checkpoints', features: [
      { type: 'Feature', id: 'a', properties: { name: 'North gate' }, geometry: point(36.2, 33.5) },
      { type: 'Feature', properties: { name: 'A road' }, geometry: { type: 'LineString', coordinates: [[36, 33], [37, 34]] } },
      { type: 'Feature', properties: null, geometry: null },
      { type: 'Feature', properties: { name: 'Swapped' }, geometry: point(33.5, 136.2) },
    ] }, null, 2);
    const parse = vi.spyOn(JSON, 'parse');
    for (const [text, name] of [[builtIn, 'incidents.geojson'], [car, 'car.geojson'], [plain, 'checkpoints.geojson']] as const) {
      for (const seed of [1, 2]) {
        parse.mockClear();
        const result = written(text, name, seed, seed === 1 ? 70_000 : 300);
        // Streamed: never parsed whole, but in batches of features and the rest.
        const longest = Math.max(...parse.mock.calls.map(([json]) => json.length));
        expect(longest).toBeLessThan(text.length);
        expect(result).toEqual(whole(text, name));
      }
    }
    const loaded = written(car, 'car.geojson', 3);
    expect(loaded.ok && loaded.dataset.featureCount).toBe(JSON.parse(car).features.length);
  });

  it('validates our format as it streams, as the whole text is validated, with or without a sink', () => {
    const text = brokenBuiltIn();
    const result = whole(text, 'broken.geojson');
    if (!result.ok) throw new Error(result.error);
    // The features that name the rejected actor are rejected too.
    expect(result.dataset.rejected.map((r) => r.index)).toEqual(expect.arrayContaining([undefined, 1, 2, 3, 4, 7]));
    expect(result.dataset.incidents.length).toBeGreaterThan(0);
    expect(JSON.stringify(result.dataset.warnings)).toContain('properties.related names \\"nowhere\\"');
    for (const [seed, largest] of [[7, 70_000], [8, 400], [9, 20]] as const) {
      expect(written(text, 'broken.geojson', seed, largest)).toEqual(result);
      const [streamedSink, wholeSink] = [listSink(), listSink()];
      const { reread, ...streamed } = written(text, 'broken.geojson', seed, largest, streamedSink) as DatasetResult & { reread?: (span: RowSpan) => IncidentFeature };
      expect(streamed).toEqual(whole(text, 'broken.geojson', wholeSink));
      expect(streamedSink.got).toEqual(wholeSink.got);
      expect(streamedSink.got).toEqual(result.dataset.incidents);
      // Each incident can be read again from the text, from the span it came with.
      expect(streamedSink.spans.map((span) => reread!(span!))).toEqual(result.dataset.incidents);
    }
  });

  it('reads UCDP\'s GeoJSON as it streams, as the whole text is read, with or without a sink', () => {
    const json = JSON.parse(readSharedFile(CAR)) as { features: Array<Record<string, any>> };
    const f = json.features;
    // Before the first feature with properties: one without (the reading is decided at the first with).
    f.unshift({ type: 'Feature', properties: null, geometry: null, bbox: 'everywhere' });
    f[3]!.geometry = { type: 'Polygon', coordinates: [[[20, 5], [21, 5], [21, 6], [20, 5]]] };
    f[5]!.properties.id = f[4]!.properties.id; // an id used twice
    f[6]!.geometry.coordinates = [26.5]; // structural
    f[7]!.properties.best = 'many';
    f[8]!.bbox = [1, 2];
    const text = JSON.stringify(json).replace('"relid": 0,', '"relid": 0, "relid": 1,');
    const result = whole(text, 'car-broken.geojson');
    if (!result.ok) throw new Error(result.error);
    expect(result.dataset.rejected.length).toBeGreaterThanOrEqual(6);
    for (const [seed, largest] of [[11, 70_000], [12, 900]] as const) {
      expect(written(text, 'car-broken.geojson', seed, largest)).toEqual(result);
      const streamedSink = listSink();
      const { reread, ...streamed } = written(text, 'car-broken.geojson', seed, largest, streamedSink) as DatasetResult & { reread?: (span: RowSpan) => IncidentFeature };
      // Read whole, UCDP's GeoJSON lists its incidents in the dataset; streamed, they go to the sink.
      expect(streamed).toEqual({ ok: true, dataset: { ...result.dataset, incidents: [] } });
      expect(streamedSink.got).toEqual(result.dataset.incidents);
      expect(streamedSink.spans.filter((_, i) => i % 50 === 0).map((span) => reread!(span!))).toEqual(result.dataset.incidents.filter((_, i) => i % 50 === 0));
    }
  });

  it('reads our format whole when its definitions or metadata come after its features, starting the sink again', () => {
    for (const late of ['actors', 'dataset']) {
      const { [late]: moved, ...rest } = builtInDatasetJson() as Record<string, unknown>;
      const text = JSON.stringify({ ...rest, [late]: moved }, null, 1);
      expect(text.indexOf(`"${late}"`)).toBeGreaterThan(text.indexOf('"features"'));
      const sink = listSink();
      const result = written(text, 'late.geojson', 10, 3000, sink);
      expect(result).toEqual(whole(text, 'late.geojson', listSink()));
      expect(result.ok && Object.keys(result.dataset.actors).length).toBeGreaterThan(3);
      expect(result.ok && result.dataset.metadata.title).toBe((builtInDatasetJson().dataset as { title: string }).title);
      expect(sink.got).toHaveLength(JSON.parse(text).features.length);
    }
  });

  it('reports repeated members with the whole text\'s paths and lines', () => {
    const builtIn = readRepoFile('data/incidents.geojson');
    const atTop = builtIn.replace('"type": "FeatureCollection",', '"type": "FeatureCollection",\n  "type": "FeatureCollection",');
    const inFeatures = builtIn.replace(/"geometry": \{/g, (m, at: number) => (at % 3 === 0 ? '"geometry": {"type": "Point",' : m));
    for (const [text, said] of [[atTop, /given twice in the same object \(again on line 3\)/], [inFeatures, /"field":"geometry.type","message":"is given twice in the same object \(again on line \d+\)/]] as const) {
      const result = written(text, 'repeated.geojson', 4, 500);
      expect(result).toEqual(whole(text, 'repeated.geojson'));
      expect(JSON.stringify(result)).toMatch(said);
    }
  });

  it('says what the whole text says of a file that is not GeoJSON, or broken', () => {
    const builtIn = readRepoFile('data/incidents.geojson');
    for (const text of [
      '', '   ', '[1, 2, 3]', '{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [36, 33]}}',
      '{"type": "Point", "coordinates": [36, 33]}',
      builtIn.slice(0, builtIn.length / 2),
      builtIn.replace('"features": [', '"features": [,'),
      `${builtIn}\n{}`,
      '{"type": "FeatureCollection", "features": {"not": "a list"}}',
    ]) {
      expect(written(text, 'broken.geojson', 5, 200), text.slice(0, 80)).toEqual(whole(text, 'broken.geojson'));
    }
  });

  it('reads a feature longer than it streams (4 MB) from the whole text', () => {
    const story = 'A long story. '.repeat(400_000);
    const text = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { story }, geometry: point(36.2, 33.5) },
      { type: 'Feature', properties: { story: 'short' }, geometry: point(36.3, 33.6) },
    ] });
    const result = written(text, 'long.geojson', 6);
    expect(result).toEqual(whole(text, 'long.geojson'));
    expect(result.ok && result.dataset.incidents.length).toBe(2);
  });
});
