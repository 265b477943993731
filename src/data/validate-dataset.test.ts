import { describe, expect, it } from 'vitest';
import { builtInDatasetJson, readRepoFile } from '../test-support/fixtures';
import { parseDatasetText } from './parse-dataset';
import { validateDataset, type LoadedDataset } from './validate-dataset';

function load(json: unknown): LoadedDataset {
  const result = validateDataset(json, 'test.geojson');
  if (!result.ok) throw new Error(`expected a dataset, got error: ${result.error}`);
  return result.dataset;
}

/** Deep-copies a feature of the built-in dataset and applies a change to it. */
function withBrokenFeature(index: number, breakIt: (feature: Record<string, any>) => void) {
  const json = builtInDatasetJson();
  breakIt(json.features[index] as Record<string, any>);
  return json;
}

describe('the built-in dataset', () => {
  it('loads every incident with nothing rejected and no warnings', () => {
    const result = parseDatasetText(readRepoFile('data/incidents.geojson'), 'data/incidents.geojson');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dataset.rejected).toEqual([]);
    expect(result.dataset.warnings).toEqual([]);
    expect(result.dataset.incidents).toHaveLength(result.dataset.featureCount);
    expect(result.dataset.featureCount).toBeGreaterThanOrEqual(10);
  });
});

describe('a feature that breaks the format', () => {
  const cases: Array<[string, (f: Record<string, any>) => void, string, RegExp]> = [
    ['no title', (f) => { delete f.properties.title; }, 'properties.title', /non-empty text, but is missing/],
    ['latitude out of range', (f) => { f.geometry.coordinates = [36.5, 200]; }, 'geometry.coordinates[1] (latitude)', /between -90 and 90/],
    ['coordinates as text', (f) => { f.geometry.coordinates = ['36.5', '32.5']; }, 'geometry.coordinates[0] (longitude)', /should be a number, but is the text "36.5"/],
    ['a polygon', (f) => { f.geometry = { type: 'Polygon', coordinates: [] }; }, 'geometry.type', /should be "Point"/],
    ['an undefined actor', (f) => { f.properties.actors[0].actor = 'nobody'; }, 'properties.actors[0].actor', /actor "nobody", which the dataset does not define/],
    ['an undefined source', (f) => { f.properties.sources[0].source = 'rumour'; }, 'properties.sources[0].source', /source "rumour"/],
    ['a javascript: link', (f) => { f.properties.sources[0].url = 'javascript:alert(1)'; }, 'properties.sources[0].url', /http\(s\) link/],
    ['an impossible date', (f) => { f.properties.date.start = '2016-02-30'; }, 'properties.date.start', /YYYY-MM-DD/],
    ['an end before its start', (f) => { f.properties.date = { start: '2016-07-15', end: '2016-07-14', precision: 'range' }; }, 'properties.date.end', /before the start/],
    ['an unknown claim status', (f) => { f.properties.sources[0].status = 'rumoured'; }, 'properties.sources[0].status', /"reported", "claimed", "alleged"/],
    ['sources as a text', (f) => { f.properties.sources = 'SOHR'; }, 'properties.sources', /should be a list, but is the text "SOHR"/],
    ['a negative uncertainty', (f) => { f.properties.place.uncertaintyKm = -1; }, 'properties.place.uncertaintyKm', /between 0 and/],
    ['no id', (f) => { delete f.id; }, 'id', /stable id/],
  ];

  it.each(cases)('with %s is rejected, naming the feature and the field; the rest still load', (_, breakIt, field, message) => {
    const json = withBrokenFeature(3, breakIt);
    const dataset = load(json);
    expect(dataset.incidents).toHaveLength(json.features.length - 1);
    expect(dataset.rejected).toHaveLength(1);
    const [rejection] = dataset.rejected;
    expect(rejection?.index).toBe(3);
    expect(rejection?.where).toMatch(/^feature 4\b/);
    expect(rejection?.reasons).toContainEqual({ field, message: expect.stringMatching(message) });
    expect(dataset.incidents.length + dataset.rejected.length).toBe(dataset.featureCount);
  });

  it('lists every problem of a feature, not just the first', () => {
    const dataset = load(withBrokenFeature(0, (f) => { delete f.properties.title; f.properties.layer = 'war'; f.geometry.coordinates = [500, 0]; }));
    expect(dataset.rejected[0]?.reasons.map((r) => r.field)).toEqual(
      expect.arrayContaining(['properties.title', 'properties.layer', 'geometry.coordinates[0] (longitude)']),
    );
  });

  it('names the feature by its id when it has one', () => {
    const json = withBrokenFeature(2, (f) => { f.properties.story = 42; });
    const id = (json.features[2] as { id: string }).id;
    expect(load(json).rejected[0]?.where).toBe(`feature 3 (id "${id}")`);
  });

  it('loads an incident whose data names no actor, source, date or story (plain data), as it is', () => {
    const dataset = load(withBrokenFeature(1, (f) => {
      f.properties.actors = []; f.properties.sources = []; f.properties.story = ''; delete f.properties.date;
      f.properties.casualties = [];
    }));
    expect(dataset.rejected).toEqual([]);
    expect(dataset.incidents[1]?.properties).toMatchObject({ actors: [], sources: [], story: '' });
    expect(dataset.incidents[1]?.properties.date).toBeUndefined();
  });

  it('rejects a second feature with an id already used, keeping the first', () => {
    const json = builtInDatasetJson();
    json.features.push(structuredClone(json.features[0]!));
    const dataset = load(json);
    expect(dataset.incidents).toHaveLength(json.features.length - 1);
    expect(dataset.rejected[0]).toMatchObject({ index: json.features.length - 1, reasons: [{ field: 'id', message: expect.stringMatching(/already used by feature 1/) }] });
  });
});

describe('definitions', () => {
  it('rejects an actor with a bad colour, and then the features that need it, with reasons', () => {
    const json = builtInDatasetJson();
    (json.actors as Record<string, { colour: string }>).isis!.colour = 'black';
    const dataset = load(json);
    expect(dataset.rejected[0]).toMatchObject({ where: 'actor "isis"', reasons: [{ field: 'colour' }] });
    // As an acting party or as a target, a reference to a rejected actor can't be shown faithfully.
    const isisFeatures = json.features.filter((f) => JSON.stringify(f.properties).includes('"actor":"isis"'));
    expect(isisFeatures.length).toBeGreaterThan(0);
    expect(dataset.rejected).toHaveLength(1 + isisFeatures.length);
    expect(dataset.incidents.length + isisFeatures.length).toBe(dataset.featureCount);
  });

  it('warns, without rejecting, when metadata is missing', () => {
    const json = builtInDatasetJson();
    delete json.dataset;
    const dataset = load(json);
    expect(dataset.rejected).toEqual([]);
    expect(dataset.warnings).toContainEqual({ where: 'the dataset', message: expect.stringMatching(/no "dataset" metadata/) });
    expect(dataset.metadata.title).toBe('test.geojson');
  });
});

describe('an unreadable file', () => {
  it('is an error that says where the JSON breaks', () => {
    const result = parseDatasetText('{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature",}\n  ]\n}', 'broken.geojson');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^broken\.geojson is not valid JSON.*line 4/) });
  });

  it.each([
    ['[]', /not a GeoJSON object/],
    ['{"type": "Feature"}', /not a GeoJSON FeatureCollection: its "type" is "Feature"/],
    ['{"type": "FeatureCollection"}', /has no "features" list/],
    ['   ', /is empty/],
  ])('%s is refused with a plain message', (text, message) => {
    const result = parseDatasetText(text, 'x.geojson');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const result = parseDatasetText(`\uFEFF${readRepoFile('data/incidents.geojson')}`, 'bom.geojson');
    expect(result.ok).toBe(true);
  });
});
