import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../test-support/fixtures';
import { PieceText, splitText } from '../data/csv/text-pieces';
import { DatasetImport, importDatasetText } from '../data/import/import-dataset';
import { RowCollector } from '../model/index/incident-rows';
import { mulberry32 } from '../model/index/synthetic-incidents';
import { seededDraw } from '../test-support/fixtures';
import { CompactText, StreamText, importAndKeep } from './compact-text';

const SYRIA = 'ucdp-ged-syria-2016-2019.csv';
const syriaText = readFileSync(resolve(sharedDir, 'datasets', SYRIA), 'utf8');

describe('CompactText: the text kept in about a byte a character', () => {
  it('keeps pieces with characters beyond Latin-1 as UTF-8 bytes, outside the heap, and Latin-1 ones as strings', () => {
    const kept = new CompactText(['id,x\n', 'é\n', '“Ωmega”\n', 'bad \ud800 surrogate\n']);
    expect(kept.length).toBe(5 + 2 + 8 + 16);
    // The Latin-1 pieces and the one with a lone surrogate (which UTF-8 cannot hold) stay strings.
    expect(kept.heapBytes).toBe(5 + 2 + 16);
    expect(kept.outsideBytes).toBe(new TextEncoder().encode('“Ωmega”\n').byteLength);
    expect(kept.slice(0, kept.length)).toBe('id,x\né\n“Ωmega”\nbad \ud800 surrogate\n');
    // The real Syria export: every piece has curly quotes or Arabic, and its bytes are about half its two-byte strings.
    const syria = new CompactText(splitText(syriaText, 1_000_000));
    expect(syria.heapBytes).toBe(0);
    expect(syria.outsideBytes).toBe(Buffer.byteLength(syriaText, 'utf8'));
    expect(syria.outsideBytes).toBeLessThan(0.6 * 2 * syriaText.length);
  });

  it('slices as the whole text does, within and across pieces, even through the middle of a character outside the BMP', () => {
    // The Syria export with astral characters (two UTF-16 units each) sprinkled in.
    const text = syriaText.slice(0, 200_000).replace(/Aleppo/g, 'Ale🗺ppo').replace(/ q/g, ' 𝒬');
    const kept = new CompactText(splitText(text, 9_000));
    expect(kept.length).toBe(text.length);
    const next = mulberry32(3);
    for (let k = 0; k < 3_000; k++) {
      const start = Math.floor(next() * text.length);
      const end = Math.min(text.length, start + Math.floor(next() * (k % 10 === 0 ? 30_000 : 600)));
      const got = kept.slice(start, end);
      if (got !== text.slice(start, end)) expect({ start, end, got }).toEqual({ start, end, got: text.slice(start, end) });
    }
    expect(kept.slice(0, text.length)).toBe(text);
    expect(kept.slice(5, 5)).toBe('');
    // A slice that starts with U+FEFF keeps it.
    const bom = new CompactText(['ab’\ufeffcd']);
    expect(bom.slice(3, 6)).toBe('\ufeffcd');
  });

  it('reads every row of the real export again as the text kept as strings does', () => {
    const rowsWith = (keptText: CompactText | PieceText) => {
      const collector = new RowCollector();
      const importing = new DatasetImport(SYRIA, { sink: collector, keptText });
      importing.write(syriaText);
      const result = importing.finish();
      if (!result.ok || !result.reread) throw new Error('not imported');
      return collector.finish(result.reread).store;
    };
    const compact = new CompactText();
    const fromBytes = rowsWith(compact), fromStrings = rowsWith(new PieceText());
    expect(compact.heapBytes).toBe(0);
    expect(fromBytes.length).toBe(16_566);
    for (let row = 0; row < fromBytes.length; row += 7) expect(fromBytes.get(row)).toEqual(fromStrings.get(row));
    // Read in full (the quick read leaves the title empty).
    expect(fromBytes.get(0).properties.title).not.toBe('');
  }, 60_000);
});

/** Decodes `bytes` in chunks cut at `cuts` as the worker's stream reader does, offering each chunk to a StreamText. */
function streamed(bytes: Uint8Array, cuts: number[]): { kept: StreamText; text: string } {
  const decoder = new TextDecoder('utf-8');
  const kept = new StreamText();
  let text = '';
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    const chunk = bytes.slice(from, to);
    const part = decoder.decode(chunk, { stream: true });
    kept.offer(part, chunk);
    text += part;
    from = to;
  }
  const rest = decoder.decode();
  kept.offer(rest);
  text += rest;
  return { kept, text };
}

describe('StreamText of a file\'s second half, moved to the worker that read the first', () => {
  it('keeps every piece as bytes, ASCII too, and after the first half\'s text slices as the whole does', () => {
    const text = syriaText.slice(0, 300_000);
    // ASCII and non-ASCII rows both: the Syria export's ASCII lines, and lines with Arabic or curly quotes.
    const cut = text.indexOf('\n', 150_000) + 1;
    const encoder = new TextEncoder(), decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const first = new StreamText(), second = new StreamText(true);
    const feed = (kept: StreamText, part: string) => {
      const bytes = encoder.encode(part);
      for (let at = 0; at < bytes.length; at += 1_024) {
        const chunk = bytes.subarray(at, at + 1_024);
        kept.offer(decoder.decode(chunk, { stream: true }), chunk);
      }
    };
    feed(first, text.slice(0, cut));
    // A second half that starts with a byte order mark keeps it: it is a character there, not a mark.
    feed(second, `\ufeff${text.slice(cut)}`);
    const { pieces, buffers } = second.pieces();
    expect(pieces.every((piece) => typeof piece !== 'string')).toBe(true);
    // Some pieces are ASCII (as many bytes as units): read a byte a unit, without checkpoints.
    expect(pieces.filter((piece) => typeof piece !== 'string' && piece.bytes.length === piece.length).length).toBeGreaterThan(3);
    first.append(structuredClone(pieces, { transfer: buffers }));
    const whole = `${text.slice(0, cut)}\ufeff${text.slice(cut)}`;
    expect(first.length).toBe(whole.length);
    const next = mulberry32(11);
    for (let k = 0; k < 2_000; k++) {
      const start = Math.floor(next() * whole.length), end = Math.min(whole.length, start + Math.floor(next() * 900));
      if (first.slice(start, end) !== whole.slice(start, end)) expect({ start, end }).toEqual({ start, end, same: true });
    }
    expect(first.slice(0, whole.length)).toBe(whole);
  });
});

describe('StreamText: the text kept as the bytes it was read from', () => {
  const encoder = new TextEncoder();
  // Byte runs to build texts from: ASCII, two-, three- and four-byte characters, a byte order
  // mark, U+FFFD itself, and bytes that are not UTF-8 (a lone continuation, a lead cut short, an
  // overlong form, a surrogate's encoding, bytes never used).
  const runs: number[][] = [
    [...encoder.encode('id,side\n')], [...encoder.encode('é')], [...encoder.encode('الميادين')], [...encoder.encode('“q”')],
    [...encoder.encode('🗺')], [...encoder.encode('\ufeff')], [...encoder.encode('\ufffd')], [...encoder.encode('x,y\r\n')],
    [0x80], [0xe2, 0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xf0, 0x9f],
  ];
  const VALID = 6; // runs before this index are valid UTF-8 without U+FFFD

  it('slices as the decoded text does, for valid and broken UTF-8 cut into chunks anywhere', () => {
    const draw = seededDraw(20_261_129);
    let keptAsBytes = 0;
    for (let k = 0; k < 400; k++) {
      const valid = k % 2 === 0;
      const parts: number[] = [];
      // Half the texts start with a byte order mark (dropped by the decoder, and by StreamText).
      if (k % 4 < 2) parts.push(0xef, 0xbb, 0xbf);
      for (let n = 1 + draw(60); n > 0; n--) parts.push(...runs[draw(valid ? VALID : runs.length)]!);
      const bytes = Uint8Array.from(parts);
      const cuts = [...new Set(Array.from({ length: draw(12) }, () => draw(bytes.length + 1)))].sort((a, b) => a - b);
      const { kept, text } = streamed(bytes, cuts);
      if (valid) keptAsBytes += kept.outsideBytes > 0 ? 1 : 0;
      expect(kept.length).toBe(text.length);
      const wrong: string[] = [];
      for (let s = 0; s < 40; s++) {
        const start = draw(text.length + 1), end = start + draw(text.length - start + 1);
        if (kept.slice(start, end) !== text.slice(start, end)) wrong.push(`${start}-${end}`);
      }
      if (kept.slice(0, text.length) !== text) wrong.push('whole');
      expect({ k, cuts, wrong }).toEqual({ k, cuts, wrong: [] });
    }
    // Most valid texts were kept from their bytes (ASCII ones stay strings).
    expect(keptAsBytes).toBeGreaterThan(150);
  });

  it('gives the import the rows of the real export to read again, from the bytes, as the worker reads a file', () => {
    const bytes = readFileSync(resolve(sharedDir, 'datasets', SYRIA));
    const decoder = new TextDecoder('utf-8');
    const collector = new RowCollector();
    const kept = new StreamText();
    const importing = new DatasetImport(SYRIA, { sink: collector, keptText: kept });
    const onText = importAndKeep(importing, kept);
    for (let at = 0; at < bytes.length; at += 65_536) {
      const chunk = bytes.subarray(at, at + 65_536);
      onText(decoder.decode(chunk, { stream: true }), chunk);
    }
    onText(decoder.decode());
    expect(importing.keepsText()).toBe(true);
    const result = importing.finish();
    if (!result.ok || !result.reread) throw new Error('not imported');
    const store = collector.finish(result.reread).store;
    expect(kept.outsideBytes).toBe(bytes.length);
    expect(store.length).toBe(16_566);
    // As read again from the text kept as strings, in full (the quick read leaves the title empty).
    const fromStrings = new RowCollector();
    const plain = new DatasetImport(SYRIA, { sink: fromStrings, keptText: new PieceText() });
    plain.write(syriaText);
    const plainResult = plain.finish();
    if (!plainResult.ok || !plainResult.reread) throw new Error('not imported');
    const expected = fromStrings.finish(plainResult.reread).store;
    for (let row = 0; row < store.length; row += 97) expect(store.get(row)).toEqual(expected.get(row));
    expect(store.get(store.length - 1).properties.title).not.toBe('');
  });

  it('refuses, when read, bytes that were given with a text they do not decode to', () => {
    const kept = new CompactText();
    kept.addDecoded('Ωmega', encoder.encode('Ωmegas'));
    expect(() => kept.slice(0, 2)).toThrow(/6 UTF-16 units, not 5/);
  });

  it('gives the import our GeoJSON\'s features to read again from the bytes, with a byte order mark, broken bytes or emoji', () => {
    const builtIn = readFileSync(resolve(__dirname, '../../data/incidents.geojson'), 'utf8');
    const json = JSON.parse(builtIn) as { features: Array<{ properties: { story: string } }> };
    json.features[3]!.properties.story = `MARK ${json.features[3]!.properties.story}`;
    const marked = encoder.encode(JSON.stringify(json, null, 2));
    const broken = marked.slice();
    broken[encoder.encode(JSON.stringify(json, null, 2).split('MARK')[0]!).length] = 0xff;
    const draw = seededDraw(29);
    for (const bytes of [
      encoder.encode(builtIn), new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(builtIn)]), broken,
      encoder.encode(builtIn.replace(/Deir Ezzor/g, 'Deir 🗺 Ezzor')),
    ]) {
      for (const largest of [7, 4000, bytes.length]) {
        const cuts: number[] = [];
        for (let at = 1 + draw(largest); at < bytes.length; at += 1 + draw(largest)) cuts.push(at);
        const decoder = new TextDecoder('utf-8');
        const collector = new RowCollector();
        const kept = new StreamText();
        const importing = new DatasetImport('incidents.geojson', { sink: collector, keptText: kept });
        const onText = importAndKeep(importing, kept);
        let text = '';
        let from = 0;
        for (const to of [...cuts, bytes.length]) {
          const chunk = bytes.slice(from, to);
          const part = decoder.decode(chunk, { stream: true });
          onText(part, chunk);
          text += part;
          from = to;
        }
        const rest = decoder.decode();
        if (rest) onText(rest);
        const result = importing.finish();
        const expected = importDatasetText(text + rest, 'incidents.geojson');
        if (!result.ok || !expected.ok) throw new Error('did not import');
        // Streamed (read again from the kept bytes), not read whole.
        expect(result.reread).toBeDefined();
        const rows = collector.finish(result.reread, Object.keys(result.dataset.actors));
        expect(Array.from({ length: rows.store.length }, (_, row) => rows.store.get(row))).toEqual(expected.dataset.incidents);
      }
    }
  });

  it('keeps a JSON file\'s text, and stops keeping that of a file the import does not read rows of', () => {
    // Longer than a piece (the import reads a file a piece at a time), in two chunks.
    const json = `{"type":"FeatureCollection","features":[${Array(3_000).fill('{"type":"Feature","geometry":null,"properties":{}}').join(',')}]}`;
    const otherCsv = `a,b\n${Array(20_000).fill('1,2\n').join('')}`;
    for (const [name, text] of [['events.json', json], ['other.csv', otherCsv]] as const) {
      const kept = new StreamText();
      const importing = new DatasetImport(name, { sink: new RowCollector(), keptText: kept });
      const onText = importAndKeep(importing, kept);
      const bytes = encoder.encode(text), half = text.length >> 1;
      onText(text.slice(0, half), bytes.subarray(0, half));
      expect(importing.keepsText()).toBe(name === 'events.json');
      onText(text.slice(half), bytes.subarray(half));
      // JSON is kept whole (its features are read again from it, or it is read whole); the CSV up to where it proved of another kind.
      expect(kept.length).toBe(name === 'events.json' ? text.length : half);
    }
    // A name that says nothing (a URL's): told by the first character that is not white space.
    const download = new DatasetImport('download', { sink: new RowCollector(), keptText: new PieceText() });
    download.write('  \n ');
    expect(download.keepsText()).toBeUndefined();
    download.write(json.slice(0, 1_000));
    expect(download.keepsText()).toBe(true);
    const otherDownload = new DatasetImport('download', { sink: new RowCollector(), keptText: new PieceText() });
    otherDownload.write(otherCsv);
    expect(otherDownload.keepsText()).toBe(false);
    // A UCDP file is kept as it goes.
    const ucdp = new DatasetImport(SYRIA, { sink: new RowCollector(), keptText: new PieceText() });
    ucdp.write(syriaText.slice(0, 100_000));
    expect(ucdp.keepsText()).toBe(true);
  });

  it('keeps the real export as the bytes it was read from, in 64K chunks, and counts the pieces the import adds', () => {
    const bytes = readFileSync(resolve(sharedDir, 'datasets', SYRIA));
    const cuts = Array.from({ length: Math.floor(bytes.length / 65_536) }, (_, i) => (i + 1) * 65_536);
    const { kept, text } = streamed(bytes, cuts);
    expect(text).toBe(syriaText);
    expect(kept.outsideBytes).toBe(bytes.length);
    expect(kept.heapBytes).toBe(0);
    for (const at of [0, 1_000, 65_530, 3_000_000, text.length - 100]) expect(kept.slice(at, at + 100)).toBe(text.slice(at, at + 100));
    kept.add(text.slice(0, 10));
    expect(() => kept.add(text)).toThrow(/before its text was offered/);
  });
});

