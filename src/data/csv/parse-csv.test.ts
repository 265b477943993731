import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { seededDraw } from '../../test-support/fixtures';
import { CsvReader, csvRowReader, parseCsv, readCsv, type CsvRecord } from './parse-csv';

describe('parseCsv', () => {
  it('reads a header and rows, with quoted commas and doubled quotes kept whole', () => {
    const { header, records, warnings } = parseCsv('id,notes,n\n1,"a, b and ""c""",2\n2,plain,3\n');
    expect(header).toEqual(['id', 'notes', 'n']);
    expect(records.map((r) => r.cells)).toEqual([
      { id: '1', notes: 'a, b and "c"', n: '2' },
      { id: '2', notes: 'plain', n: '3' },
    ]);
    expect(records.map((r) => [r.index, r.line])).toEqual([[0, 2], [1, 3]]);
    expect(warnings).toEqual([]);
  });

  it('gives the line a row starts on, counting line breaks inside quoted cells (LF)', () => {
    const text = 'id,notes\n1,"one\ntwo\nthree"\n2,after\n3,"x\n"\n4,last';
    expect(parseCsv(text).records.map((r) => [r.cells.id, r.line])).toEqual([['1', 2], ['2', 5], ['3', 6], ['4', 8]]);
  });

  it('gives the right lines in a CRLF file whose quoted cells hold bare LFs (as the real UCDP file does)', () => {
    const text = 'id,notes\r\n1,"Waha Report\n"\r\n2,b\r\n3,"p\r\nq"\r\n4,c\r\n';
    const { records } = parseCsv(text);
    expect(records.map((r) => [r.cells.id, r.line])).toEqual([['1', 2], ['2', 4], ['3', 5], ['4', 7]]);
    expect(records[0]?.cells.notes).toBe('Waha Report\n');
    expect(records[2]?.cells.notes).toBe('p\r\nq');
  });

  it('reads old Mac (CR only) line endings', () => {
    expect(parseCsv('id,n\r1,"a\rb"\r2,c\r').records.map((r) => [r.cells.id, r.line])).toEqual([['1', 2], ['2', 4]]);
  });

  it('keeps a U+FEFF that starts a row of a later piece (papaparse drops one at the start of any text)', () => {
    const text = 'id,n\n1,a\n\ufeff2,b\n';
    // Papa Parse reads the later piece itself (scan: false), as it does the rest of a piece from a row the scanner leaves.
    for (const scan of [false, true]) {
      const rows: CsvRecord[] = [];
      const reader = new CsvReader({ scan, onRecord: (r) => rows.push(r) });
      for (const piece of ['id,n\n1,a\n', '\ufeff2,b\n']) reader.push(piece);
      reader.finish();
      expect(rows.map((r) => [r.values, r.start, r.end])).toEqual(parseCsv(text).records.map((r) => [r.values, r.start, r.end]));
      expect(rows[1]?.values).toEqual(['\ufeff2', 'b']);
    }
  });

  it('drops a UTF-8 byte order mark, so the first column is named as written', () => {
    const { header, records } = parseCsv('\ufeffevent_id_cnty,x\r\nA1,1\r\n');
    expect(header).toEqual(['event_id_cnty', 'x']);
    expect(records[0]?.cells.event_id_cnty).toBe('A1');
  });

  it('hands over a row with too many or too few cells, with the problem, instead of dropping it', () => {
    const { records } = parseCsv('a,b,c\n1,2,3,4\n1,2\n5,6,7\n');
    expect(records.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(records[0]?.problems).toEqual([{
      field: '(row)',
      message: 'has 4 cells, but the header has 3 columns, so its cells cannot be matched to columns (a comma inside a cell that is not in quotes?)',
    }]);
    expect(records[1]?.problems).toEqual([{
      field: '(row)',
      message: 'has 2 cells, but the header has 3 columns, so its cells cannot be matched to columns (a row cut short, or a line break inside a cell that is not in quotes?)',
    }]);
    expect(records[2]?.problems).toEqual([]);
  });

  it('reports a quote that is never closed on the row where it opens, naming the lines it swallowed', () => {
    const { records } = parseCsv('id,notes\n1,ok\n2,"never closed\n3,lost\n4,lost too\n');
    expect(records).toHaveLength(2);
    expect(records[1]?.line).toBe(3);
    expect(records[1]?.problems).toEqual([{
      field: '(row)',
      message: 'has a quoted cell that is never closed, so everything from line 3 to the end of the file (line 5) was read as this one row; the rows after it could not be read (add the missing closing quote ")',
    }]);
  });

  it('reports a stray quote after a quoted cell, and what papaparse then swallowed', () => {
    const { records } = parseCsv('id,notes,n\n1,"abc"def,2\n2,ok,3\n');
    expect(records).toHaveLength(1);
    expect(records[0]?.problems.map((p) => p.message)).toEqual([
      'has a quoted cell with text after its closing quote (a quote inside a cell must be written twice: ""), so its cells may be split wrongly',
      'has a quoted cell that is never closed, so everything from line 2 to the end of the file (line 3) was read as this one row; the rows after it could not be read (add the missing closing quote ")',
    ]);
  });

  it('skips blank lines with a warning that names them, and keeps counting lines', () => {
    const { records, warnings } = parseCsv('id\n1\n\n2\n');
    expect(records.map((r) => [r.cells.id, r.index, r.line])).toEqual([['1', 0, 2], ['2', 1, 4]]);
    expect(warnings).toEqual([{ where: 'line 3', message: 'is empty and was skipped' }]);
  });

  it('warns about unnamed and repeated columns and reads only the first of a repeated name', () => {
    const { records, warnings } = parseCsv('id,,id\n1,x,2\n');
    expect(records[0]?.cells).toEqual({ id: '1' });
    expect(warnings.map((w) => w.message)).toEqual([
      'column 2 has no name, so its cells are not read',
      'column 3 is named "id" like an earlier column; only the first "id" column is read',
    ]);
  });

  it('reads an empty text as no header and no rows', () => {
    expect(parseCsv('')).toMatchObject({ header: [], records: [], rowCount: 0 });
  });

  it('reports progress a bounded number of times, rising to 1', () => {
    const text = `id,n\n${Array.from({ length: 20_000 }, (_, i) => `${i},"v ${i}"`).join('\n')}\n`;
    const fractions: number[] = [];
    const { rowCount } = readCsv(text, { onRecord: () => {}, onProgress: (f) => fractions.push(f) });
    expect(rowCount).toBe(20_000);
    expect(fractions.length).toBeLessThanOrEqual(101);
    expect(fractions.length).toBeGreaterThan(50);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it('stops after the header when onHeader says so', () => {
    let rows = 0;
    const summary = readCsv('a,b\n1,2\n3,4\n', { onHeader: () => false, onRecord: () => { rows += 1; } });
    expect(summary.header).toEqual(['a', 'b']);
    expect(rows).toBe(0);
  });
});

describe('csvRowReader', () => {
  it('reads every row of random files again as readCsv read it, LF and CRLF, quotes, commas and line breaks in cells', () => {
    const draw = seededDraw(41);
    const pieces = ['a', 'é', ',', '"', '\n', '\r', '\r\n', ' ', ''];
    const cell = () => {
      let text = '';
      for (let n = draw(4); n > 0; n--) text += pieces[draw(pieces.length)]!;
      // Quoted as a writer would (its quotes doubled), or written bare when that reads the same.
      return draw(2) === 0 || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    };
    let read = 0;
    for (const linebreak of ['\n', '\r\n']) {
      for (let file = 0; file < 300; file++) {
        const columns = 1 + draw(4);
        const rows = Array.from({ length: 1 + draw(6) }, () => Array.from({ length: columns }, cell).join(','));
        const text = [Array.from({ length: columns }, (_, k) => `c${k}`).join(','), ...rows].join(linebreak) + (draw(2) ? linebreak : '');
        const summary = parseCsv(text);
        const again = csvRowReader(summary.header, summary.linebreak);
        for (const record of summary.records) {
          if (record.problems.length > 0) continue;
          const rowText = text.slice(record.start, record.end);
          expect(again(rowText), JSON.stringify(rowText)).toEqual(record.cells);
          // And as Papa Parse reads that row alone: readCsv itself scans rows as csvRowReader does.
          const byPapa = Papa.parse<string[]>(rowText, { header: false, delimiter: ',', newline: summary.linebreak as Papa.ParseConfig['newline'], skipEmptyLines: false }).data[0]!;
          expect(Object.values(again(rowText)), JSON.stringify(rowText)).toEqual(byPapa);
          read += 1;
        }
      }
    }
    expect(read).toBeGreaterThan(1500);
  });

  it.each([['\n'], ['\r\n'], ['\r']])('reads each row from its span as readCsv read it (line break %j): quoted or not, empty cells, the last row without a break', (linebreak) => {
    const text = ['id,name,notes', '1,Barad,', '2,"al-Mijimir, Sweida","two\nlines"', '3,,"said ""allegedly"""', ',,', '5,Deir ez-Zor,plain'].join(linebreak);
    const summary = parseCsv(text);
    const read = csvRowReader(summary.header, summary.linebreak);
    expect(summary.linebreak).toBe(linebreak);
    expect(summary.records.map((record) => read(text.slice(record.start, record.end)))).toEqual(summary.records.map((record) => record.cells));
    expect(summary.records.map((record) => record.cells.name)).toEqual(['Barad', 'al-Mijimir, Sweida', '', '', 'Deir ez-Zor']);
  });
});
