import { describe, expect, it } from 'vitest';
import { readSharedFile } from '../../test-support/fixtures';
import { idHashOf } from '../seen-ids';
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

  it('finds repeats in objects of any size, before and after they hold too many keys to compare one by one', () => {
    const keys = Array.from({ length: 150 }, (_, k) => `k${k}`);
    const object = (extra: string) => `{${keys.map((key) => `"${key}":1`).join(',')}${extra}}`;
    expect(findDuplicateKeys(object(''))).toEqual([]);
    // A repeat of the 2nd key right after it, and of the 70th and 6th after the 150th (past the keys compared one by one).
    const early = `{"k0":1,"k1":1,"k1":2,${keys.slice(2).map((key) => `"${key}":1`).join(',')}}`;
    expect(findDuplicateKeys(early)).toEqual([{ path: '', key: 'k1', line: 1 }]);
    expect(findDuplicateKeys(object(',"k69":2,"\\u006b5":3'))).toEqual([{ path: '', key: 'k69', line: 1 }, { path: '', key: 'k5', line: 1 }]);
    // The path through a big object names its last key.
    expect(findDuplicateKeys(`{${keys.map((key) => `"${key}":1`).join(',')},"last":{"x":1,"x":2}}`)).toEqual([{ path: 'last', key: 'x', line: 1 }]);
  });

  it('tells apart different keys whose hashes agree', () => {
    // Two keys with the same 32-bit FNV-1a hash, the scanner's (found by trying key0, key1, …).
    const [a, b] = ['key583084', 'key1092000'];
    expect(idHashOf(a)).toBe(idHashOf(b));
    expect(findDuplicateKeys(`{"${a}":1,"${b}":2}`)).toEqual([]);
    expect(findDuplicateKeys(`{"${a}":1,"${b}":2,"${a}":3}`)).toEqual([{ path: '', key: a, line: 1 }]);
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
