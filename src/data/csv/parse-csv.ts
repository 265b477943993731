import Papa from 'papaparse';
import type { FieldProblem } from '../field-checks';
import type { Warning } from '../validate-dataset';
import { RowCells } from './row-cells';
import { scanRows } from './scan-rows';

/** One data row of a CSV file (the header is not a row), with where it starts in the file. */
export interface CsvRecord {
  /** Position among the data rows, from 0. Blank lines are not rows. */
  index: number;
  /** 1-based line of the file on which the row starts, as a text editor counts lines. */
  line: number;
  /** Where the row's text is in the text given to readCsv: text.slice(start, end), its line break included. */
  start: number;
  end: number;
  /** The row's cells in the file's column order, exactly as written (`cells` gives them by name). */
  values: readonly string[];
  /** The row's cells by column name, exactly as written (not trimmed). A column the row is too short for is absent. */
  readonly cells: Record<string, string>;
  /** What is wrong with the row's shape (cell count, quotes). A row with any problem must not be loaded: its cells may be shifted. */
  problems: FieldProblem[];
}

export interface CsvReadOptions {
  /** Called with the column names before any row; returning false stops reading (a file of the wrong kind). */
  onHeader?: (header: string[]) => boolean | void;
  /** Called once per data row that onCells did not take, in file order, as soon as the row is read. */
  onRecord(record: CsvRecord): void;
  /**
   * Called first for each row of the right shape (as many cells as the header has, none of them
   * misquoted), with its cells as places in a text (row-cells.ts), valid only during the call; true
   * if it took the row, which then goes to onRecord no more. Reading a cell's digits where they are
   * saves making a string of every cell, most of what a large file costs.
   */
  onCells?(cells: RowCells, index: number, line: number, start: number, end: number): boolean;
  /** false: every row read by Papa Parse, none by scanRows (which reads rows as it does, faster: the tests compare the two). */
  scan?: boolean;
  /** Called with 0…1 at most about a hundred times, however large the file. */
  onProgress?: (fraction: number) => void;
  /**
   * The text goes on from a place in a file whose header was read elsewhere (the second half of a
   * file read by another worker, or one row of it read again): no header line, the file's line
   * break, and where the text starts in the file (offset, line and data row; from 0, 1 and 0).
   */
  after?: ReadPosition & { header: readonly string[]; linebreak: string };
}

/** A place in a CSV file at the start of a row: its offset in the text, its line (from 1), and how many data rows come before it. */
export interface ReadPosition {
  base: number;
  line: number;
  rowCount: number;
}

export interface CsvReadSummary {
  /** The column names from the first line, trimmed. */
  header: string[];
  /** How many data rows were read (passed to onCells or onRecord). */
  rowCount: number;
  /** Oddities that stopped nothing: blank lines, repeated or empty column names. */
  warnings: Warning[];
  /** The file's line break ("\n", "\r\n" or "\r"), as papaparse found it: csvRowReader reads rows with it. */
  linebreak: string;
  /** The lines warned of as empty (in `warnings`), as numbers. */
  emptyLines: number[];
}

/**
 * Reads CSV text row by row with papaparse: a header line, then one record per row, each with the
 * line it starts on — right even after quoted cells that contain line breaks, so a reader can find
 * a rejected row in a text editor. A UTF-8 byte order mark is dropped; CRLF and LF both work.
 *
 * Rows are handed over one at a time rather than collected, so a large file is never held twice.
 * A row papaparse stumbles on (an unclosed quote) or whose cell count differs from the header's is
 * still handed over, with its problems listed, never dropped.
 *
 * The text may come as pieces (text-pieces.ts), each cut after a row's line break: the same rows,
 * lines and spans as the text whole.
 */
export function readCsv(text: string | readonly string[], options: CsvReadOptions): CsvReadSummary {
  const pieces = typeof text === 'string' ? [text] : text;
  const reader = new CsvReader(options, pieces.reduce((sum, piece) => sum + piece.length, 0));
  for (const piece of pieces) if (!reader.push(piece)) break;
  return reader.finish();
}

/**
 * readCsv a piece at a time, as the pieces arrive: push each (cut after a row's line break, as
 * PieceSplitter cuts them), then finish. Offsets (start, end) are into the whole text.
 */
export class CsvReader {
  /** What has been read so far: the header once it is read, and the line break papaparse found. */
  readonly summary: CsvReadSummary = { header: [], rowCount: 0, warnings: [], linebreak: '\n', emptyLines: [] };
  private columns: Column[] | undefined;
  /** Where the next piece starts in the whole text, and the line it starts on. */
  private base = 0;
  private line = 1;
  private pieces = 0;
  private stopped = false;
  /** A blank line that ended a piece: a warning if more rows follow, as it would be in the whole text. */
  private blankAtEnd: number | undefined;
  private readonly progress: ProgressSteps;
  /** Rows after the header are read with scanRows where it can (options.scan). */
  private readonly scanning: boolean;
  /** The row scanRows or fill() has just read (for onCells). */
  private readonly cells = new RowCells();

  /** @param totalLength the whole text's length, if known: progress is reported against it. */
  constructor(private readonly options: CsvReadOptions, totalLength?: number) {
    this.progress = new ProgressSteps(totalLength ?? 0, totalLength === undefined ? undefined : options.onProgress);
    this.scanning = options.scan !== false;
    const { after } = options;
    if (after) {
      this.summary.header = [...after.header];
      this.summary.linebreak = after.linebreak;
      this.summary.rowCount = after.rowCount;
      this.columns = readColumns(after.header, 1, []);
      this.base = after.base;
      this.line = after.line;
      // Not the file's start: a byte order mark here is a character of the row.
      this.pieces = 1;
    }
  }

  /** Where the next piece would start: its offset in the whole text, its line, and the data rows before it. */
  get position(): ReadPosition {
    return { base: this.base, line: this.line, rowCount: this.summary.rowCount };
  }

  /**
   * Goes on after text another reader read (a file's second half, from `position`): its length,
   * lines, data rows and empty lines. A blank line that ended this reader's text is warned of if
   * that text holds anything.
   */
  skip(length: number, lines: number, rowCount: number, emptyLines: readonly number[]): void {
    if (length > 0 && this.blankAtEnd !== undefined) this.emptyLine(this.blankAtEnd);
    if (length > 0) this.blankAtEnd = undefined;
    const shift = this.line - 1;
    for (const line of emptyLines) this.emptyLine(line + shift);
    this.base += length;
    this.line += lines;
    this.summary.rowCount += rowCount;
  }

  private emptyLine(line: number): void {
    this.summary.warnings.push({ where: `line ${line}`, message: 'is empty and was skipped' });
    this.summary.emptyLines.push(line);
  }

  /** Whether reading has stopped (onHeader said so): further pieces are not wanted. */
  get hasStopped(): boolean {
    return this.stopped;
  }

  /** Reads the next piece; false once reading has stopped (onHeader said so) and further pieces are not wanted. */
  push(text: string): boolean {
    if (this.stopped) return false;
    if (text.length === 0) return true;
    const first = this.pieces++ === 0;
    const bom = first && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const source = bom ? text.slice(1) : text;
    const piece: Piece = { source, base: this.base + bom, lines: new LineCounter(source, this.line) };
    piece.lines.linebreak = this.summary.linebreak;
    if (source.length > 0 && this.blankAtEnd !== undefined) this.emptyLine(this.blankAtEnd);
    if (source.length > 0) this.blankAtEnd = undefined;

    // Papa Parse reads the header (and guesses the line break); scanRows what it can after it, the
    // way Papa Parse would; Papa Parse the rest of the piece from the first row scanRows leaves.
    let at = this.columns ? 0 : this.readWithPapa(piece, 0, first, this.scanning);
    const crlf = this.summary.linebreak === '\r\n';
    if (at < source.length && this.columns && this.scanning && (crlf || this.summary.linebreak === '\n')) {
      at = scanRows(source, at, crlf, this.cells, (start, end) => this.scanned(piece, start, end));
    }
    if (at < source.length && !this.stopped) this.readWithPapa(piece, at, first && !this.columns, false);
    this.base += text.length;
    this.line = piece.lines.lineAt(source.length);
    return !this.stopped;
  }

  /** A row scanRows read: to onCells if it takes it, else as a record. */
  private scanned({ base, lines, source }: Piece, start: number, end: number): void {
    const { summary, cells, options: { onCells, onRecord } } = this;
    const line = lines.lineAt(start);
    this.progress.report(base + end);
    const index = summary.rowCount++;
    if (cells.length === summary.header.length && onCells?.(cells, index, line, base + start, base + end)) return;
    const record = toRecord(cells.values(), this.columns!, summary.header.length, index, line, [], () => lines.lineAt(Math.max(0, source.length - 1)));
    record.start = base + start;
    record.end = base + end;
    onRecord(record);
  }

  /**
   * Reads the piece from `from` with Papa Parse: to its end, or (`toHeader`) only its header when
   * scanRows can read the rest. Gives back where it stopped.
   */
  private readWithPapa(piece: Piece, from: number, guessLinebreak: boolean, toHeader: boolean): number {
    const { summary, options: { onHeader, onCells, onRecord } } = this;
    const { source, base, lines } = piece;
    const rest = from === 0 ? source : source.slice(from);
    // Papa Parse drops a byte order mark at the start of any text it is given: one more, for it to
    // drop, keeps the character that starts this row (the file's own mark is already gone).
    const text = rest.charCodeAt(0) === 0xfeff ? `\ufeff${rest}` : rest;
    let rowStart = from;
    let stoppedAt = source.length;
    // header: false so that papaparse hands over every row as it is, the header too; we check the
    // cell count ourselves and can say which line a row starts on (papaparse's row numbers skip lines).
    Papa.parse<string[]>(text, {
      header: false,
      delimiter: ',',
      skipEmptyLines: false,
      // The first piece's line break, as papaparse guessed it, holds for the rest.
      ...(guessLinebreak ? {} : { newline: summary.linebreak as Papa.ParseConfig['newline'] }),
      step: (result, parser) => {
        const start = rowStart;
        // In step mode the cursor is the offset just after this row's line break.
        rowStart = from + result.meta.cursor;
        if (guessLinebreak) lines.linebreak = summary.linebreak = result.meta.linebreak;
        const cells = result.data;
        const line = lines.lineAt(start);
        this.progress.report(base + rowStart);
        if (cells.length === 1 && cells[0] === '' && result.errors.length === 0) {
          // A trailing line break reads as one last empty row: not a row, and not worth a warning;
          // nor is a blank last line, but one that only ends this piece is said once more follows.
          if (rowStart < source.length) this.emptyLine(line);
          else if (start < source.length) this.blankAtEnd = line;
          return;
        }
        if (!this.columns) {
          summary.header = cells.map((cell) => cell.trim());
          this.columns = readColumns(summary.header, line, summary.warnings);
          if (onHeader?.(summary.header) === false) {
            this.stopped = true;
            parser.abort();
          } else if (toHeader) {
            stoppedAt = rowStart;
            parser.abort();
          }
          return;
        }
        const index = summary.rowCount++;
        if (onCells && result.errors.length === 0 && cells.length === summary.header.length) {
          this.cells.fill(cells);
          if (onCells(this.cells, index, line, base + start, base + rowStart)) return;
        }
        // Only an unclosed quote needs the last line, and it swallows the rest of the file anyway.
        const record = toRecord(cells, this.columns, summary.header.length, index, line, result.errors, () => lines.lineAt(Math.max(0, source.length - 1)));
        record.start = start + base;
        record.end = rowStart + base;
        onRecord(record);
      },
    });
    return this.stopped ? source.length : stoppedAt;
  }

  finish(): CsvReadSummary {
    this.progress.report(this.base);
    return this.summary;
  }
}

/** A piece being read: its text (without a byte order mark), where it starts in the whole text, and its lines. */
interface Piece {
  source: string;
  base: number;
  lines: LineCounter;
}

/** Every record of a CSV text at once: for small files and tests. Large files should use readCsv. */
export function parseCsv(text: string, onProgress?: (fraction: number) => void): CsvReadSummary & { records: CsvRecord[] } {
  const records: CsvRecord[] = [];
  const summary = readCsv(text, { onRecord: (record) => records.push(record), ...(onProgress ? { onProgress } : {}) });
  return { ...summary, records };
}

/** A column that is read: its name, and its position in a row. */
interface Column {
  name: string;
  at: number;
}

/** The columns worth reading, worked out once rather than per row: unnamed and repeated ones are left out, with a warning. */
function readColumns(names: readonly string[], line: number, warnings: Warning[]): Column[] {
  const where = `the header (line ${line})`;
  const seen = new Set<string>();
  const columns: Column[] = [];
  names.forEach((name, at) => {
    if (name === '') warnings.push({ where, message: `column ${at + 1} has no name, so its cells are not read` });
    else if (seen.has(name)) warnings.push({ where, message: `column ${at + 1} is named "${name}" like an earlier column; only the first "${name}" column is read` });
    else columns.push({ name, at });
    seen.add(name);
  });
  return columns;
}

function toRecord(cells: string[], columns: readonly Column[], columnCount: number, index: number, line: number, errors: Papa.ParseError[], lastLine: () => number): CsvRecord {
  const problems: FieldProblem[] = errors.length === 0 ? [] : errors.map((error) => ({ field: '(row)', message: describeParseError(error, line, lastLine) }));
  if (cells.length !== columnCount && !errors.some((e) => e.code === 'MissingQuotes')) {
    problems.push({
      field: '(row)',
      message: `has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}, but the header has ${columnCount} columns, so its cells cannot be matched to columns `
        + `(${cells.length > columnCount ? 'a comma inside a cell that is not in quotes?' : 'a row cut short, or a line break inside a cell that is not in quotes?'})`,
    });
  }
  return new CsvRow(index, line, cells, columns, problems);
}

/** A record whose cells by name are only gathered when read: a reader that goes by position never pays for them. */
class CsvRow implements CsvRecord {
  start = 0;
  end = 0;
  private byName: Record<string, string> | undefined;

  constructor(readonly index: number, readonly line: number, readonly values: readonly string[], private readonly columns: readonly Column[], readonly problems: FieldProblem[]) {}

  get cells(): Record<string, string> {
    if (!this.byName) {
      const byName: Record<string, string> = {};
      for (const { name, at } of this.columns) {
        const cell = this.values[at];
        if (cell !== undefined) byName[name] = cell;
      }
      this.byName = byName;
    }
    return this.byName;
  }
}

/**
 * Reads one row again, from its text (CsvRecord.start..end), with the file's header: the cells by
 * column name exactly as readCsv gave them. For a reader that keeps the file's text and only the
 * positions of its rows, and re-reads a row when its details are asked for.
 */
export function csvRowReader(header: readonly string[], linebreak = '\n'): (rowText: string) => Record<string, string> {
  const columns = readColumns(header, 1, []);
  const scanned = new RowCells();
  const crlf = linebreak === '\r\n';
  return (rowText) => {
    // A row without quotes is its cells between the commas, as papaparse would read it (its
    // fastMode does the same). One with quotes is read by scanRows, as papaparse reads it; only
    // what scanRows leaves (a "\r" file, a row it would not read) needs the parser, which costs
    // several µs a call to set up — a popup doesn't notice, a search or export of a million rows does.
    const body = rowText.endsWith(linebreak) ? rowText.slice(0, rowText.length - linebreak.length) : rowText;
    let cells: string[], rows = 0;
    if (!body.includes('"')) cells = body.split(',');
    else if ((crlf || linebreak === '\n') && scanRows(rowText, 0, crlf, scanned, () => rows++) === rowText.length && rows === 1) cells = scanned.values();
    else cells = Papa.parse<string[]>(rowText, { header: false, delimiter: ',', newline: linebreak as Papa.ParseConfig['newline'], skipEmptyLines: false }).data[0] ?? [];
    return toRecord(cells, columns, header.length, 0, 0, [], () => 0).cells;
  };
}

function describeParseError(error: Papa.ParseError, line: number, lastLine: () => number): string {
  switch (error.code) {
    case 'MissingQuotes':
      return `has a quoted cell that is never closed, so everything from line ${line} to the end of the file (line ${lastLine()}) was read as this one row; `
        + 'the rows after it could not be read (add the missing closing quote ")';
    case 'InvalidQuotes':
      return 'has a quoted cell with text after its closing quote (a quote inside a cell must be written twice: ""), so its cells may be split wrongly';
    default:
      return `could not be read as CSV: ${error.message}`;
  }
}

/** Line numbers for offsets that only ever increase: each stretch of text is scanned once. */
class LineCounter {
  linebreak = '\n';
  private offset = 0;

  /** @param line the line the text starts on */
  constructor(private readonly text: string, private line = 1) {}

  lineAt(target: number): number {
    // A line break inside a quoted cell is still a line in an editor, so count the break
    // character itself ("\n" for LF and CRLF files alike), not papaparse's rows.
    const mark = this.linebreak === '\r' ? '\r' : '\n';
    for (let at = this.text.indexOf(mark, this.offset); at !== -1 && at < target; at = this.text.indexOf(mark, at + 1)) this.line += 1;
    this.offset = Math.max(this.offset, target);
    return this.line;
  }
}

/** Calls back at each whole percent reached, not per row: the page re-renders on each call. */
class ProgressSteps {
  private last = -1;

  constructor(private readonly total: number, private readonly onProgress: ((fraction: number) => void) | undefined) {}

  report(done: number): void {
    if (!this.onProgress) return;
    const fraction = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const step = Math.floor(fraction * 100);
    if (step > this.last) {
      this.last = step;
      this.onProgress(fraction);
    }
  }
}
