import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSharedFile, sharedDir } from '../../test-support/fixtures';
import type { DatasetResult } from '../validate-dataset';
import { checkGeoJson, duplicateKeyIssues, formatIssue, type GeoJsonIssue } from './check-geojson';
import { findDuplicateKeys } from './find-duplicate-keys';
import { importGeoJsonText } from './import-geojson';

/**
 * Conformance with geojsonhint's own fixtures (../shared/conformance/geojsonhint). Each file has a
 * decision below; a file added to the folder without one fails the test, and so does a decision
 * for a file that is gone. `at` is the path of (one of) the issues geojsonhint reports there, so
 * each verdict is checked to name the right place, not just to be an error somewhere.
 *
 * Verdicts are geojsonhint 3.3.0's under its defaults (checked against the published package):
 * errors are errors, its `level: "message"` notes are our warnings. Where we differ from it:
 * - coordinate precision: neither reports it by default (excessive_precision_truncated: silent);
 * - `crs`: 3.3.0 ignores it; we accept WGS 84 longitude/latitude with a warning and refuse other
 *   systems (no fixture has a crs; see import-geojson.test.ts);
 * - duplicate keys are found by our own scanner (find-duplicate-keys.ts), not a JSON grammar.
 */
type Verdict =
  | { kind: 'clean' }
  | { kind: 'error' | 'warning'; at: string; says: RegExp }
  | { kind: 'silent' }
  | { kind: 'not JSON' };

const CLEAN: Verdict = { kind: 'clean' };
const error = (at: string, says: RegExp): Verdict => ({ kind: 'error', at, says });
const warning = (at: string, says: RegExp): Verdict => ({ kind: 'warning', at, says });

const VERDICTS: Record<string, Verdict> = {
  'good/good-feature-with-id.geojson': CLEAN,
  'good/good-feature-with-string-id.geojson': CLEAN,
  'good/good-feature.geojson': CLEAN,
  'good/good-featurecollection-bbox.geojson': CLEAN,
  'good/good-featurecollection-bbox3d.geojson': CLEAN,
  'good/good-featurecollection-extensions.geojson': CLEAN,
  'good/good-featurecollection.geojson': CLEAN,
  'good/good-geometrycollection.geojson': CLEAN,
  'good/good-linestring.geojson': CLEAN,
  'good/good-multilinestring.geojson': CLEAN,
  'good/good-multipoint.geojson': CLEAN,
  'good/good-point-3d.geojson': CLEAN,
  'good/good-point.geojson': CLEAN,
  'good/good-polygon.geojson': CLEAN,
  'good/issue82.geojson': CLEAN,
  'good/multipolygon.geojson': CLEAN,
  'good/nullgeometry.geojson': CLEAN,
  'good/nullproperties.geojson': CLEAN,

  'bad/bad-duplicate-properties.geojson': error('type', /given twice .*line 3/),
  'bad/bad-featurelist.geojson': error('coordinates[0]', /list of positions \(a ring\), but is the number 5: .*one more level/),
  'bad/bad-json.geojson': { kind: 'not JSON' },
  'bad/bad-object-type.geojson': error('type', /should be "FeatureCollection", "Feature" or a geometry .*, but is an object/),
  'bad/bad-polygon-interiorring-rhr.geojson': warning('coordinates[1]', /counterclockwise, but RFC 7946 asks holes to wind clockwise/),
  'bad/bad-polygonloop.geojson': error('geometry.coordinates[0][0]', /position \[longitude, latitude\], but is the number -80.59869/),
  'bad/bad-properties-as-array.geojson': error('properties', /should be an object \(or null\), but is an empty list/),
  'bad/badcoord.geojson': error('coordinates[2]', /should be a number, but is the text "f"/),
  'bad/badcoordtype.geojson': error('features[0].geometry.coordinates[0][0][0]', /one more level/),
  'bad/badfeature.geojson': error('features[0]', /should be a Feature object, but is null/),
  'bad/badfeatureid.geojson': error('features[0].id', /should be a text or a number, but is an object/),
  'bad/bbox-4or6elements.geojson': error('bbox', /4 numbers .* or 6 .*, but has 3/),
  'bad/bbox-contains-string.geojson': error('bbox[3]', /should be a number, but is the text "4"/),
  'bad/bbox-string.geojson': error('bbox', /list of 4 or 6 numbers, but is the text "string"/),
  'bad/different-first-last.geojson': error('coordinates[0]', /end where it starts .* \[100,0\] and ends at \[100,1\]/),
  'bad/different-first-size.geojson': error('coordinates[1][0]', /ends at \[100,0,4.9\]/),
  'bad/excessive_precision_truncated.geojson': { kind: 'silent' },
  'bad/expected_object.geojson': error('properties', /should be an object \(or null\), but is the number 123/),
  'bad/false.geojson': error('geometries[0]', /should be a geometry object, but is false/),
  'bad/feature_changed_semantics.geojson': error('features', /should not be in a Feature/),
  'bad/featurecollection-obj.geojson': error('features', /list of features, but is an object/),
  'bad/featurecollection-type-case.geojson': error('type', /"featurecollection", but GeoJSON types are case-sensitive: it should be "FeatureCollection"/),
  'bad/featurecollection.geojson': error('features', /is missing/),
  'bad/featurecollection_changed_semantics.geojson': error('properties', /should not be in a FeatureCollection/),
  'bad/geometry_changed_semantics.geojson': error('geometry', /should not be in a geometry/),
  // geojsonhint 3.3.0 makes these two errors (RFC 7946 only says SHOULD): we match it.
  'bad/geometrycollection_nested.geojson': error('geometries[1]', /GeometryCollection inside a GeometryCollection/),
  'bad/geometrycollection_single.geojson': error('geometries', /single geometry/),
  'bad/multiple_problems.geojson': error('features[3].type', /should be "Feature", but is "Foo"/),
  'bad/multipoint-multidimension.geojson': error('coordinates[0][0]', /should be a number, but is a list/),
  'bad/multipoint-nondimension.geojson': error('coordinates[0]', /position \[longitude, latitude\], but is the number 0/),
  'bad/nofeaturetype.geojson': error('features[0].type', /should be "Feature", but is "Featre"/),
  'bad/notype.geojson': error('type', /is missing/),
  'bad/point-labeled-as-a-multipolygon.geojson': error('geometry.coordinates[0]', /list of rings, but is the number -0.087890625/),
  'bad/point-string.geojson': error('coordinates[0]', /should be a number, but is the text "foo"/),
  'bad/point-toofew.geojson': error('coordinates', /only 1 number/),
  // RFC 7946: positions SHOULD NOT have more than three elements; geojsonhint: a "message".
  'bad/point-toomany.geojson': warning('coordinates', /has 4 numbers/),
  'bad/point.geojson': error('coordinates', /is missing/),
  'bad/polygon_winding_order.geojson': warning('coordinates[0]', /clockwise, but RFC 7946 asks outer rings to wind counterclockwise/),
  'bad/rootstring.geojson': error('', /should be a GeoJSON object, but is null/),
  'bad/short-line.geojson': error('coordinates', /at least 2 positions .* but has 1/),
  'bad/short-linearring.geojson': error('coordinates[0]', /at least 4 positions .* but has 3/),
  'bad/short-multilinestring.geojson': error('coordinates[1]', /at least 2 positions .* but has 1/),
  'bad/stringcoord.geojson': error('features[0].geometry.coordinates[1]', /should be a number, but is the text "39.36827914916011"/),
  'bad/unknowntype.geojson': error('type', /"FooBar", which is not a GeoJSON type/),
};

const conformanceDir = resolve(sharedDir, 'conformance/geojsonhint');
const fixtures = ['good', 'bad'].flatMap((kind) => readdirSync(resolve(conformanceDir, kind)).filter((f) => f.endsWith('.geojson')).map((f) => `${kind}/${f}`)).sort();

/** What our checker says about a file's text: the structural walk plus repeated keys. */
function lint(text: string): GeoJsonIssue[] {
  return [...checkGeoJson(JSON.parse(text)), ...duplicateKeyIssues(findDuplicateKeys(text))];
}

const onlyNotAPoint = /only Point features|only single points|no location/;

/** Every feature is accounted for, loaded or listed. */
function expectAccounted(result: DatasetResult): void {
  if (!result.ok) return;
  const listed = result.dataset.rejected.filter((r) => r.index !== undefined).length;
  expect(result.dataset.incidents.length + listed).toBe(result.dataset.featureCount);
}

describe('geojsonhint conformance fixtures', () => {
  it('has a decision for every fixture in the shared folder, and no decision without a fixture', () => {
    expect(fixtures.length).toBe(62);
    expect(Object.keys(VERDICTS).sort()).toEqual(fixtures);
  });

  it.each(fixtures)('%s', (name) => {
    const verdict = VERDICTS[name];
    if (!verdict) throw new Error(`${name} has no decision in VERDICTS: decide whether it is clean, an error, a warning or silent`);
    const text = readSharedFile(`conformance/geojsonhint/${name}`);
    const fileName = name.split('/')[1]!;
    const imported = importGeoJsonText(text, fileName);
    expectAccounted(imported);

    if (verdict.kind === 'not JSON') {
      expect(() => JSON.parse(text)).toThrow();
      expect(imported).toEqual({ ok: false, error: expect.stringMatching(/is not valid JSON.*line \d+, column \d+/) });
      return;
    }
    const issues = lint(text);
    const errors = issues.filter((i) => i.level === 'error');
    const warnings = issues.filter((i) => i.level === 'warning');

    if (verdict.kind === 'clean' || verdict.kind === 'silent') {
      expect(issues.map(formatIssue)).toEqual([]);
      // Lines, areas and empty geometries are listed as not loaded: that is not a GeoJSON error.
      if (!imported.ok) throw new Error(imported.error);
      for (const r of imported.dataset.rejected) expect(r.reasons.map((x) => x.message).join(' ')).toMatch(onlyNotAPoint);
      return;
    }
    if (verdict.kind === 'warning') {
      expect(errors.map(formatIssue)).toEqual([]);
      expect(warnings).toContainEqual(expect.objectContaining({ path: verdict.at, message: expect.stringMatching(verdict.says) }));
      if (!imported.ok) throw new Error(imported.error);
      for (const r of imported.dataset.rejected) expect(r.reasons.map((x) => x.message).join(' ')).toMatch(onlyNotAPoint);
      return;
    }
    expect(errors).toContainEqual(expect.objectContaining({ path: verdict.at, message: expect.stringMatching(verdict.says) }));
    // The importer refuses the file, naming the member, or lists the feature with that field.
    if (!imported.ok) {
      expect(imported.error).toContain(fileName);
      expect(imported.error).toContain(verdict.at ? `"${verdict.at}"` : 'the top level');
      return;
    }
    const inFeature = /^features\[(\d+)\]\.?(.*)$/.exec(verdict.at);
    const index = inFeature ? Number(inFeature[1]) : 0;
    const field = inFeature ? inFeature[2] || '(feature)' : verdict.at;
    const rejection = imported.dataset.rejected.find((r) => r.index === index);
    expect(rejection?.where).toMatch(new RegExp(`^feature ${index + 1}\\b`));
    expect(rejection?.reasons).toContainEqual({ field, message: expect.stringMatching(verdict.says) });
  });
});

describe('checkGeoJson beyond the fixtures', () => {
  const point = (extra: Record<string, unknown> = {}) => ({ type: 'Point', coordinates: [36.2, 33.5], ...extra });
  const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
  const feature = (geometry: unknown, extra: Record<string, unknown> = {}) => ({ type: 'Feature', properties: {}, geometry, ...extra });

  it('numbers the features that issues are in', () => {
    const issues = checkGeoJson(collection(feature(point()), feature(point({ coordinates: [1] })), feature(point(), { id: true })));
    expect(issues.map((i) => [i.featureIndex, i.path])).toEqual([[1, 'features[1].geometry.coordinates'], [2, 'features[2].id']]);
  });

  it('accepts a crs that names WGS 84 longitude/latitude, with a warning, and refuses others', () => {
    const named = (name: string) => ({ ...collection(), crs: { type: 'name', properties: { name } } });
    for (const name of ['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:OGC::CRS84', 'http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326']) {
      const issues = checkGeoJson(named(name));
      expect(issues).toEqual([expect.objectContaining({ level: 'warning', path: 'crs' })]);
    }
    expect(checkGeoJson(named('urn:ogc:def:crs:EPSG::3857'))).toEqual([
      expect.objectContaining({ level: 'error', path: 'crs', message: expect.stringMatching(/"urn:ogc:def:crs:EPSG::3857": coordinates in another reference system can't be placed on the map/) }),
    ]);
    expect(checkGeoJson({ ...collection(), crs: { type: 'link', properties: { href: 'http://example.com/crs/42' } } })[0]?.message).toMatch(/by a link \(http:\/\/example.com\/crs\/42\)/);
    expect(checkGeoJson({ ...collection(), crs: 'EPSG:4326' })[0]?.level).toBe('error');
  });

  it('checks a crs on a feature, where it concerns only that feature', () => {
    const crs = { type: 'name', properties: { name: 'EPSG:32637' } };
    expect(checkGeoJson(collection(feature(point(), { crs })))).toEqual([expect.objectContaining({ level: 'error', path: 'features[0].crs', featureIndex: 0 })]);
  });

  it('lists a few problems of a badly broken geometry, then counts the rest', () => {
    const broken = Array.from({ length: 50 }, () => ['x', 'y']);
    const issues = checkGeoJson({ type: 'LineString', coordinates: broken });
    expect(issues).toHaveLength(6);
    expect(issues[5]).toEqual(expect.objectContaining({ path: 'coordinates', message: 'has 95 more problems like the ones above' }));
  });

  it('tolerates foreign members and a null bbox, and lists a Feature\'s missing members together', () => {
    expect(checkGeoJson({ ...collection(feature(point({ custom: { a: 1 } }), { custom: 1 })), name: 'x', bbox: null })).toEqual([]);
    expect(checkGeoJson({ type: 'Feature' }).map((i) => i.path)).toEqual(['properties', 'geometry']);
  });

  it('says a geometry type is wrong where a geometry belongs', () => {
    expect(checkGeoJson(feature({ type: 'Feature' }))).toEqual([expect.objectContaining({ path: 'geometry.type', message: expect.stringMatching(/should be a geometry type .*, but is "Feature"/) })]);
    expect(checkGeoJson(feature({ type: 'point', coordinates: [1, 2] }))[0]?.message).toMatch(/case-sensitive: it should be "Point"/);
  });

  it('never throws, whatever it is given', () => {
    for (const value of [undefined, 0, 'x', [], {}, { type: 'Polygon', coordinates: [[null]] }, { type: 'MultiPolygon', coordinates: [[[[1, 2]], 3]] }, { type: 'GeometryCollection', geometries: [{}] }]) {
      expect(() => checkGeoJson(value)).not.toThrow();
    }
  });
});
