import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtInDatasetJson, readRepoFile, readSharedFile, seededDraw } from '../../test-support/fixtures';
import type { IncidentFeature } from '../incident-types';
import type { DatasetResult, IncidentSink, LoadedDataset, RowSpan } from '../validate-dataset';
import { UcdpFeatureImport } from '../event-datasets';
import { importGeoJsonText } from '../geojson/import-geojson';
import { GeoJsonImport } from '../geojson/geojson-stream';
import { PieceText } from '../csv/text-pieces';
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
  return importGeoJsonText(text, fileName, { ucdp: (ucdpSink) => new UcdpFeatureImport(ucdpSink) }, sink);
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

/**
 * Written in chunks to a sink: streamed, the dataset is the whole text's but for its incidents,
 * which the sink has, in order, and every `every`th of them reads again from its span the same.
 */
function expectStreamedToSink(text: string, fileName: string, seed: number, largest: number, read: LoadedDataset, every = 1): void {
  const sink = listSink();
  const { reread, ...streamed } = written(text, fileName, seed, largest, sink) as DatasetResult & { reread?: (span: RowSpan) => IncidentFeature };
  expect(streamed).toEqual({ ok: true, dataset: { ...read, incidents: [] } });
  expect(sink.got).toEqual(read.incidents);
  const sample = <T,>(list: T[]) => list.filter((_, i) => i % every === 0);
  expect(sample(sink.spans).map((span) => reread!(span!))).toEqual(sample(read.incidents));
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
      // Read whole, UCDP's GeoJSON lists its incidents in the dataset; streamed, they go to the sink.
      expectStreamedToSink(text, 'car-broken.geojson', seed, largest, result.dataset, 50);
    }
  });

  it('reads plain GeoJSON as it streams, as the whole text is read, with or without a sink', () => {
    const features = [
      { type: 'Feature', id: 'feature-3', properties: { name: 'Explicit id like a positional one', date: '2016-07-14' }, geometry: point(36.2, 33.5) },
      { type: 'Feature', properties: { title: 'No id', date: '15/07/2016', actors: 'Séléka; anti-Balaka' }, geometry: point(36.3, 33.6) },
      { type: 'Feature', properties: { title: 'No id either: feature-3 is taken', event_type: 'Clash' }, geometry: point(36.4, 33.7) },
      { type: 'Feature', id: 'feature-3', properties: { name: 'Repeated id' }, geometry: point(36.5, 33.8) },
      { type: 'Feature', properties: { name: 'No place' }, geometry: null },
      { type: 'Feature', properties: { name: 'An area' }, geometry: { type: 'Polygon', coordinates: [[[20, 5], [21, 5], [21, 6], [20, 5]]] } },
      { type: 'Feature', properties: { name: 'Swapped' }, geometry: point(33.5, 136.2) },
      { type: 'Feature', properties: { name: 'Three numbers', sources: ['https://example.org/report'] }, geometry: { type: 'Point', coordinates: [36.6, 33.9, 120] } },
    ];
    const text = JSON.stringify({ type: 'FeatureCollection', name: 'Checkpoints', features }, null, 1).replace('"name": "Repeated id"', '"name": "Repeated id", "name": "Named twice"');
    const result = whole(text, 'checkpoints.geojson');
    if (!result.ok) throw new Error(result.error);
    expect(result.dataset.incidents.map((i) => i.id)).toEqual(['feature-3', 'feature-2', 'feature-3-2', 'feature-8']);
    for (const [seed, largest] of [[14, 70_000], [15, 40]] as const) {
      expect(written(text, 'checkpoints.geojson', seed, largest)).toEqual(result);
      expectStreamedToSink(text, 'checkpoints.geojson', seed, largest, result.dataset);
    }
    // Without a UCDP reader, UCDP's own file is read as plain GeoJSON, and told so, streamed or whole.
    const car = readSharedFile(CAR);
    const importing = new GeoJsonImport('car.geojson', new PieceText());
    for (let at = 0; at < car.length; at += 50_000) importing.push(car.slice(at, at + 50_000));
    expect(importing.finish()).toEqual(importGeoJsonText(car, 'car.geojson'));
  });

  it('says how far it is through UCDP\'s features when it reads them from the whole text, up to 1', () => {
    const json = JSON.parse(readSharedFile(CAR)) as { features: Array<Record<string, any>> };
    json.features[0]!.geometry = { type: 'LineString', coordinates: [[20, 5], [21, 6]] }; // not read by the UCDP import
    const fractions: number[] = [];
    const result = importGeoJsonText(JSON.stringify(json), 'car.geojson', { ucdp: (sink) => new UcdpFeatureImport(sink), onProgress: (f) => fractions.push(f) });
    expect(result.ok).toBe(true);
    expect(fractions.length).toBeGreaterThan(50);
    expect(fractions.length).toBeLessThanOrEqual(101);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it('reads our format whole when its definitions or metadata come after its features (starting the sink again when it had begun)', () => {
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

  it('reads random collections, broken or not, cut anywhere, as the whole text is read', () => {
    const draw = seededDraw(21);
    const pick = <T,>(list: readonly T[]): T => list[draw(list.length)]!;
    const space = () => pick([' ', '', '\n', '\r\n  ', '\t', '']);
    const STRINGS = ['plain', 'a "quoted" word', 'back\\slash', '{[,:]}', 'Dayr az Zawr — دير الزور', 'features', '', 'Point'];
    const string = () => JSON.stringify(pick(STRINGS)).replace(/a/g, () => (draw(8) === 0 ? '\\u0061' : 'a'));
    const NAMES = ['type', 'id', 'properties', 'geometry', 'x', 'quote"d', 'coordinates', 'features', 'title', 'actors'];
    const value = (depth: number): string => {
      const kind = depth > 3 ? draw(4) : draw(6);
      if (kind === 0) return `${draw(1000) - 500}${draw(2) ? '.25e1' : ''}`;
      if (kind === 1) return pick(['null', 'true', 'false']);
      if (kind <= 3) return string();
      if (kind === 4) return `[${space()}${Array.from({ length: draw(4) }, () => value(depth + 1)).join(`,${space()}`)}${space()}]`;
      return object(depth + 1);
    };
    const object = (depth: number, members: string[] = []): string => {
      const all = [...Array.from({ length: draw(4) }, () => `${JSON.stringify(pick(NAMES))}${space()}:${space()}${value(depth)}`), ...members];
      return `{${space()}${all.join(`${space()},${space()}`)}${space()}}`;
    };
    const point = () => `{"type":"Point","coordinates":[${draw(360) - 180},${draw(180) - 90}]}`;
    const properties = () => pick([
      () => `{"type_of_violence":1,"side_a":"A","side_b":"B","best":${draw(9)},"id":${draw(99)},"date_start":"2016-07-0${1 + draw(9)}","where_prec":1,"date_prec":1}`,
      () => `{"title":${string()},"eventType":"clash","date":"2016-07-14","story":"s","actors":[{"actor":"a","role":"party"}],"sources":[{"source":"s","status":"reported"}]}`,
      () => value(2),
    ])();
    const feature = () => (draw(10) === 0 ? value(3) : object(1, ['"type":"Feature"', `"geometry":${draw(5) ? point() : value(2)}`, `"properties":${properties()}`, ...(draw(2) ? [`"id":${draw(2) ? string() : draw(20)}`] : [])]));
    const DEFINITIONS = ['"actors":{"a":{"name":"A","colour":"#112233"}}', '"sources":{"s":{"name":"S"}}', '"eventTypes":{"clash":{"label":"Clash","shape":"circle"}}'];
    const member = () => pick([() => pick(DEFINITIONS), () => `${JSON.stringify(pick(['name', 'crs', 'bbox', 'dataset', 'type']))}:${space()}${value(1)}`])();
    let read = 0, loaded = 0, streamedWithSink = 0;
    for (let run = 0; run < 400; run++) {
      const list = `[${space()}${Array.from({ length: draw(12) }, feature).join(`${space()},${space()}`)}${space()}]`;
      const before = [...(draw(4) ? ['"type":"FeatureCollection"'] : []), ...Array.from({ length: draw(4) }, member)];
      let text = `${draw(10) === 0 ? '\ufeff' : ''}{${space()}${[...before, `"features"${space()}:${space()}${list}`, ...Array.from({ length: draw(3) }, member)].join(`,${space()}`)}}`;
      if (draw(5) === 0) {
        const at = draw(text.length);
        text = pick([text.slice(0, at) + text.slice(at + 1), text.slice(0, at + 1) + text.slice(at), `${text.slice(0, at)}${pick([...',[]{}":'])}${text.slice(at + 1)}`]);
      }
      const expected = whole(text, 'random.geojson');
      if (expected.ok) read++;
      if (expected.ok && expected.dataset.incidents.length > 0) loaded++;
      for (const largest of [3, 200, 100_000]) expect(written(text, 'random.geojson', run, largest), text).toEqual(expected);
      // With a sink: streamed, every incident goes to it (and is read again from its span); read
      // whole, as the whole text gives them.
      const [sink, wholeSink] = [listSink(), listSink()];
      const { reread, ...withSink } = written(text, 'random.geojson', run, 500, sink) as DatasetResult & { reread?: (span: RowSpan) => IncidentFeature };
      const expectedWithSink = whole(text, 'random.geojson', wholeSink);
      if (reread && expectedWithSink.ok) {
        streamedWithSink++;
        const all = [...wholeSink.got, ...expectedWithSink.dataset.incidents];
        expect(withSink, text).toEqual({ ok: true, dataset: { ...expectedWithSink.dataset, incidents: [] } });
        expect(sink.got, text).toEqual(all);
        expect(sink.spans.map((span) => reread(span!)), text).toEqual(all);
      } else {
        expect(withSink, text).toEqual(expectedWithSink);
        expect(sink.got, text).toEqual(wholeSink.got);
      }
    }
    // Files that open, and some with incidents that load, not only errors, are compared (the
    // fixed files above load thousands).
    expect(read).toBeGreaterThan(60);
    expect(loaded).toBeGreaterThan(5);
    expect(streamedWithSink).toBeGreaterThan(40);
  });

  it('lets what the sink throws through, rather than reading the file again', () => {
    const sink = { add: () => { throw new Error('No room'); }, clear: () => {} };
    expect(() => written(readRepoFile('data/incidents.geojson'), 'incidents.geojson', 1, 70_000, sink)).toThrow('No room');
  });

  it('leaves the sink empty when the file cannot be opened after all', () => {
    const text = readRepoFile('data/incidents.geojson').replace(/\]\s*\}\s*$/, '], "bbox": "everywhere"}');
    const sink = listSink();
    const result = written(text, 'bbox.geojson', 2, 70_000, sink);
    expect(result).toEqual(whole(text, 'bbox.geojson'));
    expect(result.ok).toBe(false);
    expect(sink.got).toEqual([]);
  });

  it('reads whole a file whose root member is named again after its features, past the hundred repeats looked for', () => {
    const builtIn = readRepoFile('data/incidents.geojson');
    const repeats = Array.from({ length: 101 }, (_, k) => `"r${k}": 1, "r${k}": 2,`).join(' ');
    const withRepeats = builtIn.replace('"properties": {', `"properties": { ${repeats}`);
    const late = [
      withRepeats.replace(/\]\s*\}\s*$/, '], "eventTypes": {"other": {"label": "Other", "shape": "star"}}}'),
      withRepeats.replace(/\]\s*\}\s*$/, '], "type": "Feature"}'),
    ];
    for (const text of late) {
      const [sink, wholeSink] = [listSink(), listSink()];
      const result = written(text, 'late.geojson', 13, 5000, sink);
      expect(result).toEqual(whole(text, 'late.geojson', wholeSink));
      expect(sink.got).toEqual(wholeSink.got);
    }
    // The whole text keeps the last "eventTypes": no incident's type is defined by it.
    const read = whole(late[0]!, 'late.geojson');
    expect(read.ok && Object.keys(read.dataset.eventTypes)).toEqual(['other']);
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
    const parse = vi.spyOn(JSON, 'parse');
    const result = written(text, 'long.geojson', 6);
    // Read whole: the whole text went to JSON.parse.
    expect(parse.mock.calls.some(([json]) => json.length === text.length)).toBe(true);
    expect(result).toEqual(whole(text, 'long.geojson'));
    expect(result.ok && result.dataset.incidents.length).toBe(2);
  });
});
