import { MAX_STRING_LENGTH, PieceSplitter, PieceText, type KeptText } from '../csv/text-pieces';
import { EventCsvImport, UcdpFeatureImport, type CsvImportOptions, type ImportProgress } from '../event-datasets';
import { GeoJsonImport } from '../geojson/geojson-stream';
import { importGeoJsonText } from '../geojson/import-geojson';
import type { RecordImporters } from '../geojson/ucdp-features';
import type { DatasetResult, IncidentSink } from '../validate-dataset';
import type { CsvHalf } from '../csv-halves';

export type { ImportProgress };

/**
 * Reads any supported file's text into incidents: our own dataset format, plain GeoJSON, UCDP GED
 * (CSV or GeoJSON) or ACLED (CSV). The one entry point for the browser (in a worker) and the
 * command line, so both load the same rows and reject the same ones.
 *
 * A `sink` takes the incidents of a CSV file as they load (see importEventCsv), and those of a
 * GeoJSON FeatureCollection as each feature is read as it streams in
 * (GeoJsonImport), with their spans. When the file has to be read whole, our format's go to it
 * too, without spans, and other GeoJSON's come back in the dataset.
 * The text may be pieces cut by PieceSplitter (text-pieces.ts).
 */
export function importDatasetText(text: string | readonly string[], fileName: string, onProgress?: ImportProgress, sink?: IncidentSink): DatasetResult {
  const pieces = typeof text === 'string' ? [text] : text;
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const reading = new DatasetImport(fileName, { ...(onProgress ? { onProgress } : {}), ...(sink ? { sink } : {}), totalLength: total });
  for (const piece of pieces) reading.push(piece);
  return reading.finish();
}

/**
 * importDatasetText a piece at a time, as the file streams in: a CSV file's rows are read as its
 * pieces arrive, so a file larger than one string can hold (ACLED's worldwide export) opens, and
 * reading overlaps the download. So are a GeoJSON FeatureCollection's features (GeoJsonImport).
 * GeoJSON's text is also kept until the end, to be parsed whole if the stream cannot be followed;
 * that caps such a file at one string's length, which is said plainly rather than failing
 * somewhere inside.
 */
export class DatasetImport {
  private csv: EventCsvImport | null | undefined;
  /** A JSON file's text: for features read again, or to be read whole (GeoJsonImport). */
  private readonly kept: KeptText;
  private length = 0;
  /** The start of the text while it is too short to tell CSV from JSON (all whitespace so far). */
  private opening = '';
  /** CSV or JSON, once the text so far says (kindOf): from the chunks written, or the pieces pushed. */
  private kind: 'csv' | 'json' | undefined;
  /** Cuts text written in chunks of any size into pieces (write); JSON is not cut. */
  private readonly splitter = new PieceSplitter();
  /** Reads a JSON file's features as they come (GeoJsonImport); its text is kept in case it cannot. */
  private readonly json: GeoJsonImport;
  private readonly importers: RecordImporters;

  /** `options` as for a CSV (a GeoJSON file uses onProgress only for UCDP's features read from the whole text). */
  constructor(private readonly fileName: string, private readonly options: Omit<CsvImportOptions, 'quick'> = {}) {
    this.importers = { ucdp: (sink) => new UcdpFeatureImport(sink), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
    this.kept = options.keptText ?? new PieceText();
    this.json = new GeoJsonImport(fileName, this.kept, this.importers, options.sink);
  }

  /** The next chunk of the text, cut anywhere (as a stream decodes it): it is cut into pieces here. */
  write(chunk: string): void {
    this.kind ??= kindOf(chunk, this.fileName);
    if (this.kind === 'json') {
      // Lines mean nothing in JSON: what the splitter holds, then the chunk as it is.
      this.push(this.splitter.end());
      this.push(chunk);
      return;
    }
    for (const piece of this.splitter.push(chunk)) this.push(piece);
  }

  /** The next piece, already cut after a row's line break (PieceSplitter); not to be mixed with write. */
  push(piece: string): void {
    if (piece.length === 0) return;
    this.length += piece.length;
    if (this.csv === undefined) {
      this.opening += piece;
      this.kind ??= kindOf(this.opening, this.fileName);
      if (this.kind === undefined) return;
      this.csv = this.kind === 'csv' ? new EventCsvImport(this.fileName, this.options) : null;
      piece = this.opening;
      this.opening = '';
    }
    if (this.csv) {
      this.csv.push(piece);
    } else {
      this.keep(piece);
      this.json.push(piece);
    }
  }

  /**
   * Keeps a JSON file's piece: for rows read again (with a sink), or for reading the file whole.
   * Without a sink, text beyond one string's length is not kept: the file could not be read whole.
   */
  private keep(piece: string): void {
    if (this.options.sink || this.length <= MAX_STRING_LENGTH) this.kept.add(piece);
  }

  /**
   * Whether the text is kept (given in the options, KeptText) to read rows again from: always for
   * JSON (GeoJsonImport), as long as the file is a CSV that may be read; undefined until that is
   * known. `next`, the chunk about to be written, may already show the file is JSON (a CSV's
   * header is read later, from its pieces).
   */
  keepsText(next = ''): boolean | undefined {
    if (this.csv) return this.csv.keepsText;
    return (this.kind ?? kindOf(next, this.fileName)) === 'json' ? true : undefined;
  }

  /** Whether the file may be a CSV: it is one, or nothing has shown it is not (its name, its first character). */
  get mayBeCsv(): boolean {
    return (this.kind ?? kindOf('', this.fileName)) !== 'json';
  }

  /**
   * The header and line break for reading the rest of a CSV file in another worker (CsvHalfReader),
   * when it can be taken over (EventCsvImport.halfReading).
   */
  get halfReading(): { header: string[]; linebreak: string } | undefined {
    return this.csv ? this.csv.halfReading : undefined;
  }

  /**
   * Ends the text written so far where the rest of a CSV file is to be read by another worker
   * (appendHalf): false unless the text ends where a row starts (not inside a quoted cell) and the
   * rest can be taken over (halfReading). Then the rest is written here, as it would have been.
   */
  endHalf(): boolean {
    if (this.kind !== 'csv' || !this.splitter.atRowStart) return false;
    this.push(this.splitter.end());
    return this.halfReading !== undefined;
  }

  /** Whether the rest of the file, read by another worker, can be taken over (EventCsvImport.acceptsHalf); else write its text. */
  acceptsHalf(half: CsvHalf<unknown>): boolean {
    return this.csv ? this.csv.acceptsHalf(half) : false;
  }

  /** The rest of the file, after endHalf, read by another worker (acceptsHalf): its text must be in the kept text already. */
  appendHalf(half: CsvHalf<unknown>): void {
    if (!this.csv) throw new Error('Only a CSV file is read in halves.');
    this.csv.appendHalf(half);
    this.length += half.length;
  }

  finish(): DatasetResult {
    this.push(this.splitter.end());
    if (this.csv === undefined) {
      this.csv = kindOf(this.opening, this.fileName, true) === 'csv' ? new EventCsvImport(this.fileName, this.options) : null;
      if (this.csv) {
        this.csv.push(this.opening);
      } else {
        this.keep(this.opening);
        this.json.push(this.opening);
      }
    }
    if (this.csv) return this.csv.finish();
    this.kept.finish?.();
    const streamed = this.json.finish();
    if (streamed) return streamed;
    // The stream could not be followed: the whole text is read, as JSON.parse reads it.
    if (this.length > MAX_STRING_LENGTH) {
      return {
        ok: false,
        error: `${this.fileName} is ${Math.round(this.length / 1e6)} million characters of JSON, and a browser cannot hold more than ${Math.floor(MAX_STRING_LENGTH / 1e6)} million in one text, which reading this file needs (only a FeatureCollection is read feature by feature as it comes). Open it as CSV (UCDP GED and ACLED export CSV), or split it into smaller files.`,
      };
    }
    return importGeoJsonText(this.kept.slice(0, this.kept.length), this.fileName, this.importers, this.options.sink);
  }
}

/**
 * CSV or JSON, by the name, or for a name that says nothing (a URL, "download") by the first
 * character that is not white space: undefined while there is none yet (unless at the end).
 */
function kindOf(start: string, fileName: string, atEnd = false): 'csv' | 'json' | undefined {
  if (/\.(csv|tsv|txt)$/i.test(fileName)) return 'csv';
  if (/\.(geo)?json$/i.test(fileName)) return 'json';
  const first = /\S/.exec(start.charCodeAt(0) === 0xfeff ? start.slice(1) : start)?.[0];
  if (first === undefined) return atEnd ? 'json' : undefined;
  return first !== '{' && first !== '[' ? 'csv' : 'json';
}
