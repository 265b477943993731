import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededDraw } from '../../test-support/fixtures';
import { CsvReader, type CsvReadOptions } from './parse-csv';
import { RowCells } from './row-cells';
import { scanRows } from './scan-rows';
import { splitText } from './text-pieces';

const UCDP_CSV = new URL('../../../../shared/datasets/ucdp-ged-syria-2016-2019.csv', import.meta.url);
const ACLED_FIXTURES = ['acled-normal.csv', 'acled-tricky.csv'].map((name) => new URL(`../acled/fixtures/${name}`, import.meta.url));

/** Everything a CSV reading hands over: each row (as onCells or as a record), and the summary. */
function readAll(pieces: readonly string[], scan: boolean, withCells: boolean) {
  const rows: unknown[] = [];
  const options: CsvReadOptions = {
    scan,
    onRecord: (r) => rows.push({ how: 'record', index: r.index, line: r.line, start: r.start, end: r.end, values: [...r.values], cells: r.cells, problems: r.problems }),
  };
  if (withCells) {
    // Takes every other row it is offered, so that both ways out of a row are compared.
    options.onCells = (cells, index, line, start, end) => {
      if (index % 2 === 0) return false;
      rows.push({ how: 'cells', index, line, start, end, values: cells.values() });
      return true;
    };
  }
  const reader = new CsvReader(options, pieces.reduce((sum, piece) => sum + piece.length, 0));
  for (const piece of pieces) if (!reader.push(piece)) break;
  return { rows, summary: reader.finish() };
}

/**
 * Reading with scanRows gives what Papa Parse alone gives reading the same pieces: every row,
 * cell, line, span, problem and warning. (That pieces read as the text whole is text-pieces'
 * promise, tested there.) `withCells`: with rows taken by onCells (every other one), as an import
 * takes them, or without (every row a record).
 */
function expectSameAsPapa(text: string, pieceLength: number | undefined, withCells: readonly boolean[] = [false, true]) {
  const pieces = pieceLength ? splitText(text, pieceLength) : [text];
  for (const cells of withCells) {
    const papa = readAll(pieces, false, cells);
    const scanned = readAll(pieces, true, cells);
    expect(scanned.summary).toEqual(papa.summary);
    expect(scanned.rows).toEqual(papa.rows);
  }
}

/** A random CSV text made to trip a reader: quotes of every kind, commas, line breaks of three kinds, blank lines, short and long rows. */
function randomCsv(draw: (below: number) => number, linebreak: string): string {
  const pick = <T,>(options: readonly T[]) => options[draw(options.length)]!;
  const cell = (): string => {
    switch (draw(12)) {
      case 0: return '';
      case 1: return `"${pick(['a,b', 'x""y', '', 'two\nlines', 'cr\r\nlf', '""', 'q"', ' sp '])}"`;
      case 2: return pick(['a"b', '"', '""', '"x"y', '"open', ' "x"', '"x" ', '"a"\r']);
      case 3: return pick(['\r', 'a\rb', 'a\nb', '\ufeff']);
      default: return pick(['1', '35.5', '-12.25', '2016-07-14', 'Deir Ezzor', 'al-Sina\'a', 'SOHR; Reuters', 'ناحية']);
    }
  };
  const columns = 1 + draw(4);
  const rows = [Array.from({ length: columns }, (_, k) => `c${k}`).join(',')];
  const count = draw(8);
  for (let r = 0; r < count; r++) {
    const shape = draw(10);
    const cells = shape === 0 ? columns + 1 : shape === 1 ? Math.max(1, columns - 1) : columns;
    rows.push(draw(15) === 0 ? '' : Array.from({ length: cells }, cell).join(','));
  }
  return rows.join(linebreak) + pick(['', linebreak, linebreak + linebreak, ',"q"\r', '"\r', '\r']);
}

describe('scanRows', () => {
  it('reads random texts, odd ones included, exactly as Papa Parse does, whole and in pieces', () => {
    const draw = seededDraw(11);
    for (let k = 0; k < 3000; k++) {
      const text = randomCsv(draw, ['\n', '\r\n', '\r'][k % 3]!);
      expectSameAsPapa(text, undefined);
      expectSameAsPapa(text, 8);
    }
  });

  it('reads the real UCDP export (a quoted cell in every row, CRLF, line feeds inside cells) as Papa Parse does', () => {
    const text = readFileSync(UCDP_CSV, 'utf8');
    expectSameAsPapa(text, undefined, [true]);
    expectSameAsPapa(text, 1 << 20, [true]);
  });

  it.each(ACLED_FIXTURES)('reads the ACLED fixture %s as Papa Parse does', (file) => {
    expectSameAsPapa(readFileSync(file, 'utf8'), undefined);
  });

  it('reads well-formed rows itself, and leaves the row it cannot read to the caller', () => {
    const cells = new RowCells();
    const seen: string[][] = [];
    const text = 'a,"b,""c""",\n"",x\n"open,y\nz,w\n';
    const stop = scanRows(text, 0, false, cells, () => seen.push(cells.values()));
    expect(seen).toEqual([['a', 'b,"c"', ''], ['', 'x']]);
    expect(stop).toBe(text.indexOf('"open'));
    // In a CRLF file a bare line feed outside quotes is a cell's character to Papa Parse: left to it.
    expect(scanRows('1,2\r\n3,4\n5\r\n', 0, true, cells, () => {})).toBe(5);
    expect(scanRows('1,2\r\n3,4\r\n', 0, true, cells, () => {})).toBe(10);
    // A closing quote, then a carriage return that ends the text (a CRLF file cut short): not a line break.
    expect(scanRows('1,2\r\n3,"x"\r', 0, true, cells, () => {})).toBe(5);
  });

  it('reads a text that ends in a quoted cell and a lone carriage return as Papa Parse does', () => {
    for (const text of ['a,b\r\n1,2\r\n3,"x"\r', 'a,b\r\n3,"x"\r', 'a,b\n3,"x"\r', 'a,b\r\n3,"x"\r\n', 'a,b\r\n3,"x"']) expectSameAsPapa(text, undefined);
  });
});
