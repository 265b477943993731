import { DatasetBuilder, SIGNATURE, detectCsvFormat, idText, mapRecord, type EventDataFormat } from './dataset-builder';
import { ACLED_FORMAT } from './acled/acled-record';
import { CsvReader, csvRowReader, readCsv, type CsvReadOptions } from './csv/parse-csv';
import { CsvHalfReader, type CsvHalf } from './csv-halves';
import { PieceText, type KeptText } from './csv/text-pieces';
import type { EventDefinitions } from './event-definitions';
import type { IncidentFeature } from './incident-types';
import type { RecordMapping, SourceRecord } from './record-cells';
import { UCDP_FORMAT, mapUcdpRecord } from './ucdp/ucdp-record';
import { featureWhere, type DatasetResult, type IncidentSink, type LoadedDataset, type RowShift, type RowSpan } from './validate-dataset';

export type { EventDataFormat };
export { detectCsvFormat };

export type ImportProgress = (fraction: number) => void;

/** A UCDP GED GeoJSON feature, unpacked by the caller: its properties, its Point's coordinates, and its place in the file (from 0). */
export interface UcdpFeatureRecord {
  properties: SourceRecord | null | undefined;
  /** The feature's geometry.coordinates when it is a Point; these take precedence over latitude/longitude properties. */
  coordinates?: unknown;
  index: number;
}

/** A UCDP GED CSV export (UCDP's column names) → incidents, plus every row not loaded and why. */
export function importUcdpCsv(text: string, fileName: string, onProgress?: ImportProgress): LoadedDataset {
  return importCsv(UCDP_FORMAT, text, fileName, onProgress);
}

/** An ACLED CSV export (the codebook's column names) → incidents, plus every row not loaded and why. */
export function importAcledCsv(text: string, fileName: string, onProgress?: ImportProgress): LoadedDataset {
  return importCsv(ACLED_FORMAT, text, fileName, onProgress);
}

/**
 * A CSV of either kind, told apart by its header in the same pass that reads it. The one error is
 * a file that is neither: then nothing can be read as incidents.
 *
 * With a `sink`, each incident goes there as it loads, with its row's span, and the dataset's
 * `incidents` stay empty; the result's `reread` reads an incident again from its span and `text`.
 * A sink is given a plain row in its quick form (ucdp-quick.ts, acled-quick.ts: every field its
 * columns need, the text fields empty) unless `quick` is false; `reread` always gives it in full.
 */
export function importEventCsv(text: string | readonly string[], fileName: string, onProgress?: ImportProgress, sink?: IncidentSink, options: { quick?: boolean } = {}): DatasetResult {
  const pieces = typeof text === 'string' ? [text] : text;
  const reading = new EventCsvImport(fileName, { ...options, ...(sink ? { sink } : {}), ...(onProgress ? { onProgress } : {}), totalLength: pieces.reduce((sum, piece) => sum + piece.length, 0) });
  for (const piece of pieces) if (!reading.push(piece)) break;
  return reading.finish();
}

export interface CsvImportOptions {
  /** Takes each incident as it loads, with its row's span (see importEventCsv). */
  sink?: IncidentSink;
  /** A sink gets plain rows in their quick form; false: the full mapping for every row. */
  quick?: boolean;
  onProgress?: ImportProgress;
  /** The whole text's length, when known: progress is reported against it. */
  totalLength?: number;
  /** Where the text is kept for reading rows again (with a sink); the pieces as strings unless given. */
  keptText?: KeptText;
}

/**
 * importEventCsv a piece of the text at a time, as a file streams in (pieces cut after a row's
 * line break: text-pieces.ts): push each, then finish. A row's span is its place in the whole text.
 */
export class EventCsvImport {
  private format: EventDataFormat | undefined;
  private builder: DatasetBuilder | undefined;
  private readonly reader: CsvReader;
  private readonly sink: IncidentSink | undefined;
  private readonly kept: KeptText | undefined;

  constructor(private readonly fileName: string, { sink, quick = true, onProgress, totalLength, keptText }: CsvImportOptions = {}) {
    this.sink = sink;
    this.kept = sink ? keptText ?? new PieceText() : undefined;
    this.quick = quick;
    this.reader = new CsvReader({
      onHeader: (names) => {
        this.format = detectCsvFormat(names);
        if (this.format) this.builder = new DatasetBuilder(this.format, 'row', names, sink, quick);
        return this.format !== undefined;
      },
      ...this.rows,
      ...(onProgress ? { onProgress } : {}),
    }, totalLength);
  }

  private readonly quick: boolean;

  /** Where the rows go, as the reader reads them. */
  private readonly rows: Pick<CsvReadOptions, 'onRecord' | 'onCells'> = {
    onRecord: (record) => this.builder?.addCsvRecord(record),
    // The quick read, of a row's cells where they are (the builder has one only with a sink).
    onCells: (cells, index, line, start, end) => this.builder?.addQuick(cells, index, line, start, end) ?? false,
  };

  /**
   * The header and line break for reading the rest of the file in another worker (CsvHalfReader),
   * once the header is read; undefined when the rest cannot be taken over (appendHalf): a file of
   * another kind, rows kept as objects or read in full, a header the quick read cannot use.
   */
  get halfReading(): { header: string[]; linebreak: string } | undefined {
    const { header, linebreak } = this.reader.summary;
    if (!this.builder || !this.kept || !this.quick || !this.sink?.appendRows || this.reader.hasStopped || !CsvHalfReader.canRead(header)) return undefined;
    return { header, linebreak };
  }

  /**
   * Whether the rest of the file, read by another worker (CsvHalfReader) from the end of the text
   * pushed so far, can be taken over (appendHalf): when halfReading says so, unless a row it loaded
   * has the id of one loaded here (which of them loads, and what the other's rejection says, is
   * this import's to say). If not, the half's text is pushed here instead.
   */
  acceptsHalf(half: CsvHalf<unknown>): boolean {
    if (this.accepted === half) return true;
    const accepts = this.halfReading !== undefined && !this.builder!.loadedAny(half.idNumbers, half.idTexts);
    if (accepts) this.accepted = half;
    return accepts;
  }

  /** The half acceptsHalf last said yes to (appendHalf does not look through its ids again). */
  private accepted: CsvHalf<unknown> | undefined;

  /**
   * Takes over the rest of the file (acceptsHalf), as if its text had been pushed: the text so far
   * must end where a row starts, and the kept text (options.keptText) must already hold the half's
   * text after it.
   */
  appendHalf(half: CsvHalf<unknown>): void {
    const { builder, reader, kept, sink } = this;
    if (!builder || !kept || !sink?.appendRows || !this.acceptsHalf(half)) throw new Error('This import cannot take over the rest of the file.');
    const at = reader.position;
    if (kept.length !== at.base + half.length) throw new Error(`The kept text is ${kept.length} characters long, not the ${at.base} read here and the half's ${half.length}.`);
    const shift: RowShift = { start: at.base, line: at.line - 1, ids: { actors: new Map(), outlets: new Map() } };
    for (const { id, row, line } of half.repeated) builder.noteLoaded(id, at.rowCount + row, line + shift.line);
    const { loaded, deferred, names, namedAt } = half;
    const { header, linebreak } = reader.summary;
    // Names, loaded rows and rows left here are taken in the order of the rows, as one import reads them.
    const named = { actors: 0, outlets: 0, eventTypes: 0 };
    const takeNames = (before: number) => {
      const upTo = (rows: readonly number[], from: number) => {
        let to = from;
        while (to < rows.length && rows[to]! < before) to++;
        return to;
      };
      const to = { actors: upTo(namedAt.actors, named.actors), outlets: upTo(namedAt.outlets, named.outlets), eventTypes: upTo(namedAt.eventTypes, named.eventTypes) };
      const changes = builder.definitions.takeNames({
        actors: names.actors.slice(named.actors, to.actors), outlets: names.outlets.slice(named.outlets, to.outlets), eventTypes: names.eventTypes.slice(named.eventTypes, to.eventTypes),
      });
      for (const [id, here] of changes.actors) shift.ids.actors.set(id, here);
      for (const [id, here] of changes.outlets) shift.ids.outlets.set(id, here);
      Object.assign(named, to);
    };
    let taken = 0;
    const takeLoaded = (before: number) => {
      takeNames(before);
      let to = taken;
      while (to < loaded.length && loaded[to]! < before) to++;
      if (to > taken) sink.appendRows!(half.rows, taken, to, shift);
      taken = to;
    };
    for (let d = 0; d < deferred.length; d += 4) {
      const index = deferred[d]!, line = deferred[d + 1]!, start = deferred[d + 2]!, end = deferred[d + 3]!;
      takeLoaded(index);
      // The row as this import reads its own: the same messages and line as reading the whole file.
      const again = new CsvReader({ after: { header, linebreak, base: at.base + start, line: line + shift.line, rowCount: at.rowCount + index }, ...this.rows });
      again.push(kept.slice(at.base + start, at.base + end));
    }
    takeLoaded(Infinity);
    builder.takeCounts(half.counts, shift.ids);
    this.accepted = undefined;
    reader.skip(half.length, half.lines, half.rowCount, half.emptyLines);
  }

  /** Reads the next piece; false once the header has shown the file is neither UCDP nor ACLED. */
  push(piece: string): boolean {
    const more = this.reader.push(piece);
    // With a sink the text is kept, to read a row again from (not once the file proved of another kind).
    if (more) this.kept?.add(piece);
    return more;
  }

  /** Whether the text read so far is kept (with a sink, until the file proves of another kind). */
  get keepsText(): boolean {
    return this.kept !== undefined && !this.reader.hasStopped;
  }

  finish(): DatasetResult {
    const summary = this.reader.finish();
    this.kept?.finish?.();
    const { format, builder, fileName } = this;
    if (!format || !builder) {
      const what = summary.header.length ? `its first line names the columns ${summary.header.slice(0, 6).map((h) => `"${h}"`).join(', ')}${summary.header.length > 6 ? '…' : ''}` : 'it is empty';
      return {
        ok: false,
        error: `${fileName} is not a UCDP GED or ACLED CSV file, so it cannot be read: ${what}. A UCDP GED file has the columns ${SIGNATURE['ucdp-ged'].join(', ')}; an ACLED file has ${SIGNATURE.acled.join(', ')}.`,
      };
    }
    const dataset = builder.finish(fileName, summary.rowCount, summary.warnings);
    if (!this.kept) return { ok: true, dataset };
    return { ok: true, dataset, reread: rowRereader(this.kept, fileName, summary.header, summary.linebreak, format, builder.definitions) };
  }
}

/**
 * Reads a loaded row again from its span. Made in a function of its own so that the closure holds
 * only what it needs: one made inside importEventCsv would keep the whole DatasetBuilder (every
 * id it has seen) alive as long as the rows are.
 */
function rowRereader(text: Pick<string, 'slice'>, fileName: string, header: readonly string[], linebreak: string, format: EventDataFormat, definitions: EventDefinitions): (span: RowSpan) => IncidentFeature {
  const readRow = csvRowReader(header, linebreak);
  return ({ start, end, line }) => {
    const mapping = mapRecord(format, readRow(text.slice(start, end)), line, definitions);
    if (!mapping.ok) throw new Error(`Line ${line} of ${fileName} loaded once but not again: ${mapping.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    return mapping.incident;
  };
}


/**
 * UCDP GED GeoJSON features → incidents, a feature at a time (`add` each, then `finish`), as a
 * GeoJSON file streams in or from one read whole. Rejections name the feature by its position
 * (from 1) and UCDP id; the incident's origin row is the feature's index (from 0). With a `sink`,
 * each incident goes to it with the span of its feature's text, and `rereader` reads one again
 * from the text.
 */
export class UcdpFeatureImport {
  private readonly builder: DatasetBuilder;

  constructor(sink?: IncidentSink) {
    this.builder = new DatasetBuilder(UCDP_FORMAT, 'feature', undefined, sink);
  }

  /** The next feature; `span` (with a sink) is where its text is. */
  add(record: UcdpFeatureRecord, span?: RowSpan): void {
    const { builder } = this;
    builder.add(ucdpFeatureMapping(record, builder.definitions), () => featureName(record), record.index, span, -1);
  }

  finish(fileName: string, featureCount: number): LoadedDataset {
    return this.builder.finish(fileName, featureCount, []);
  }

  /**
   * Reads a loaded feature again: `feature` gives its record from its span (parsed from the file's
   * text, as the GeoJSON reader unpacks it). Holds the definitions, not the builder.
   */
  rereader(fileName: string, feature: (span: RowSpan) => UcdpFeatureRecord): (span: RowSpan) => IncidentFeature {
    const definitions = this.builder.definitions;
    return (span) => {
      const record = feature(span);
      const mapping = ucdpFeatureMapping(record, definitions);
      if (!mapping.ok) throw new Error(`${featureName(record)} of ${fileName} loaded once but not again: ${mapping.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
      return mapping.incident;
    };
  }
}

function featureName({ properties, index }: UcdpFeatureRecord): string {
  return featureWhere(index, properties ? idText(properties.id) : undefined);
}

function ucdpFeatureMapping({ properties, coordinates, index }: UcdpFeatureRecord, definitions: EventDefinitions): RecordMapping {
  return properties && typeof properties === 'object'
    ? mapUcdpRecord(properties, index, definitions, coordinates)
    : { ok: false, id: undefined, problems: [{ field: 'properties', message: `should be an object of UCDP fields, but is ${properties === null ? 'null' : 'missing'}` }] };
}

function importCsv(format: EventDataFormat, text: string, fileName: string, onProgress: ImportProgress | undefined): LoadedDataset {
  let builder = new DatasetBuilder(format, 'row');
  const summary = readCsv(text, {
    onHeader: (header) => { builder = new DatasetBuilder(format, 'row', header); },
    onRecord: (record) => builder.addCsvRecord(record),
    ...(onProgress ? { onProgress } : {}),
  });
  if (summary.header.length === 0) summary.warnings.push({ where: fileName, message: 'is empty: it has no header line and no rows' });
  return builder.finish(fileName, summary.rowCount, summary.warnings);
}


