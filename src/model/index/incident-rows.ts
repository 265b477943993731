import type { IncidentFeature } from '../../data/incident-types';
import { idHashOf } from '../../data/seen-ids';
import { growTo } from '../../data/typed-arrays';
import type { IncidentSink, RowShift, RowSpan } from '../../data/validate-dataset';
import { ColumnBuilder, columnBuffers, columnCodes, orderActorCodes, type ColumnCodes, type IncidentColumns } from './incident-columns';

/**
 * The loaded incidents, by their row in the file's order: the columns (what filters and clusters
 * read), a hash of each id (to find a row by id without a million-entry Map), and the store that
 * gives an incident's details (title, story, sources) when one is asked for.
 */
export interface IncidentRows {
  columns: IncidentColumns;
  /** Each row's placeCode (spatial-order), when the rows' reader computed them. */
  placeCodes?: Uint32Array<ArrayBuffer>;
  idHash: Int32Array<ArrayBuffer>;
  store: IncidentStore;
}

/** Gives the incident of a row (file order). */
export interface IncidentStore {
  readonly length: number;
  get(row: number): IncidentFeature;
  /**
   * The same, for a pass over many rows (search text, an export): read without being kept for
   * the next ask, which would only push out the rows a popup and the list are showing.
   */
  read(row: number): IncidentFeature;
}

/** A store of incidents held as objects. */
function objectStore(incidents: readonly IncidentFeature[]): IncidentStore {
  const get = (row: number) => incidents[row]!;
  return { length: incidents.length, get, read: get };
}

/** A hash of an id (32-bit FNV-1a): rows whose hash matches are checked against the id itself. */
export { idHashOf };

/** Rows of incidents held as objects (a GeoJSON file, parsed whole). */
export function rowsOfIncidents(incidents: readonly IncidentFeature[], actorIds: readonly string[], sourceIds: readonly string[]): IncidentRows {
  const builder = new ColumnBuilder(actorIds, sourceIds, incidents.length);
  // One pass, while each incident is at hand (Int32Array.from with a map function is many times slower than a loop).
  const idHash = new Int32Array(incidents.length);
  for (let row = 0; row < incidents.length; row++) {
    const incident = incidents[row]!;
    builder.add(incident);
    idHash[row] = idHashOf(incident.id);
  }
  return {
    columns: builder.finish(),
    placeCodes: builder.placeCodes(),
    idHash,
    store: objectStore(incidents),
  };
}

/**
 * Collects an import's incidents as they load (an IncidentSink): their columns, id hashes and —
 * for rows that come with a span — where each row's text is, so that the objects can go as soon
 * as they are read.
 * A million UCDP rows held as objects took ~1.2 kB each; as columns and spans, tens of bytes.
 */
export class RowCollector implements IncidentSink {
  private columns!: ColumnBuilder;
  private idHash!: Int32Array<ArrayBuffer>;
  /** start, end and line of each row, three numbers a row. */
  private spans!: Uint32Array<ArrayBuffer>;
  private objects!: IncidentFeature[];

  constructor() {
    this.clear();
  }

  clear(): void {
    this.codesFrom = undefined;
    this.columns = new ColumnBuilder();
    this.idHash = new Int32Array(1024);
    this.spans = new Uint32Array(3 * 1024);
    this.objects = [];
  }

  add(incident: IncidentFeature, span: RowSpan | undefined): void {
    const row = this.columns.length;
    this.columns.add(incident);
    if (row === this.idHash.length) {
      this.idHash = growTo(this.idHash, row * 2);
      this.spans = growTo(this.spans, row * 6);
    }
    this.idHash[row] = idHashOf(incident.id);
    if (span) {
      this.spans[3 * row] = span.start;
      this.spans[3 * row + 1] = span.end;
      this.spans[3 * row + 2] = span.line;
    } else {
      // No text to read it again from: keep the object.
      this.objects[row] = incident;
    }
  }

  get length(): number {
    return this.columns.length;
  }

  /** What it has collected, to be appended to another collector's rows (appendRows): for rows with spans only. */
  rows(): CollectedRows {
    const n = this.columns.length;
    if (this.objects.length > 0) throw new Error('Rows without a span cannot be moved.');
    return { columns: this.columns.finish(), placeCodes: this.columns.placeCodes(), idHash: this.idHash.slice(0, n), spans: this.spans.slice(0, 3 * n) };
  }

  appendRows(rows: unknown, from: number, to: number, shift: RowShift): void {
    const other = rows as CollectedRows;
    if (this.codesFrom?.rows !== other) this.codesFrom = { rows: other, codes: columnCodes(other.columns, shift.ids) };
    const row = this.columns.length;
    this.columns.appendRows(other.columns, other.placeCodes, from, to, this.codesFrom.codes);
    const n = this.columns.length;
    if (n > this.idHash.length) {
      this.idHash = growTo(this.idHash, n);
      this.spans = growTo(this.spans, 3 * this.idHash.length);
    }
    this.idHash.set(other.idHash.subarray(from, to), row);
    const spans = this.spans, theirs = other.spans;
    for (let k = 0; k < to - from; k++) {
      const a = 3 * (row + k), b = 3 * (from + k);
      spans[a] = theirs[b]! + shift.start;
      spans[a + 1] = theirs[b + 1]! + shift.start;
      spans[a + 2] = theirs[b + 2]! + shift.line;
    }
  }

  /** The codes of the rows appendRows last took from (a file's second half: taken in several runs). */
  private codesFrom: { rows: CollectedRows; codes: ColumnCodes } | undefined;

  /**
   * The rows; `reread` reads a row again from its span (the import's result gives it when its rows came with spans).
   * `actorOrder` (the dataset's actors, in legend order) numbers the actor codes as rowsOfIncidents
   * does, instead of in the order the rows first named them.
   */
  finish(reread: ((span: RowSpan) => IncidentFeature) | undefined, actorOrder?: readonly string[]): IncidentRows {
    const n = this.columns.length;
    const spans = this.spans.slice(0, 3 * n);
    const objects = this.objects;
    const fromText = reread && objects.length === 0;
    if (!fromText && objects.length !== n) throw new Error('Rows without a span need their objects.');
    const columns = this.columns.finish();
    return {
      columns: actorOrder ? orderActorCodes(columns, actorOrder) : columns,
      placeCodes: this.columns.placeCodes(),
      idHash: this.idHash.slice(0, n),
      store: fromText ? new SpanStore(spans, reread) : objectStore(objects),
    };
  }
}


/** A collector's rows, to be moved to another thread and appended to another collector's (RowCollector.rows). */
export interface CollectedRows {
  columns: IncidentColumns;
  placeCodes: Uint32Array<ArrayBuffer>;
  idHash: Int32Array<ArrayBuffer>;
  /** start, end and line of each row. */
  spans: Uint32Array<ArrayBuffer>;
}

/** The buffers of collected rows, to transfer rather than copy. */
export function collectedBuffers(rows: CollectedRows): ArrayBuffer[] {
  return [...columnBuffers(rows.columns), rows.placeCodes.buffer, rows.idHash.buffer, rows.spans.buffer];
}

/** Rows read again from the file's text when asked for; the last few thousand are kept, as a popup, its list row and its story ask for the same one. */
class SpanStore implements IncidentStore {
  private readonly cache = new Map<number, IncidentFeature>();
  readonly length: number;

  constructor(private readonly spans: Uint32Array, private readonly reread: (span: RowSpan) => IncidentFeature, private readonly cacheSize = 4096) {
    this.length = spans.length / 3;
  }

  get(row: number): IncidentFeature {
    let incident = this.cache.get(row);
    if (incident) {
      // Most recently used last: Map keeps insertion order.
      this.cache.delete(row);
    } else {
      incident = this.read(row);
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(row, incident);
    return incident;
  }

  read(row: number): IncidentFeature {
    if (!(row >= 0 && row < this.length)) throw new RangeError(`No row ${row}`);
    const s = this.spans;
    return this.reread({ start: s[3 * row]!, end: s[3 * row + 1]!, line: s[3 * row + 2]! });
  }
}
