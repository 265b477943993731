import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededDraw, sharedDir } from '../test-support/fixtures';
import { RowCollector, type CollectedRows, type IncidentRows } from '../model/index/incident-rows';
import type { IncidentColumns } from '../model/index/incident-columns';
import { CsvHalfReader, type CsvHalf } from './csv-halves';
import { PieceText, splitText } from './csv/text-pieces';
import { DatasetImport } from './import/import-dataset';
import type { DatasetResult } from './validate-dataset';

const SYRIA = 'ucdp-ged-syria-2016-2019.csv';
const syriaText = readFileSync(resolve(sharedDir, 'datasets', SYRIA), 'utf8');
const acledNormal = readFileSync(resolve(import.meta.dirname, 'acled/fixtures/acled-normal.csv'), 'utf8');
const acledTricky = readFileSync(resolve(import.meta.dirname, 'acled/fixtures/acled-tricky.csv'), 'utf8');

interface Imported {
  result: DatasetResult;
  rows: IncidentRows | undefined;
}

/** The file read whole, as one worker reads it. */
function importWhole(text: string, fileName: string, pieceLength?: number): Imported {
  const collector = new RowCollector();
  const importing = new DatasetImport(fileName, { sink: collector, keptText: new PieceText() });
  for (const piece of splitText(text, pieceLength)) importing.push(piece);
  return finished(importing, collector);
}

function finished(importing: DatasetImport, collector: RowCollector): Imported {
  const result = importing.finish();
  const rows = result.ok ? collector.finish(result.reread, Object.keys(result.dataset.actors)) : undefined;
  return { result, rows };
}

/**
 * The file read in two halves, cut at `at` (a UTF-16 offset), as two workers read it: the first
 * half here, the second by a CsvHalfReader of its own, its half passed through structuredClone as
 * postMessage would. How it went: taken over, its text pushed here instead, or no cut at all.
 */
function importInHalves(text: string, fileName: string, at: number, pieceLength?: number): Imported & { how: 'taken' | 'pushed' | 'uncut' } {
  const collector = new RowCollector();
  const kept = new PieceText();
  const importing = new DatasetImport(fileName, { sink: collector, keptText: kept });
  const first = text.slice(0, at), second = text.slice(at);
  importing.write(first);
  const reading = importing.endHalf() ? importing.halfReading : undefined;
  if (!reading) {
    importing.write(second);
    return { ...finished(importing, collector), how: 'uncut' };
  }
  const helper = new RowCollector();
  const reader = new CsvHalfReader(reading.header, reading.linebreak, helper, pieceLength);
  // In chunks, as a stream gives them (the reader cuts them into pieces between rows).
  for (let at = 0; at < second.length; at += 7_919) reader.write(second.slice(at, at + 7_919));
  const half = structuredClone(reader.finish(() => helper.rows())) as CsvHalf<CollectedRows>;
  if (!importing.acceptsHalf(half)) {
    importing.write(second);
    return { ...finished(importing, collector), how: 'pushed' };
  }
  kept.add(second);
  importing.appendHalf(half);
  return { ...finished(importing, collector), how: 'taken' };
}

/** Row r of the columns by what it means, not by the codes one import or another gave it. */
function rowOf(columns: IncidentColumns, r: number) {
  const set = (start: Uint32Array, codes: Uint16Array, ids: readonly string[], s: number) => [...codes.subarray(start[s]!, start[s + 1]!)].map((c) => ids[c]!).sort();
  return {
    lng: columns.lng[r], lat: columns.lat[r], start: columns.start[r], end: columns.end[r], flags: columns.flags[r], casualties: columns.casualties[r],
    type: columns.typeIds[columns.type[r]!],
    actors: set(columns.setStart, columns.setCodes, columns.actorIds, columns.actorSet[r]!),
    sources: set(columns.sourceSetStart, columns.sourceSetCodes, columns.sourceIds, columns.sourceSet[r]!),
  };
}

/** The two imports hold the same: the dataset (every rejection and warning word for word), each row's columns, id and incident read again. */
function expectSame(halves: Imported, whole: Imported, everyRow = true): void {
  expect(halves.result.ok).toBe(whole.result.ok);
  if (!halves.result.ok || !whole.result.ok) return expect(halves.result).toEqual(whole.result);
  expect(halves.result.dataset).toEqual(whole.result.dataset);
  // In the same order too: the legend's and the filters' lists follow it.
  for (const key of ['actors', 'sources', 'eventTypes'] as const) expect(Object.keys(halves.result.dataset[key])).toEqual(Object.keys(whole.result.dataset[key]));
  const a = halves.rows!, b = whole.rows!;
  expect(a.columns.length).toBe(b.columns.length);
  // The codes too, numbered in the order one import gives them.
  expect(a.columns.actorIds).toEqual(b.columns.actorIds);
  expect(a.columns.typeIds).toEqual(b.columns.typeIds);
  expect(a.columns.sourceIds).toEqual(b.columns.sourceIds);
  expect(a.columns.setCodes).toEqual(b.columns.setCodes);
  expect(a.columns.sourceSetCodes).toEqual(b.columns.sourceSetCodes);
  expect(a.columns.actorSet).toEqual(b.columns.actorSet);
  expect(a.idHash).toEqual(b.idHash);
  expect(a.placeCodes).toEqual(b.placeCodes);
  const step = everyRow ? 1 : 97;
  for (let r = 0; r < a.columns.length; r += step) {
    expect(rowOf(a.columns, r)).toEqual(rowOf(b.columns, r));
    expect(a.store.read(r)).toEqual(b.store.read(r));
  }
}

/** The offset just after the first line break at or after `from`. */
function afterBreak(text: string, from: number): number {
  return text.indexOf('\n', from) + 1;
}

const UCDP_HEADER = 'id,type_of_violence,side_a,side_b,best,low,high,where_prec,date_prec,latitude,longitude,date_start,date_end,source_office,source_article,where_coordinates';
function ucdpRow(id: string, overrides: Partial<Record<'side_a' | 'side_b' | 'best' | 'latitude' | 'date_start' | 'source_office' | 'source_article', string>> = {}): string {
  const cells = { side_a: 'Government of Syria', side_b: 'IS', best: '3', latitude: '35.3', date_start: '2016-07-14', source_office: 'SOHR', source_article: 'A report', ...overrides };
  return `${id},1,${cells.side_a},${cells.side_b},${cells.best},2,4,1,1,${cells.latitude},40.1,${cells.date_start},2016-07-14,${cells.source_office},${cells.source_article},Deir Ezzor`;
}

/**
 * A random UCDP-shaped file: plain rows, rows left to the first half (a warning, a bad latitude, a
 * short row, an id written with leading zeros), repeated ids, blank lines, quoted cells over two
 * lines, a bare line feed or carriage return in quotes, a line feed outside quotes (in a CRLF file, a
 * character of its cell), a U+FEFF starting a row, names that share a
 * slug, three event types in any order, an unclosed quote at the end; LF or CRLF, with or without
 * a byte order mark and a last line break.
 */
function randomFile(draw: (n: number) => number, crlf: boolean, bom: boolean): string {
  const nl = crlf ? '\r\n' : '\n';
  const sides = ['Government of Syria', 'IS', 'Al-Nusra', 'Al Nusra', 'Hezbollah', 'hezbollah ', 'Syrian insurgents'];
  const rows: string[] = [];
  const n = 8 + draw(20);
  for (let k = 0; k < n; k++) {
    const id = draw(6) === 0 ? String(100 + draw(n + 3)) : String(100 + k);
    const side_a = sides[draw(sides.length)]!;
    const typed = (row: string) => row.replace(/^(\d+),1,/, `$1,${1 + draw(3)},`);
    const kind = draw(13);
    if (kind === 0) rows.push('');
    else if (kind === 11) rows.push(ucdpRow(id, { source_article: 'unquoted\nfeed' }));
    else if (kind === 1) rows.push(typed(ucdpRow(id, { side_a, best: '1' })));
    else if (kind === 2) rows.push(ucdpRow(id, { latitude: 'north' }));
    else if (kind === 3) rows.push(ucdpRow(id, { source_article: `"A report${nl}over, two lines"` }));
    else if (kind === 4) rows.push(ucdpRow(id, { source_article: '"bare\nfeed"' }));
    else if (kind === 5) rows.push(`${id},1,short`);
    else if (kind === 6) rows.push(ucdpRow(id.padStart(4, '0'), { side_a }));
    else if (kind === 7) rows.push(ucdpRow(id, { side_a: 'Ḥayʼat Taḥrīr al-Shām', source_office: 'Al-Masdar News;SANA' }));
    else if (kind === 8) rows.push(ucdpRow(id, { side_a, source_article: '"cr\rinside"' }));
    else if (kind === 9) rows.push(`\ufeff${ucdpRow(id, { side_a })}`);
    else rows.push(typed(ucdpRow(id, { side_a })));
  }
  if (draw(8) === 0) rows.push(ucdpRow('99', { source_article: '"never closed' }));
  return `${bom ? '\ufeff' : ''}${UCDP_HEADER}${nl}${rows.join(nl)}${draw(2) ? nl : ''}${draw(4) === 0 ? nl : ''}`;
}

describe('a CSV file read in two halves (CsvHalfReader, EventCsvImport.appendHalf)', () => {
  it('holds what one import of the whole file holds: the real UCDP export of Syria, cut at several rows', () => {
    const whole = importWhole(syriaText, SYRIA);
    expect(whole.rows!.columns.length).toBeGreaterThan(16_000);
    for (const fraction of [0.5, 0.13, 0.87]) {
      const halves = importInHalves(syriaText, SYRIA, afterBreak(syriaText, Math.floor(fraction * syriaText.length)), 1 << 16);
      // A cut inside a quoted cell (the export's sources span lines) is not a row's start: moved to the next line break that is.
      if (halves.how === 'uncut') continue;
      expect(halves.how).toBe('taken');
      expectSame(halves, whole, false);
    }
  });

  it('holds the same wherever the Syria file is cut: at each of its line breaks over a stretch, in a quoted cell or not', () => {
    // A line feed without a carriage return: in this CRLF file, one inside a quoted cell.
    const bare = /[^\r]\n/.exec(syriaText.slice(100_000))!.index + 100_001;
    const text = syriaText.slice(0, afterBreak(syriaText, bare + 100_000));
    const whole = importWhole(text, SYRIA);
    const hows = new Set<string>();
    for (let at = afterBreak(text, bare - 20_000); at < bare + 20_000; at = afterBreak(text, at)) {
      const halves = importInHalves(text, SYRIA, at);
      hows.add(halves.how);
      expectSame(halves, whole, false);
    }
    // UCDP's sources are quoted, and some span lines (CRLF ends a row; a bare line feed is in a cell).
    expect([...hows].sort()).toEqual(['taken', 'uncut']);
  });

  it('says each rejected row of the second half as one import would: its row, line, reasons and the first row with its id', () => {
    const rows = [
      ucdpRow('1'), ucdpRow('2'), ucdpRow('3', { side_a: 'Syrian insurgents' }),
      // The second half, from here:
      ucdpRow('4'), ucdpRow('5', { latitude: 'north' }), ucdpRow('2'), ucdpRow('6', { best: '' }), ucdpRow('7'), ucdpRow('7'),
      ucdpRow('8', { side_a: 'Hezbollah', source_office: 'Al-Masdar News' }), '', ucdpRow('9', { date_start: '2016-7-14' }), ucdpRow('9'),
      '10,1,Government of Syria', ucdpRow('11', { source_article: '"A report\nover two lines"' }), ucdpRow('12', { side_b: 'Syrian Insurgents' }),
    ];
    const text = `${UCDP_HEADER}\n${rows.join('\n')}\n`;
    const whole = importWhole(text, 'rows.csv');
    expect(whole.result.ok && whole.result.dataset.rejected.map((r) => r.where)).toEqual(['row 5 (line 6)', 'row 6 (line 7)', 'row 7 (line 8)', 'row 9 (line 10)', 'row 11 (line 13)', 'row 13 (line 15)']);
    const halves = importInHalves(text, 'rows.csv', afterBreak(text, text.indexOf('\n4,')));
    // Row 2's id is loaded in the first half and again in the second: the first half's import says which loads.
    expect(halves.how).toBe('pushed');
    expectSame(halves, whole);

    const noRepeat = text.replace(`\n${ucdpRow('2')}\n${ucdpRow('6', { best: '' })}`, `\n${ucdpRow('6', { best: '' })}`);
    const taken = importInHalves(noRepeat, 'rows.csv', afterBreak(noRepeat, noRepeat.indexOf('\n4,')));
    expect(taken.how).toBe('taken');
    expectSame(taken, importWhole(noRepeat, 'rows.csv'));
  });

  it('tells a row left to the first half that repeats a loaded row\'s id which row that was', () => {
    const text = `${UCDP_HEADER}\n${[ucdpRow('1'), ucdpRow('2'), ucdpRow('3'), ucdpRow('2', { latitude: 'north' }), ucdpRow('3', { best: '1.5' })].join('\n')}\n`;
    const whole = importWhole(text, 'rows.csv');
    const halves = importInHalves(text, 'rows.csv', afterBreak(text, text.indexOf('\n2,')));
    expect(halves.how).toBe('taken');
    expectSame(halves, whole);
    expect(halves.result.ok && halves.result.dataset.rejected.map((r) => r.reasons.map((reason) => reason.message).join('; '))).toEqual([
      expect.stringContaining('row 2 (line 3) already uses'),
      expect.stringContaining('row 3 (line 4) already uses'),
    ]);
  });

  it('keeps the blank lines either side of the cut, and an unclosed quote that runs to the end', () => {
    const rows = [ucdpRow('1'), ucdpRow('2'), '', ucdpRow('3'), '', ucdpRow('4'), ucdpRow('5', { source_article: '"never closed' }), ucdpRow('6')];
    const text = `${UCDP_HEADER}\n${rows.join('\n')}\n`;
    const whole = importWhole(text, 'rows.csv');
    for (const at of [afterBreak(text, text.indexOf('\n2,')), afterBreak(text, text.indexOf('\n3,') - 1), afterBreak(text, text.indexOf('\n3,'))]) {
      const halves = importInHalves(text, 'rows.csv', at);
      expect(halves.how).toBe('taken');
      expectSame(halves, whole);
    }
    expect(whole.result.ok && whole.result.dataset.warnings.map((w) => w.where)).toEqual(expect.arrayContaining(['line 4', 'line 6']));
  });

  it('is not cut inside a quoted cell: the rest is read here, as one import reads it', () => {
    const rows = [ucdpRow('1'), ucdpRow('2', { source_article: '"A report\nover two lines"' }), ucdpRow('3')];
    const text = `${UCDP_HEADER}\n${rows.join('\n')}\n`;
    const halves = importInHalves(text, 'rows.csv', afterBreak(text, text.indexOf('A report\n')));
    expect(halves.how).toBe('uncut');
    expectSame(halves, importWhole(text, 'rows.csv'));
  });

  it('lists a type, actor or outlet first named in the second half where one import would, after a row left to the first half names it', () => {
    // Row 3 is left to the first half (low above best: loaded, with a warning); row 4 is quick.
    const typed = (id: string, type: string, overrides: Parameters<typeof ucdpRow>[1] = {}) => ucdpRow(id, overrides).replace(/^(\d+),1,/, `$1,${type},`);
    const rows = [typed('1', '1'), typed('2', '1'), typed('3', '2', { side_a: 'Al-Nusra', best: '1' }), typed('4', '3', { side_a: 'Al Nusra', source_office: 'SANA' })];
    const text = `${UCDP_HEADER}\n${rows.join('\n')}\n`;
    const whole = importWhole(text, 'rows.csv');
    expect(Object.keys(whole.result.ok ? whole.result.dataset.eventTypes : {})).toEqual(['state-based', 'non-state', 'one-sided']);
    const halves = importInHalves(text, 'rows.csv', afterBreak(text, text.indexOf('\n2,')));
    expect(halves.how).toBe('taken');
    expectSame(halves, whole);
  });

  it('names the second half\'s new actors and outlets as one import would, CRLF line breaks and all', () => {
    const rows = [ucdpRow('1'), ucdpRow('2', { side_a: 'Hezbollah' }), ucdpRow('3', { side_a: 'Jaish al-Islam', source_office: 'Al-Masdar News;SANA' }), ucdpRow('4', { side_a: 'hezbollah ' })];
    const text = `${UCDP_HEADER}\r\n${rows.join('\r\n')}\r\n`;
    const whole = importWhole(text, 'rows.csv');
    const halves = importInHalves(text, 'rows.csv', afterBreak(text, text.indexOf('\n2,')));
    expect(halves.how).toBe('taken');
    expectSame(halves, whole);
    expect(Object.keys(whole.result.ok ? whole.result.dataset.actors : {})).toContain('jaish-al-islam');

    // The half's first row with a bare line feed in a cell (not a line break in a CRLF file): the
    // half is cut with the file's line break, not one guessed from its own first line.
    const bare = `${UCDP_HEADER}\r\n${[ucdpRow('1'), ucdpRow('2'), ucdpRow('3', { source_article: 'A\nreport' }), ucdpRow('4'), ucdpRow('5')].join('\r\n')}\r\n`;
    const halvesBare = importInHalves(bare, 'rows.csv', afterBreak(bare, bare.indexOf('\n3,')), 10);
    expect(halvesBare.how).toBe('taken');
    expectSame(halvesBare, importWhole(bare, 'rows.csv', 10));
  });

  it('holds what one import holds for random files, cut after every line, in pieces of any length', () => {
    const draw = seededDraw(29_11_2026);
    const hows = new Map<string, number>();
    for (let f = 0; f < 60; f++) {
      const text = randomFile(draw, f % 2 === 0, f % 5 === 0);
      const whole = importWhole(text, 'random.csv');
      for (let at = afterBreak(text, 1); at > 0 && at < text.length; at = afterBreak(text, at)) {
        const halves = importInHalves(text, 'random.csv', at, f % 3 === 0 ? 7 : undefined);
        hows.set(halves.how, (hows.get(halves.how) ?? 0) + 1);
        expectSame(halves, whole);
      }
    }
    // Each way a half can go, many times over.
    expect([...hows.keys()].sort()).toEqual(['pushed', 'taken', 'uncut']);
    expect(Math.min(...hows.values())).toBeGreaterThan(30);
  });

  it('reads ACLED files in halves as one import reads them, cut after each row', () => {
    for (const text of [acledNormal, acledTricky]) {
      const whole = importWhole(text, 'acled.csv');
      const hows = new Set<string>();
      for (let at = afterBreak(text, 1); at > 0 && at < text.length; at = afterBreak(text, at)) {
        const halves = importInHalves(text, 'acled.csv', at);
        hows.add(halves.how);
        expectSame(halves, whole);
      }
      expect(hows).toContain('taken');
    }
  });
});
