import { CsvReader } from './csv/parse-csv';
import { PieceSplitter } from './csv/text-pieces';
import { ID_FIELD, definitionsOf, detectCsvFormat, quickReaderOf } from './dataset-builder';
import { IncidentTally, type DefinitionNames, type EventDefinitions, type TallyCounts } from './event-definitions';
import { growTo } from './typed-arrays';
import { SeenIds, plainNumberOf } from './seen-ids';
import type { IncidentSink, RowSpan } from './validate-dataset';

/**
 * What reading the second half of a CSV file gives the import of its first half
 * (EventCsvImport.appendHalf), which then holds the whole file as if it had read it all. Two
 * workers read a large file's halves side by side: one worker's parse is the slowest step of
 * opening a file on a 2-core machine.
 *
 * The half loads only rows that need no message and cannot be anyone's duplicate as far as it can
 * tell: rows the quick read takes (ucdp-quick.ts, acled-quick.ts) whose id no other row of the half
 * has. Every other row is left to the first half's import, which reads it as it reads its own rows,
 * after the rows before it, so that its rejection, warnings and line are what one import of the
 * whole file would say. Offsets, lines and data rows are the half's own, from 0, 1 and 0.
 */
export interface CsvHalf<Rows> {
  /** UTF-16 units of the half's text, its line breaks, and its data rows (loaded, left or rejected alike). */
  length: number;
  lines: number;
  rowCount: number;
  /** Lines found empty, as the CSV reader warns of them. */
  emptyLines: number[];
  /** The data row of each row loaded, ascending: the rows of `rows`, in order. */
  loaded: Uint32Array<ArrayBuffer>;
  /** The loaded rows' ids: an id written as a plain number (plainNumberOf) as that number, any other as -1 and the next of idTexts. */
  idNumbers: Int32Array<ArrayBuffer>;
  idTexts: string[];
  /** Rows left to the first half's import: data row, line, start and end of each, four numbers a row, in order. */
  deferred: Uint32Array<ArrayBuffer>;
  /** Loaded rows whose id a row left repeats (data row and line in the half): the first half's import names them in its rejection. */
  repeated: Array<{ id: string; row: number; line: number }>;
  /** The actors, outlets and event types the quick read named, and their counts in the rows loaded. */
  names: DefinitionNames;
  /** For each of `names`' entries, the data row that first named it (-1: before any, the dataset's own source). */
  namedAt: { actors: number[]; outlets: number[]; eventTypes: number[] };
  counts: TallyCounts;
  /** The sink's rows (what it collected of the rows loaded). */
  rows: Rows;
}

/** Reads a CSV file's second half as it streams in, for CsvHalf: its text written a chunk at a time, cut anywhere. */
export class CsvHalfReader {
  private readonly reader: CsvReader;
  private readonly seen = new SeenIds();
  /** Per SeenIds entry: the data row and line of the row loaded with its id; -1 when none was (or it is in `repeated`). */
  private entryRow = new Int32Array(1024);
  private entryLine = new Int32Array(1024);
  private readonly repeated: CsvHalf<unknown>['repeated'] = [];
  private loaded = new Uint32Array(1024);
  private idNumbers = new Int32Array(1024);
  private readonly idTexts: string[] = [];
  private loadedCount = 0;
  private deferred = new Uint32Array(64);
  private deferredCount = 0;
  private readonly tally = new IncidentTally();
  private readonly span: RowSpan = { start: 0, end: 0, line: 0 };
  private length = 0;
  private readonly definitions: EventDefinitions;
  private readonly splitter: PieceSplitter;
  private readonly namedAt: CsvHalf<unknown>['namedAt'] = { actors: [], outlets: [], eventTypes: [] };

  /**
   * Whether a half of a file with this header can be read apart: a UCDP or ACLED file whose rows
   * the quick read can take (else every row would be left to the first half).
   */
  static canRead(header: readonly string[]): boolean {
    const format = detectCsvFormat(header);
    return format !== undefined && quickReaderOf(format, header) !== undefined;
  }

  /** `header` and `linebreak` as the first half's reader found them (canRead must hold). */
  constructor(header: readonly string[], linebreak: string, private readonly sink: IncidentSink, pieceLength?: number) {
    this.splitter = new PieceSplitter(pieceLength, linebreak);
    const format = detectCsvFormat(header);
    const quick = format && quickReaderOf(format, header);
    if (!format || !quick) throw new Error('This CSV file cannot be read in halves.');
    const definitions = definitionsOf(format);
    this.definitions = definitions;
    this.noteNames(-1);
    const idAt = header.indexOf(ID_FIELD[format]);
    this.reader = new CsvReader({
      after: { header, linebreak, base: 0, line: 1, rowCount: 0 },
      onCells: (cells, index, line, start, end) => {
        const incident = quick(cells, line, definitions);
        this.noteNames(index);
        const id = incident ? incident.id : cells.cell(idAt).trim();
        if (!this.register(id, incident ? index : -1, line) || !incident) {
          this.defer(index, line, start, end);
          return true;
        }
        const span = this.span;
        span.start = start;
        span.end = end;
        span.line = line;
        this.tally.add(incident.properties);
        this.sink.add(incident, span);
        this.noteLoaded(index, id);
        return true;
      },
      onRecord: (record) => {
        this.register(record.cells[ID_FIELD[format]]?.trim() ?? '', -1, record.line);
        this.defer(record.index, record.line, record.start, record.end);
      },
    });
  }

  /** The next chunk of the half's text (as a stream decodes it): cut into pieces between rows, with the file's own line break. */
  write(chunk: string): void {
    for (const piece of this.splitter.push(chunk)) this.push(piece);
  }

  private push(piece: string): void {
    this.length += piece.length;
    this.reader.push(piece);
  }

  /** The half, with the sink's rows (`rows` gives them once the last piece is read). */
  finish<Rows>(rows: () => Rows): CsvHalf<Rows> {
    this.push(this.splitter.end());
    const summary = this.reader.finish();
    const n = this.loadedCount;
    return {
      length: this.length,
      lines: this.reader.position.line - 1,
      rowCount: summary.rowCount,
      emptyLines: summary.emptyLines,
      loaded: this.loaded.slice(0, n),
      idNumbers: this.idNumbers.slice(0, n),
      idTexts: this.idTexts,
      deferred: this.deferred.slice(0, 4 * this.deferredCount),
      repeated: this.repeated,
      names: this.definitions.names(),
      namedAt: this.namedAt,
      counts: this.tally.counts(),
      rows: rows(),
    };
  }

  /**
   * Notes a row's id; false if another row of the half has it (the row is then left to the first
   * half's import, which knows which of them loads). An empty id is no one's.
   */
  private register(id: string, row: number, line: number): boolean {
    if (id === '') return true;
    const earlier = this.seen.addIfNew(id);
    if (earlier === undefined) {
      const entry = this.seen.size - 1;
      if (entry === this.entryRow.length) {
        this.entryRow = growTo(this.entryRow, entry + 1);
        this.entryLine = growTo(this.entryLine, entry + 1);
      }
      this.entryRow[entry] = row;
      this.entryLine[entry] = line;
      return true;
    }
    const loadedRow = this.entryRow[earlier]!;
    if (loadedRow >= 0) {
      this.repeated.push({ id, row: loadedRow, line: this.entryLine[earlier]! });
      this.entryRow[earlier] = -1;
    }
    return false;
  }

  /** The row that named the names registered since the last call. */
  private noteNames(row: number): void {
    const { definitions: d, namedAt } = this;
    while (namedAt.actors.length < d.actorCount) namedAt.actors.push(row);
    while (namedAt.outlets.length < d.outletCount) namedAt.outlets.push(row);
    while (namedAt.eventTypes.length < d.eventTypeCount) namedAt.eventTypes.push(row);
  }

  private noteLoaded(index: number, id: string): void {
    const k = this.loadedCount++;
    if (k === this.loaded.length) {
      this.loaded = growTo(this.loaded, k + 1);
      this.idNumbers = growTo(this.idNumbers, k + 1);
    }
    this.loaded[k] = index;
    const number = plainNumberOf(id);
    this.idNumbers[k] = number;
    if (number < 0) this.idTexts.push(id);
  }

  private defer(index: number, line: number, start: number, end: number): void {
    const k = 4 * this.deferredCount++;
    if (k === this.deferred.length) this.deferred = growTo(this.deferred, k + 4);
    this.deferred[k] = index;
    this.deferred[k + 1] = line;
    this.deferred[k + 2] = start;
    this.deferred[k + 3] = end;
  }
}
