import { describe, expect, it } from 'vitest';
import { readSharedFile } from '../../test-support/fixtures';
import { findDuplicateKeys } from './find-duplicate-keys';

describe('findDuplicateKeys', () => {
  it('finds a member named twice at the top, with its line', () => {
    const text = readSharedFile('conformance/geojsonhint/bad/bad-duplicate-properties.geojson');
    expect(findDuplicateKeys(text)).toEqual([{ path: '', key: 'type', line: 3 }]);
  });

  it('names the object by its path, through objects and lists', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{}, {}, { properties: { a: 1 } }] }).replace('{"a":1}', '{"name":"x","a":1,"name":"y"}');
    expect(findDuplicateKeys(text)).toEqual([{ path: 'features[2].properties', key: 'name', line: 1 }]);
    expect(findDuplicateKeys('{"features":[[],[{"x":1,"x":1}]]}')).toEqual([{ path: 'features[1][0]', key: 'x', line: 1 }]);
    expect(findDuplicateKeys('{"my key":{"x":1,"x":2}}')).toEqual([{ path: '["my key"]', key: 'x', line: 1 }]);
  });

  it('is not fooled by strings holding quotes, brackets, commas and colons', () => {
    expect(findDuplicateKeys(String.raw`{"a": "x\"}{,:[", "b": "\\", "c": 1}`)).toEqual([]);
    expect(findDuplicateKeys(String.raw`{"a": "x\"}{,:[", "b": "\\", "a": 1}`)).toEqual([{ path: '', key: 'a', line: 1 }]);
  });

  it('compares keys as JSON reads them, escapes decoded', () => {
    expect(findDuplicateKeys(String.raw`{"\u0061": 1, "a": 2}`)).toEqual([{ path: '', key: 'a', line: 1 }]);
  });

  it('does not count values, sibling objects or nested objects as repeats', () => {
    expect(findDuplicateKeys('{"a": "a", "b": "a"}')).toEqual([]);
    expect(findDuplicateKeys('[{"a": 1}, {"a": 2}]')).toEqual([]);
    expect(findDuplicateKeys('{"a": {"a": {"a": 1}}, "b": [{"b": 1}]}')).toEqual([]);
  });

  it('stops listing at the limit', () => {
    const text = `[${Array.from({ length: 500 }, () => '{"x":1,"x":2}').join(',')}]`;
    expect(findDuplicateKeys(text)).toHaveLength(100);
    expect(findDuplicateKeys(text, 3).map((d) => d.path)).toEqual(['[0]', '[1]', '[2]']);
  });

  it('finds none in the real UCDP export, line numbers counted across the file', () => {
    const text = readSharedFile('datasets/ucdp-ged-23.1-central-african-republic.geojson');
    expect(findDuplicateKeys(text)).toEqual([]);
    const lines = text.split('\n');
    lines[10] = lines[10]!.replace('"relid": 0,', '"relid": 0, "relid": 1,');
    expect(findDuplicateKeys(lines.join('\n'))).toEqual([{ path: 'features[5].properties', key: 'relid', line: 11 }]);
  });
});
