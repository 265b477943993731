import { ACTOR_PALETTE } from '../event-definitions';
import { describe, expect, it, vi } from 'vitest';
import { builtInDatasetJson, readRepoFile, readSharedFile } from '../../test-support/fixtures';
import { parseDatasetText } from '../parse-dataset';
import { validateDataset, type DatasetResult, type LoadedDataset } from '../validate-dataset';
import { validateIncident } from '../validate-incident';
import { importGeoJsonText } from './import-geojson';
import { PlainFeatureReader } from './plain-feature';
import { looksLikeUcdp, type GeoJsonRecord, type RecordImport } from './ucdp-features';

function load(json: unknown, fileName = 'test.geojson'): LoadedDataset {
  const result = importGeoJsonText(typeof json === 'string' ? json : JSON.stringify(json), fileName);
  if (!result.ok) throw new Error(`expected a dataset, got error: ${result.error}`);
  expectAccounted(result);
  return result.dataset;
}

function expectAccounted(result: DatasetResult): void {
  if (!result.ok) return;
  const listed = result.dataset.rejected.filter((r) => r.index !== undefined).length;
  expect(result.dataset.incidents.length + listed).toBe(result.dataset.featureCount);
}

/** Plain incidents must pass our own validator, so that exporting and re-importing them loses nothing. */
function expectValidIncidents(dataset: LoadedDataset): void {
  const defs = { actors: new Set(Object.keys(dataset.actors)), sources: new Set(Object.keys(dataset.sources)), eventTypes: new Set(Object.keys(dataset.eventTypes)) };
  for (const incident of dataset.incidents) expect(validateIncident(incident, defs)).toEqual({ ok: true, incident });
}

const point = (coordinates: number[] = [36.2, 33.5]) => ({ type: 'Point', coordinates });
const feature = (geometry: unknown, properties: unknown = {}, extra: Record<string, unknown> = {}) => ({ type: 'Feature', ...extra, properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const crs = (name: string) => ({ type: 'name', properties: { name } });

describe('our own dataset format', () => {
  it('loads data/incidents.geojson exactly as validateDataset does (lossless)', () => {
    const text = readRepoFile('data/incidents.geojson');
    const imported = importGeoJsonText(text, 'data/incidents.geojson');
    expect(imported).toEqual(parseDatasetText(text, 'data/incidents.geojson'));
    const direct = validateDataset(builtInDatasetJson(), 'data/incidents.geojson');
    if (!imported.ok || !direct.ok) throw new Error('expected both to load');
    expect(imported.dataset.incidents).toEqual(direct.dataset.incidents);
    expect(imported.dataset.incidents.length).toBeGreaterThanOrEqual(10);
  });

  it('adds structural GeoJSON problems to validateDataset\'s verdict', () => {
    const json = builtInDatasetJson();
    json.features[2]!.bbox = [1, 2, 3];
    const dataset = load(json);
    expect(dataset.incidents).toHaveLength(json.features.length - 1);
    expect(dataset.rejected).toEqual([expect.objectContaining({ index: 2, where: expect.stringMatching(/^feature 3 \(id "/), reasons: [{ field: 'bbox', message: expect.stringMatching(/4 numbers/) }] })]);
  });

  it('refuses the file when a top-level member is named twice, and rejects only the feature when one of its own is', () => {
    const top = JSON.stringify(builtInDatasetJson(), null, 2).replace('"title": ', '"title": "first", "title": ');
    expect(importGeoJsonText(top, 'x.geojson')).toEqual({ ok: false, error: expect.stringMatching(/"dataset.title" is given twice .*line \d+/) });

    const whole = JSON.stringify(builtInDatasetJson(), null, 2);
    const at = whole.indexOf('"features"');
    const text = whole.slice(0, at) + whole.slice(at).replace('"title": ', '"title": "first", "title": ');
    const dataset = load(text);
    expect(dataset.rejected).toEqual([expect.objectContaining({ index: 0, reasons: [{ field: 'properties.title', message: expect.stringMatching(/given twice/) }] })]);
  });
});

describe('files that cannot be opened', () => {
  it.each([
    ['not JSON', '{"type": "Feature",\n  "geometry": null,,}', /not valid JSON.*line 2, column \d+/],
    ['empty', '  \n', /is empty/],
    ['a list', '[]', /is not GeoJSON: the top level should be a GeoJSON object, but is an empty list/],
    ['a TopoJSON topology', '{"type": "Topology", "objects": {}}', /"type" is "Topology", which is not a GeoJSON type/],
    ['in Web Mercator', JSON.stringify({ ...collection(feature(point([4035000, 3962000]))), crs: crs('urn:ogc:def:crs:EPSG::3857') }), /"crs" names the coordinate reference system "urn:ogc:def:crs:EPSG::3857": coordinates in another reference system can't be placed on the map/],
    ['a single Feature in UTM', JSON.stringify(feature(point([500000, 4000000]), {}, { crs: crs('EPSG:32637') })), /"crs" names .*"EPSG:32637"/],
  ])('%s is an error naming what is wrong', (_, text, message) => {
    const result = importGeoJsonText(text, 'upload.geojson');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(message) });
    if (!result.ok) expect(result.error).toMatch(/^upload\.geojson /);
  });
});

describe('plain GeoJSON', () => {
  it('reads a single Feature, taking the common properties and keeping the rest', () => {
    const dataset = load(feature(point([36.2, 33.5, 712]), {
      title: 'Shelling of Barad', date: '2016-07-15', description: 'Government forces shelled the village.', place: 'Barad',
      deaths: 3, verified: true, tags: ['shelling'], meta: { by: 'me' }, empty: null,
    }, { id: 'barad-1' }), 'barad.geojson');
    expect(dataset.metadata.title).toBe('barad.geojson');
    expect(dataset.warnings).toEqual([]);
    expect(dataset.incidents).toEqual([{
      type: 'Feature', id: 'barad-1', geometry: { type: 'Point', coordinates: [36.2, 33.5] },
      properties: {
        title: 'Shelling of Barad', date: { start: '2016-07-15', end: '2016-07-15', precision: 'day', note: 'From the "date" property.' },
        place: { name: 'Barad', precision: 'unknown', uncertaintyKm: 0, note: expect.any(String) },
        eventType: 'feature', layer: 'conflict', actors: [], targets: [], casualties: [], story: 'Government forces shelled the village.', sources: [],
        origin: { format: 'geojson', row: 0 },
        extra: { deaths: '3', verified: 'true', tags: '["shelling"]', meta: '{"by":"me"}', 'coordinates after longitude, latitude': '[712]' },
      },
    }]);
    expect(dataset.eventTypes).toEqual({ feature: { label: 'Feature', shape: 'circle' } });
    expectValidIncidents(dataset);
  });

  it('lists every non-point feature as not loaded, naming its type; the counts add up', () => {
    const dataset = load(collection(
      feature(point(), {}, { id: 'p' }),
      feature({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }, {}, { id: 'line' }),
      feature({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }),
      feature({ type: 'MultiPoint', coordinates: [[0, 0], [1, 1]] }),
      feature({ type: 'MultiPoint', coordinates: [[36, 33]] }, {}, { id: 'one' }),
      feature({ type: 'GeometryCollection', geometries: [point(), point()] }),
      feature(null),
    ));
    expect(dataset.featureCount).toBe(7);
    expect(dataset.incidents.map((i) => [i.id, i.geometry.coordinates])).toEqual([['p', [36.2, 33.5]], ['one', [36, 33]]]);
    expect(dataset.rejected.map((r) => [r.where, r.reasons])).toEqual([
      ['feature 2 (id "line")', [{ field: 'geometry.type', message: 'is a LineString; only Point features can be shown as incidents' }]],
      ['feature 3', [{ field: 'geometry.type', message: 'is a Polygon; only Point features can be shown as incidents' }]],
      ['feature 4', [{ field: 'geometry.type', message: expect.stringMatching(/^is a MultiPoint of 2 points; only single points/) }]],
      ['feature 6', [{ field: 'geometry.type', message: 'is a GeometryCollection; only Point features can be shown as incidents' }]],
      ['feature 7', [{ field: 'geometry', message: expect.stringMatching(/is null: the feature has no location/) }]],
    ]);
  });

  it('reads a bare Point geometry as one feature, and lists a bare Polygon as not loaded', () => {
    expect(load(point()).incidents).toHaveLength(1);
    const polygon = load({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    expect(polygon.rejected).toEqual([expect.objectContaining({ index: 0, where: expect.stringMatching(/single Polygon geometry/), reasons: [expect.objectContaining({ field: 'type' })] })]);
  });

  it('accepts a crs naming CRS84 or EPSG:4326, with a warning', () => {
    for (const name of ['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:OGC::CRS84', 'EPSG:4326']) {
      const dataset = load({ ...collection(feature(point(), {}, { id: 1 })), crs: crs(name) });
      expect(dataset.incidents).toHaveLength(1);
      expect(dataset.warnings).toEqual([{ where: 'the file', message: expect.stringContaining(`"crs" is an old-style member (GeoJSON 2008) naming "${name}"`) }]);
    }
  });

  it('rejects only the feature whose own crs is another system', () => {
    const dataset = load(collection(feature(point(), {}, { id: 'a' }), feature(point(), {}, { id: 'b', crs: crs('EPSG:3857') })));
    expect(dataset.incidents.map((i) => i.id)).toEqual(['a']);
    expect(dataset.rejected[0]?.reasons).toEqual([{ field: 'crs', message: expect.stringMatching(/can't be placed on the map/) }]);
  });

  it('tolerates foreign members, and takes the title from the file\'s own name for itself', () => {
    const dataset = load({ ...collection(feature({ ...point(), custom: true }, { a: 1 }, { id: 1, custom: { x: 1 } })), name: 'Checkpoints, May', custom: [1] });
    expect(dataset.metadata.title).toBe('Checkpoints, May');
    expect(dataset.incidents).toHaveLength(1);
    expect(dataset.rejected).toEqual([]);
  });

  it('loads a feature with null properties, titled by its position', () => {
    const dataset = load(collection(feature(point(), null, { id: 'x' })));
    expect(dataset.incidents[0]?.properties).toEqual(expect.objectContaining({ title: 'Feature 1', story: '', actors: [], sources: [] }));
    expect(dataset.incidents[0]?.properties.extra).toBeUndefined();
    expect(dataset.incidents[0]?.properties.place.name).toBe('33.5° N, 36.2° E');
  });

  it('takes number and string ids as they are, and refuses a second feature with the same id', () => {
    const dataset = load(collection(feature(point(), {}, { id: 7 }), feature(point(), {}, { id: 'seven' }), feature(point(), {}, { id: '7' })));
    expect(dataset.incidents.map((i) => i.id)).toEqual(['7', 'seven']);
    expect(dataset.rejected).toEqual([{ where: 'feature 3 (id "7")', index: 2, id: '7', reasons: [{ field: 'id', message: expect.stringMatching(/already used by feature 1/) }] }]);
  });

  it('uses an id property when the feature has no id, and only then its position, with a warning', () => {
    const dataset = load(collection(feature(point(), { event_id: 'SYR-1' }), feature(point(), { ID: 42 }), feature(point(), { name: 'x' })));
    expect(dataset.incidents.map((i) => i.id)).toEqual(['SYR-1', '42', 'feature-3']);
    expect(dataset.warnings).toEqual([{ where: 'feature 3 (id "feature-3")', message: expect.stringMatching(/from its position in the file; links to it will point elsewhere if the file's features are reordered/) }]);
  });

  it('names the first five features without an id, and counts the rest in one warning', () => {
    const dataset = load(collection(...Array.from({ length: 8 }, (_, k) => feature(point(), { name: `P${k}` }))));
    expect(dataset.incidents.map((i) => i.id)).toEqual(Array.from({ length: 8 }, (_, k) => `feature-${k + 1}`));
    expect(dataset.warnings.map((w) => w.where)).toEqual([1, 2, 3, 4, 5].map((n) => `feature ${n} (id "feature-${n}")`).concat('the file'));
    expect(dataset.warnings.at(-1)!.message).toMatch(/^has 3 more features without an id than the 5 named above/);
  });

  it('reads actors, sources and event types from obvious properties, with stable ids', () => {
    const dataset = load(collection(
      feature(point(), { id: 1, actors: 'Séléka; Anti-balaka', source: 'https://example.org/report/1', category: 'Armed clash' }),
      feature(point(), { id: 2, actor: 'Séléka', sources: ['Reuters', 'AP'], category: 'Protest' }),
      feature(point(), { id: 3 }),
    ));
    expect(dataset.actors).toEqual({ seleka: { name: 'Séléka', colour: ACTOR_PALETTE[0] }, 'anti-balaka': { name: 'Anti-balaka', colour: ACTOR_PALETTE[1] } });
    expect(dataset.incidents.map((i) => i.properties.actors)).toEqual([
      [{ actor: 'seleka', role: 'party' }, { actor: 'anti-balaka', role: 'party' }], [{ actor: 'seleka', role: 'party' }], [],
    ]);
    expect(dataset.sources).toEqual({ 'example-org': { name: 'example.org', url: 'https://example.org/report/1' }, reuters: { name: 'Reuters' }, ap: { name: 'AP' } });
    expect(dataset.incidents[0]?.properties.sources).toEqual([{ source: 'example-org', status: 'reported', url: 'https://example.org/report/1' }]);
    expect(dataset.eventTypes).toEqual({ feature: { label: 'Feature', shape: 'circle' }, 'armed-clash': { label: 'Armed clash', shape: 'square' }, protest: { label: 'Protest', shape: 'triangle' } });
    expect(dataset.incidents.map((i) => i.properties.eventType)).toEqual(['armed-clash', 'protest', 'feature']);
    expectValidIncidents(dataset);
  });

  it('reads dates it can be sure of, keeps the others as text, and says so', () => {
    const dataset = load(collection(
      feature(point(), { id: 'a', start_date: '2016-07-14', end_date: '2016-07-15' }),
      feature(point(), { id: 'b', date: '2016-07' }),
      feature(point(), { id: 'c', time: 1468540800000 }),
      feature(point(), { id: 'd', date: '15/07/2016' }),
      feature(point(), { id: 'e', event_date: '2016-07-15T23:30:00-05:00' }),
    ));
    expect(dataset.incidents.map((i) => i.properties.date && [i.properties.date.start, i.properties.date.end, i.properties.date.precision])).toEqual([
      ['2016-07-14', '2016-07-15', 'range'], ['2016-07-01', '2016-07-31', 'month'], ['2016-07-15', '2016-07-15', 'day'], undefined, ['2016-07-15', '2016-07-15', 'day'],
    ]);
    expect(dataset.incidents[3]?.properties.extra).toEqual({ date: '15/07/2016' });
    expect(dataset.incidents[4]?.properties.extra).toEqual({ event_date: '2016-07-15T23:30:00-05:00' });
    expect(dataset.warnings).toEqual([{ where: 'feature 4 (id "d")', message: expect.stringMatching(/properties.date is "15\/07\/2016", which is not a date .* the incident has no date/) }]);
  });

  it('reads years, months and leap days by the calendar, early years included, and refuses days it lacks', () => {
    const dataset = load(collection(
      feature(point(), { id: 'a', date: '2016' }),
      feature(point(), { id: 'b', date: '2016-02' }),
      feature(point(), { id: 'c', date: '2015-02' }),
      feature(point(), { id: 'd', date: '0050-03-01' }),
      feature(point(), { id: 'e', date: '2015-02-29' }),
      feature(point(), { id: 'f', time: 8.64e15 }),
    ));
    expect(dataset.incidents.map((i) => i.properties.date && [i.properties.date.start, i.properties.date.end])).toEqual([
      ['2016-01-01', '2016-12-31'], ['2016-02-01', '2016-02-29'], ['2015-02-01', '2015-02-28'], ['0050-03-01', '0050-03-01'], undefined, undefined,
    ]);
  });

  it('refuses points that are not longitude and latitude, with a hint', () => {
    const dataset = load(collection(feature(point([33.5, 136.2]), {}, { id: 'swapped' }), feature(point([4035000, 3962000]), {}, { id: 'metres' })));
    expect(dataset.rejected.map((r) => r.reasons[0])).toEqual([
      { field: 'geometry.coordinates', message: expect.stringMatching(/^is \[33.5,136.2\], which is not a place .*swapped\?/) },
      { field: 'geometry.coordinates', message: expect.stringMatching(/metres in a projected system/) },
    ]);
  });

  it('lists a structurally broken feature with every reason, and still loads the rest', () => {
    const dataset = load(collection(feature(point(), {}, { id: 'ok' }), { type: 'Feature', id: {}, geometry: { type: 'Point', coordinates: [1, '2'] }, bbox: 'x' }));
    expect(dataset.incidents.map((i) => i.id)).toEqual(['ok']);
    expect(dataset.rejected[0]).toEqual({ where: 'feature 2', index: 1, reasons: [
      { field: 'bbox', message: expect.any(String) }, { field: 'id', message: expect.any(String) },
      { field: 'properties', message: expect.stringMatching(/is missing/) }, { field: 'geometry.coordinates[1]', message: 'should be a number, but is the text "2"' },
    ] });
  });

  it('says of a broken polygon both what is broken and that it would not be a point anyway', () => {
    const dataset = load(collection(feature({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] })));
    expect(dataset.rejected[0]?.reasons).toEqual([
      { field: 'geometry.coordinates[0]', message: expect.stringMatching(/at least 4 positions/) },
      { field: 'geometry.type', message: 'is a Polygon; only Point features can be shown as incidents' },
    ]);
  });

  it('reads a file with a "sources" list of its own as plain GeoJSON, not as our format', () => {
    const dataset = load({ ...collection(feature(point(), { title: 'x' }, { id: 1 })), sources: ['OCHA'] });
    expect(dataset.incidents.map((i) => i.properties.title)).toEqual(['x']);
  });

  it('reports warnings of a loaded feature under its where', () => {
    const dataset = load(collection(feature(point([36.2, 33.5, 700, 1]), {}, { id: 'z' })));
    expect(dataset.warnings).toEqual([{ where: 'feature 1 (id "z")', message: expect.stringMatching(/^geometry.coordinates has 4 numbers/) }]);
    expect(dataset.incidents[0]?.properties.extra).toEqual({ 'coordinates after longitude, latitude': '[700,1]' });
  });

  it('defines every actor, source and event type it names, even one called "constructor" or "Feature"', () => {
    const dataset = load(collection(
      feature(point(), { title: 'a', event_type: 'Feature', actors: 'Constructor; toString', sources: 'hasOwnProperty' }, { id: 'a' }),
      feature(point(), { title: 'b', event_type: 'constructor' }, { id: 'b' }),
    ));
    for (const incident of dataset.incidents) {
      expect(Object.hasOwn(dataset.eventTypes, incident.properties.eventType)).toBe(true);
      for (const { actor } of incident.properties.actors) expect(Object.hasOwn(dataset.actors, actor)).toBe(true);
      for (const { source } of incident.properties.sources) expect(Object.hasOwn(dataset.sources, source)).toBe(true);
    }
    expect(dataset.actors.constructor).toEqual({ name: 'Constructor', colour: expect.any(String) });
    expect(Object.keys(dataset.eventTypes).sort()).toEqual(['constructor', 'feature']);
  });

  it('reads a feature again as it was read, and never defines anything new doing so', () => {
    const reader = new PlainFeatureReader([]);
    const first = feature(point(), { title: 'a', event_type: 'Clash', actors: 'Séléka' });
    const read = reader.read(first, 0, { coordinates: [36.2, 33.5], rest: [] });
    if (!read.ok) throw new Error('not read');
    expect(reader.readAgain(first, 0, { coordinates: [36.2, 33.5], rest: [] })).toEqual(read.incident);
    const before = JSON.stringify([reader.actors, reader.sources, reader.eventTypes]);
    const never = feature(point(), { title: 'b', actors: 'Someone new' });
    expect(() => reader.readAgain(never, 1, { coordinates: [36.2, 33.5], rest: [] })).toThrow(/not defined when the feature was first read/);
    expect(JSON.stringify([reader.actors, reader.sources, reader.eventTypes])).toBe(before);
  });
});

describe('UCDP GED as GeoJSON (Central African Republic, UCDP GED 23.1)', () => {
  const text = readSharedFile('datasets/ucdp-ged-23.1-central-african-republic.geojson');

  it('is recognised by its properties', () => {
    const json = JSON.parse(text) as { features: Array<{ properties: unknown }> };
    expect(json.features.every((f) => looksLikeUcdp(f.properties))).toBe(true);
    expect(looksLikeUcdp({ title: 'x', best: 1 })).toBe(false);
    expect(looksLikeUcdp(null)).toBe(false);
  });

  it('without a UCDP reader, loads all 1,848 events as plain incidents and says how it read them', () => {
    const dataset = load(text, 'car.geojson');
    expect(dataset.featureCount).toBe(1848);
    expect(dataset.incidents).toHaveLength(1848);
    expect(dataset.rejected).toEqual([]);
    expect(dataset.metadata.title).toBe('GEDEvent_v23_1');
    expect(dataset.warnings).toEqual([
      { where: 'the file', message: expect.stringMatching(/"crs" .*CRS84/) },
      { where: 'the file', message: expect.stringMatching(/looks like UCDP GED data, but was read as plain GeoJSON/) },
    ]);
    const first = dataset.incidents[0]!;
    expect(first.id).toBe('36210');
    expect(first.properties.date).toEqual(expect.objectContaining({ start: '2009-02-20', end: '2009-02-20', precision: 'day' }));
    expect(first.properties.extra).toEqual(expect.objectContaining({ side_a: 'Government of Uganda', side_b: 'LRA', best: '3', date_start: '2009-02-20T00:00:00' }));
    expectValidIncidents(dataset);
  });

  it('hands the records to a UCDP reader when one is supplied, and adds up what it loads and rejects', () => {
    const records: GeoJsonRecord[] = [];
    const ucdp = vi.fn((): RecordImport => ({
      add: (record) => void records.push(record),
      finish: (fileName, featureCount): LoadedDataset => ({
        metadata: { title: `UCDP: ${fileName}`, description: '', digestDate: '', attribution: 'UCDP', licence: 'CC BY 4.0' },
        actors: {}, sources: {}, eventTypes: {}, incidents: [], warnings: [], featureCount, itemUnit: 'feature',
        rejected: records.map((r) => ({ where: `feature ${r.index + 1}`, index: r.index, reasons: [{ field: 'x', message: 'test' }] })),
      }),
      rereader: () => () => { throw new Error('not read again'); },
    }));
    const result = importGeoJsonText(text, 'car.geojson', { ucdp });
    expect(ucdp).toHaveBeenCalledOnce();
    expect(records).toHaveLength(1848);
    expect(records[0]).toEqual({ index: 0, coordinates: [26.486881, 5.399784], properties: expect.objectContaining({ id: 36210, side_a: 'Government of Uganda' }) });
    if (!result.ok) throw new Error(result.error);
    expect(result.dataset.metadata.title).toBe('UCDP: car.geojson');
    expect(result.dataset.featureCount).toBe(1848);
    expectAccounted(result);
  });
});
