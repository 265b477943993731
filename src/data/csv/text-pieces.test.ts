import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../test-support/fixtures';
import { importEventCsv } from '../event-datasets';
import { DatasetImport, importDatasetText } from '../import/import-dataset';
import type { IncidentFeature } from '../incident-types';
import type { RowSpan } from '../validate-dataset';
import { readCsv, type CsvRecord } from './parse-csv';
import { mulberry32 } from '../../model/index/synthetic-incidents';
import { MAX_STRING_LENGTH, PieceSplitter, PieceText, splitText } from './text-pieces';

const SYRIA = 'ucdp-ged-syria-2016-2019.csv';
const syriaText = readFileSync(resolve(sharedDir, 'datasets', SYRIA), 'utf8');
const acledTricky = readFileSync(resolve(import.meta.dirname, '../acled/fixtures/acled-tricky.csv'), 'utf8');

/** The text as a stream gives it: chunks of random sizes up to `most`, through a splitter. */
function streamed(text: string, pieceLength: number, most: number, seed = 1): string[] {
  const next = mulberry32(seed);
  const splitter = new PieceSplitter(pieceLength);
  const pieces: string[] = [];
  for (let at = 0; at < text.length;) {
    const size = 1 + Math.floor(next() * most);
    pieces.push(...splitter.push(text.slice(at, at + size)));
    at += size;
  }
  pieces.push(splitter.end());
  return pieces;
}

function records(text: string | string[]) {
  const rows: Array<Pick<CsvRecord, 'index' | 'line' | 'start' | 'end' | 'values' | 'problems'>> = [];
  const summary = readCsv(text, { onRecord: ({ index, line, start, end, values, problems }) => rows.push({ index, line, start, end, values, problems }) });
  return { rows, ...summary };
}

/** CSV whose quotes and line breaks sit where a cut would do harm. */
const TRICKY = [
  'id,notes,n',
  '1,"a quoted cell',
  'over three',
  'lines",2',
  '2,"""quoted"" at both ends, and a comma",3',
  '3,a stray " in a plain cell,4',
  '',
  '4,"ends with a doubled quote """,5',
  '5,"""",6',
  '',
  '',
  '6,"line break',
  '",7',
  '7,plain,8',
  '',
].join('\n');

describe('PieceSplitter: a streamed text in pieces that CSV rows never straddle', () => {
  it('gives back every character, in order, whatever the chunks', () => {
    for (const [seed, text] of [[1, syriaText.slice(0, 200_000)], [2, TRICKY], [3, acledTricky]] as const) {
      for (const most of [1, 3, 17, 4096]) {
        const pieces = streamed(text, 64, most, seed);
        expect(pieces.join('')).toBe(text);
        // Every piece but the last ends a line.
        expect(pieces.slice(0, -1).filter((p) => !p.endsWith('\n'))).toEqual([]);
      }
    }
  });

  it('cuts the real Syria export into pieces of about the length asked for', () => {
    const pieces = splitText(syriaText, 100_000);
    expect(pieces.length).toBeGreaterThan(syriaText.length / 110_000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(100_000 + 5_000);
  });

  it('cuts each large chunk at its last line break, so that no piece joins whole chunks (a copy of the file)', () => {
    const chunk = 100_000;
    const splitter = new PieceSplitter();
    const pieces: string[] = [];
    for (let at = 0; at < syriaText.length; at += chunk) pieces.push(...splitter.push(syriaText.slice(at, at + chunk)));
    pieces.push(splitter.end());
    expect(pieces.join('')).toBe(syriaText);
    // A piece is a chunk's rows, or the rest of a row carried over with the next chunk's first
    // rows (a cell with line breaks may hold it back); never several chunks.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(chunk + 10_000);
    expect(pieces.length).toBeGreaterThan(syriaText.length / chunk);
    expect(records(pieces)).toEqual(records(syriaText));
  });

  it('cuts a file read in 64K chunks (as a browser streams one) into parts of chunks, joining only the rows between them', () => {
    const chunk = 1 << 16;
    const splitter = new PieceSplitter();
    const pieces: string[] = [];
    for (let at = 0; at < syriaText.length; at += chunk) pieces.push(...splitter.push(syriaText.slice(at, at + chunk)));
    pieces.push(splitter.end());
    expect(pieces.join('')).toBe(syriaText);
    // What a joined piece holds: the pieces that straddle a chunk's edge are a row or so each.
    let at = 0, joined = 0;
    for (const piece of pieces) {
      if (Math.floor(at / chunk) !== Math.floor((at + piece.length - 1) / chunk)) joined += piece.length;
      at += piece.length;
    }
    expect(joined).toBeLessThan(syriaText.length / 20);
    expect(records(pieces)).toEqual(records(syriaText));
  });

  it('cuts a CRLF text only after "\\r\\n": a bare "\\n" is a character of a cell there, as Papa Parse reads it', () => {
    const head = ['id,note', ...Array.from({ length: 3000 }, (_, i) => `${i},a plain row`)].join('\r\n') + '\r\n';
    const text = `${head}3000,first\nsecond\r\n3001,last\r\n`;
    // The first chunk ends just after the bare line feed.
    const first = head.length + '3000,first\n'.length;
    const splitter = new PieceSplitter();
    const pieces = [...splitter.push(text.slice(0, first)), ...splitter.push(text.slice(first)), splitter.end()];
    expect(pieces.length).toBeGreaterThan(1);
    expect(records(pieces)).toEqual(records(text));
    expect(records(pieces).rows.find((r) => r.values[0] === '3000')?.values).toEqual(['3000', 'first\nsecond']);
  });

  it('does not cut a text of bare "\\r" line breaks (old Mac), in which "\\n" is a character', () => {
    const text = ['id,note', ...Array.from({ length: 3000 }, (_, i) => `${i},row\n${i}`)].join('\r') + '\r';
    const pieces = streamed(text, 64, 4096);
    expect(pieces.filter((p) => p !== '')).toEqual([text]);
  });

  it('never cuts inside a quoted cell: the pieces read as the same rows, lines and spans as the text whole', () => {
    const whole = records(TRICKY);
    expect(whole.rows.map((r) => r.values[0])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    for (const most of [1, 2, 5, 11, 1000]) {
      for (const pieceLength of [1, 8, 30]) {
        const pieces = streamed(TRICKY, pieceLength, most, most * 31 + pieceLength);
        expect(pieces.length).toBeGreaterThan(pieceLength < 30 ? 5 : 2);
        expect(records(pieces)).toEqual(whole);
      }
    }
  });

  it('stops cutting after a quote it cannot place, and the rest reads as it would whole', () => {
    const text = 'id,notes,n\n1,ok,2\n2,"abc"def\nstill inside?",3\n3,x,4\n4,y,5\n';
    const pieces = splitText(text, 1);
    expect(pieces.slice(0, 2)).toEqual(['id,notes,n\n', '1,ok,2\n']);
    expect(pieces.slice(2).join('')).toBe(text.slice(text.indexOf('2,"abc')));
    expect(pieces.length).toBe(3);
    expect(records(pieces)).toEqual(records(text));
  });

  it('a cut that ignored quotes would read other rows: the comparison above can fail', () => {
    const naive = TRICKY.split(/(?<=\n)/);
    expect(records(naive).rows.map((r) => r.values[0])).not.toEqual(records(TRICKY).rows.map((r) => r.values[0]));
  });
});

describe('PieceText: the pieces read by position as one text', () => {
  it('counts the heap its strings hold low: a byte a character, two where a piece has characters beyond Latin-1', () => {
    const kept = new PieceText(['id,x\n', 'é\n', 'Ωmega\n']);
    expect(kept.length).toBe(5 + 2 + 6);
    expect(kept.heapBytes).toBe(5 + 2 + 2 * 6);
  });

  it('slices as the whole text does, within and across pieces', () => {
    const text = syriaText.slice(0, 50_000);
    const pieces = splitText(text, 2_000);
    const joined = new PieceText(pieces);
    expect(joined.length).toBe(text.length);
    const next = mulberry32(7);
    for (let k = 0; k < 500; k++) {
      const start = Math.floor(next() * text.length);
      const end = Math.min(text.length, start + Math.floor(next() * 6_000));
      expect(joined.slice(start, end)).toBe(text.slice(start, end));
    }
  });
});

describe('importing a streamed CSV gives what the whole text gives', () => {
  // The Syria export's first 5,000 lines (its cell with a line break is on line 883): the whole of
  // it through the sink costs seconds.
  const syriaStart = syriaText.split('\n').slice(0, 5_000).join('\n');
  for (const [name, text] of [[SYRIA, syriaStart], ['acled-tricky.csv', acledTricky]] as const) {
    it(`${name}: the same incidents, rejections and warnings, and each row read again the same from the pieces`, () => {
      const whole = importEventCsv(text, name);
      const pieces = streamed(text, name === SYRIA ? 50_000 : 200, name === SYRIA ? 20_000 : 37);
      expect(pieces.length).toBeGreaterThan(5);
      expect(importDatasetText(pieces, name)).toEqual(whole);

      const taken: Array<{ incident: IncidentFeature; span: RowSpan }> = [];
      const sunk = importDatasetText(pieces, name, undefined, { add: (incident, span) => taken.push({ incident, span: { ...span! } }), clear: () => (taken.length = 0) });
      if (!sunk.ok || !whole.ok) throw new Error('not imported');
      expect(taken.length).toBe(whole.dataset.incidents.length);
      const reread = taken.map(({ span }) => sunk.reread!(span));
      expect(reread).toEqual(whole.dataset.incidents);
    });
  }

  it('cuts text written in chunks of any size itself (write), as a stream or the command line gives it', () => {
    const text = syriaText.split('\n').slice(0, 3_000).join('\n');
    const importing = new DatasetImport(SYRIA);
    const next = mulberry32(5);
    for (let at = 0; at < text.length;) {
      const size = 1 + Math.floor(next() * 9_000);
      importing.write(text.slice(at, at + size));
      at += size;
    }
    expect(importing.finish()).toEqual(importDatasetText(text, SYRIA));
  });

  it('tells CSV from JSON by the first character that is not white space when the name says nothing, as it would whole', () => {
    const csv = syriaText.slice(0, 20_000).replace(/\n[^\n]*$/, '\n');
    const json = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [36.3, 33.5] }, properties: { name: 'Damascus' } }] });
    for (const text of [csv, `\n  \n${json}`]) {
      const importing = new DatasetImport('download');
      for (const piece of text.startsWith('\n') ? ['\n  ', '\n', json] : splitText(text, 3_000)) importing.push(piece);
      const result = importing.finish();
      expect(result).toEqual(importDatasetText(text, 'download'));
      if (!result.ok) throw new Error(result.error);
      if (text === csv) expect(result.dataset.metadata.title).toMatch(/UCDP/);
      expect(result.dataset.incidents.length).toBe(text === csv ? csv.split('\n').length - 2 : 1);
    }
  });

  it('says plainly that JSON longer than one string can hold, which has to be read whole, cannot be read, rather than failing inside', () => {
    const importing = new DatasetImport('huge.geojson');
    const block = ' '.repeat(1 << 24);
    // A list at the root is not a FeatureCollection read as it streams in: it is read whole.
    importing.push('[');
    for (let k = 0; k * block.length <= MAX_STRING_LENGTH; k++) importing.push(block);
    importing.push(']');
    const result = importing.finish();
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^huge\.geojson is 5\d\d million characters of JSON, and a browser cannot hold more than 536 million in one text.*Open it as CSV/) });
  });
});
