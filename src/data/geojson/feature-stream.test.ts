import { describe, expect, it } from 'vitest';
import { readRepoFile, readSharedFile, seededDraw } from '../../test-support/fixtures';
import { FeatureStream } from './feature-stream';
import { findDuplicateKeys } from './find-duplicate-keys';

/**
 * Feeds `text` to a FeatureStream in chunks cut at random places (or of the sizes `sizeOf` gives),
 * and puts the entries it reads back into the root.
 */
function streamed(text: string, draw: (below: number) => number, limit?: number, sizeOf = () => (draw(4) === 0 ? 1 + draw(3) : 1 + draw(200))) {
  const features: unknown[] = [];
  const stream = new FeatureStream({
    entries(entries, first, spans) {
      expect(first).toBe(features.length);
      features.push(...entries);
      // Each span is its entry's text, from its first character, on the line it gives.
      entries.forEach((entry, k) => {
        const { start, end, line } = spans[k]!;
        expect(JSON.parse(text.slice(start, end))).toEqual(entry);
        expect(text.charAt(start)).toMatch(/\S/);
        expect(text.charAt(end - 1)).toMatch(/\S/);
        expect(text.slice(0, start).split('\n').length).toBe(line);
      });
    },
  }, limit);
  for (let at = 0; at < text.length;) {
    const size = sizeOf();
    stream.push(text.slice(at, at + size));
    at += size;
  }
  const result = stream.finish();
  if (!result) return undefined;
  expect(result.root.features).toEqual([]);
  expect(result.featureCount).toBe(features.length);
  return { ...result, root: { ...result.root, features } };
}

/**
 * Writes random JSON by hand, so that it can hold what JSON.stringify never writes: members named
 * twice, escaped names, white space and line breaks anywhere, strings full of the characters the
 * scanner stops at.
 */
function writer(draw: (below: number) => number) {
  const space = () => [' ', '', '\n', '\n  ', '\t', ''][draw(6)]!;
  const STRINGS = ['plain', 'a "quoted" word', 'back\\slash', 'ends with \\', '{[,:]}', 'Dayr az Zawr — دير الزور', '\\"', 'features', ''];
  const string = () => JSON.stringify(STRINGS[draw(STRINGS.length)]!).replace(/a/g, () => (draw(8) === 0 ? '\\u0061' : 'a'));
  const NAMES = ['type', 'id', 'properties', 'geometry', 'x', 'a b', 'quote"d', 'coordinates'];
  const value = (depth: number): string => {
    const kind = depth > 3 ? draw(4) : draw(6);
    if (kind === 0) return String(draw(1000) - 500) + (draw(2) ? '.25' : '');
    if (kind === 1) return ['null', 'true', 'false'][draw(3)]!;
    if (kind <= 3) return string();
    if (kind === 4) return `[${space()}${Array.from({ length: draw(4) }, () => value(depth + 1)).join(`,${space()}`)}${space()}]`;
    return object(depth + 1, () => JSON.stringify(NAMES[draw(NAMES.length)]!));
  };
  const object = (depth: number, name: () => string, members: string[] = []): string => {
    const all = [...Array.from({ length: draw(4) }, () => `${name()}${space()}:${space()}${value(depth)}`), ...members];
    return `{${space()}${all.join(`${space()},${space()}`)}${space()}}`;
  };
  const feature = (): string => (draw(10) === 0 ? value(3) : object(1, () => JSON.stringify(NAMES[draw(NAMES.length)]!), [`"type":"Feature"`]));
  /** A collection: members before and after "features", which is written as `features` says. */
  return (features = '"features"'): string => {
    const list = `[${space()}${Array.from({ length: draw(12) }, feature).join(`${space()},${space()}`)}${space()}]`;
    const member = () => `${JSON.stringify(['type', 'name', 'crs', 'bbox', 'dataset'][draw(5)]!)}:${space()}${value(1)}`;
    const before = Array.from({ length: draw(3) }, member);
    const after = Array.from({ length: draw(3) }, member);
    return `${space()}{${space()}${[...before, `${features}${space()}:${space()}${list}`, ...after].join(`,${space()}`)}${space()}}${space()}`;
  };
}

describe('FeatureStream', () => {
  it('gives what JSON.parse and findDuplicateKeys give the whole text, however the text is cut', () => {
    const draw = seededDraw(7);
    const collection = writer(draw);
    let withDuplicates = 0;
    for (let run = 0; run < 600; run++) {
      const text = collection();
      const result = streamed(text, draw);
      expect(result, text).toBeDefined();
      expect(result!.root, text).toEqual(JSON.parse(text));
      const duplicates = findDuplicateKeys(text);
      expect(result!.duplicates, text).toEqual(duplicates);
      if (duplicates.length) withDuplicates++;
    }
    expect(withDuplicates).toBeGreaterThan(100);
  });

  it('keeps to the limit on duplicates, in text order', () => {
    const draw = seededDraw(11);
    const collection = writer(draw);
    for (let run = 0; run < 300; run++) {
      const text = collection();
      expect(streamed(text, draw, 2)!.duplicates, text).toEqual(findDuplicateKeys(text, 2));
    }
  });

  it('never accepts text that JSON.parse refuses, nor gives another value', () => {
    const draw = seededDraw(3);
    const collection = writer(draw);
    let refused = 0;
    for (let run = 0; run < 1500; run++) {
      const good = collection();
      const at = draw(good.length);
      // Take out, double or replace one character: most such texts are no longer JSON.
      const text = [good.slice(0, at) + good.slice(at + 1), good.slice(0, at + 1) + good.slice(at), `${good.slice(0, at)}${',[]{}":'[draw(7)]}${good.slice(at + 1)}`][draw(3)]!;
      let whole: unknown;
      try {
        whole = JSON.parse(text);
      } catch {
        whole = undefined;
        refused++;
      }
      const result = streamed(text, draw);
      if (whole === undefined) expect(result, text).toBeUndefined();
      else if (result) expect(result.root, text).toEqual(whole);
    }
    expect(refused).toBeGreaterThan(500);
  });

  it('leaves to the whole-text reading what it does not follow, wherever the text is cut', () => {
    const draw = seededDraw(5);
    const sizes = [() => 1, () => 2, () => 3, () => 1 + draw(8), () => Infinity];
    for (const text of [
      '[1, 2]',
      '"features"',
      '{"type": "FeatureCollection", "features": [], "features": []}',
      '{"features": [1], "x": 0, "features": [2]}',
      '{"type": "FeatureCollection", "feat\\u0075res": [{"type": "Feature"}], "features": []}',
      '{"type": "FeatureCollection", "features": null}',
      '{"type": "FeatureCollection", "features": [] } {}',
      '{"type": "FeatureCollection", "features": [1,,2]}',
      '{"type": "FeatureCollection", "features": [1,]}',
      '{"type": "FeatureCollection", "features": [,]}',
      '',
    ]) {
      // Chunks of 1, 2 and 3 characters, random, and whole: every place a chunk can end.
      for (const size of sizes) expect(streamed(text, draw, undefined, size), text).toBeUndefined();
    }
    // More than 4 MB before or after the features, or in one feature: not a collection of incidents, or not one to stream.
    const long = JSON.stringify('x'.repeat(5 << 20));
    for (const text of [`{"name": ${long}, "features": [1]}`, `{"features": [1], "name": ${long}}`, `{"features": [${long}]}`]) {
      expect(streamed(text, draw, undefined, () => 1 << 20)).toBeUndefined();
    }
    expect(streamed('{"features": [ \n ]}', draw)!.root).toEqual({ features: [] });
    expect(streamed('\ufeff{"features": [1]}', draw)!.root).toEqual({ features: [1] });
  });

  it('reads real files: the built-in dataset and UCDP\'s Central African Republic export', () => {
    const draw = seededDraw(9);
    for (const text of [readRepoFile('data/incidents.geojson'), readSharedFile('datasets/ucdp-ged-23.1-central-african-republic.geojson')]) {
      const result = streamed(text, draw, undefined, () => 60_000 + draw(10_000));
      expect(result!.root).toEqual(JSON.parse(text));
      expect(result!.duplicates).toEqual(findDuplicateKeys(text));
    }
  });
});
