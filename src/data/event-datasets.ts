import { acledQuickReader } from './acled/acled-quick';
import { ACLED_EVENT_TYPES, ACLED_FORMAT, ACLED_SOURCE, ACLED_SOURCE_ID, OTHER_TYPE_SHAPE, mapAcledRecord } from './acled/acled-record';
import { CsvReader, csvRowReader, readCsv, type CsvRecord } from './csv/parse-csv';
import type { RowCells } from './csv/row-cells';
import { PieceText, type KeptText } from './csv/text-pieces';
import { EventDefinitions, IncidentTally } from './event-definitions';
import { describeEventDataset } from './event-metadata';
import type { FieldProblem } from './field-checks';
import type { IncidentFeature } from './incident-types';
import type { RecordMapping, SourceRecord } from './record-cells';
import { SeenIds } from './seen-ids';
import type { QuickReader } from './quick-cells';
import { ucdpQuickReader } from './ucdp/ucdp-quick';
import { UCDP_FORMAT, mapUcdpRecord } from './ucdp/ucdp-record';
import { UCDP_SOURCE, UCDP_SOURCE_ID } from './ucdp/ucdp-sources';
import { featureWhere, type DatasetResult, type IncidentSink, type LoadedDataset, type Rejection, type RowSpan, type Warning } from './validate-dataset';

export type EventDataFormat = typeof UCDP_FORMAT | typeof ACLED_FORMAT;
export type ImportProgress = (fraction: number) => void;

/** A UCDP GED GeoJSON feature, unpacked by the caller: its properties, its Point's coordinates, and its place in the file (from 0). */
export interface UcdpFeatureRecord {
  properties: SourceRecord | null | undefined;
  /** The feature's geometry.coordinates when it is a Point; these take precedence over latitude/longitude properties. */
  coordinates?: unknown;
  index: number;
}

/** Columns that tell the formats apart; every one must be in the header. */
const SIGNATURE: Record<EventDataFormat, readonly string[]> = {
  'ucdp-ged': ['id', 'type_of_violence', 'side_a', 'side_b', 'best', 'where_prec', 'date_prec'],
  acled: ['event_id_cnty', 'event_date', 'event_type', 'actor1', 'fatalities', 'geo_precision'],
};

/** Columns without which no row can load: their absence is said once for the file, as well as on every row. */
const REQUIRED: Record<EventDataFormat, readonly string[]> = {
  'ucdp-ged': ['id', 'latitude', 'longitude', 'date_start', 'date_end', 'date_prec', 'where_prec', 'type_of_violence', 'best'],
  acled: ['event_id_cnty', 'latitude', 'longitude', 'event_date', 'time_precision', 'geo_precision', 'event_type'],
};

const NO_WARNINGS: FieldProblem[] = [];

const ID_FIELD: Record<EventDataFormat, string> = { 'ucdp-ged': 'id', acled: 'event_id_cnty' };

/** Which event dataset a CSV header belongs to, by UCDP's and ACLED's own column names; undefined for neither. */
export function detectCsvFormat(headerFields: readonly string[]): EventDataFormat | undefined {
  const names = new Set(headerFields.map((name) => name.trim()));
  return (Object.keys(SIGNATURE) as EventDataFormat[]).find((format) => SIGNATURE[format].every((column) => names.has(column)));
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
  private header: string[] = [];
  private readonly reader: CsvReader;
  private readonly sink: IncidentSink | undefined;
  private readonly kept: KeptText | undefined;

  constructor(private readonly fileName: string, { sink, quick = true, onProgress, totalLength, keptText }: CsvImportOptions = {}) {
    this.sink = sink;
    this.kept = sink ? keptText ?? new PieceText() : undefined;
    this.reader = new CsvReader({
      onHeader: (names) => {
        this.format = detectCsvFormat(names);
        this.header = names;
        if (this.format) this.builder = new DatasetBuilder(this.format, 'row', names, sink, quick);
        return this.format !== undefined;
      },
      onRecord: (record) => this.builder?.addCsvRecord(record),
      // The quick read, of a row's cells where they are (the builder has one only with a sink).
      onCells: (cells, index, line, start, end) => this.builder?.addQuick(cells, index, line, start, end) ?? false,
      ...(onProgress ? { onProgress } : {}),
    }, totalLength);
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
    return { ok: true, dataset, reread: rowRereader(this.kept, fileName, this.header, summary.linebreak, format, builder.definitions) };
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

function mapRecord(format: EventDataFormat, cells: SourceRecord, line: number, definitions: EventDefinitions): RecordMapping {
  return format === UCDP_FORMAT ? mapUcdpRecord(cells, line, definitions) : mapAcledRecord(cells, line, definitions);
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

function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Everything one import collects: the incidents, each row not loaded (with every reason), and
 * warnings. Every row ends up in exactly one of incidents and rejected.
 */
class DatasetBuilder {
  readonly definitions: EventDefinitions;
  private readonly incidents: IncidentFeature[] = [];
  private readonly tally = new IncidentTally();
  private readonly rejected: Rejection[] = [];
  private readonly warnings: Warning[] = [];
  /**
   * Where each loaded id was first seen, to name it when a later row repeats the id: an entry of
   * firstIndex and firstLine (numbers, made text only for a duplicate: a million strings would not be).
   */
  private readonly loadedAt = new SeenIds();
  private readonly firstIndex: number[] = [];
  private readonly firstLine: number[] = [];

  /**
   * The quick read of a row (into a sink): only what the sink's columns keep, as the sink reads a
   * row in full again when it is shown. Incidents kept as objects are always read in full.
   */
  private readonly quick: QuickReader | undefined;
  /** The span of the row addQuick is adding, one object for every row: the sink takes its numbers. */
  private readonly span: RowSpan = { start: 0, end: 0, line: 0 };

  /** @param itemUnit what the file's items are: a CSV's rows, or features of a GeoJSON file */
  constructor(private readonly format: EventDataFormat, private readonly itemUnit: LoadedDataset['itemUnit'], header?: readonly string[], private readonly sink?: IncidentSink, quick = true) {
    this.quick = quick && sink && header ? (format === UCDP_FORMAT ? ucdpQuickReader(header) : acledQuickReader(header)) : undefined;
    this.definitions = new EventDefinitions(format === UCDP_FORMAT ? { [UCDP_SOURCE_ID]: UCDP_SOURCE } : { [ACLED_SOURCE_ID]: ACLED_SOURCE });
    const missing = header && header.length ? REQUIRED[format].filter((column) => !header.includes(column)) : [];
    if (missing.length) {
      this.warnings.push({
        where: 'the header (line 1)',
        message: `has no ${missing.map((c) => `"${c}"`).join(', ')} ${missing.length === 1 ? 'column' : 'columns'}, which every ${format === UCDP_FORMAT ? 'UCDP GED' : 'ACLED'} row needs, so no row can be loaded`,
      });
    }
  }

  addCsvRecord(record: CsvRecord): void {
    const where = () => `row ${record.index + 1} (line ${record.line})`;
    if (record.problems.length) {
      this.add({ ok: false, id: idText(record.cells[ID_FIELD[this.format]]), problems: record.problems }, where, record.index, undefined);
      return;
    }
    this.add(mapRecord(this.format, record.cells, record.line, this.definitions), where, record.index, record);
  }

  /**
   * A row read the quick way, from its cells where they are (valid only during the call); false if
   * it is not plain enough for that, or there is no quick read: then it comes to addCsvRecord.
   */
  addQuick(cells: RowCells, index: number, line: number, start: number, end: number): boolean {
    const incident = this.quick?.(cells, line, this.definitions);
    if (!incident) return false;
    const span = this.span;
    span.start = start;
    span.end = end;
    span.line = line;
    this.add({ ok: true, incident, warnings: NO_WARNINGS }, () => `row ${index + 1} (line ${line})`, index, span);
    return true;
  }

  /**
   * `where` names the row or feature; it is only called for a row that is rejected or warned about.
   * `line` is the row's line in a CSV, -1 for a GeoJSON feature (which is named by its index).
   */
  add(mapping: RecordMapping, where: () => string, index: number, span: RowSpan | undefined, line = span ? span.line : -1): void {
    const id = mapping.ok ? mapping.incident.id : mapping.id;
    // A loaded row's id is added here, unless an earlier row has it.
    const earlier = id === undefined ? undefined : mapping.ok ? this.loadedAt.addIfNew(id) : this.loadedAt.entryOf(id);
    if (!mapping.ok || earlier !== undefined) {
      const duplicate: FieldProblem[] = earlier === undefined ? [] : [{
        field: ID_FIELD[this.format],
        message: `is "${id}", which ${this.whereFirst(earlier, id!)} already uses; ids must be unique so that a link finds one incident, so only the first is loaded`,
      }];
      const reasons = mapping.ok ? duplicate : [...mapping.problems, ...duplicate];
      this.rejected.push({ where: where(), index, ...(id !== undefined ? { id } : {}), reasons });
      return;
    }
    this.firstIndex.push(index);
    this.firstLine.push(line);
    this.tally.add(mapping.incident.properties);
    if (this.sink) this.sink.add(mapping.incident, span);
    else this.incidents.push(mapping.incident);
    for (const warning of mapping.warnings) this.warnings.push({ where: where(), message: `${warning.field} ${warning.message}` });
  }

  /** As the rows were named when read: "row 3 (line 4)" for CSV, 'feature 3 (id "17")' for GeoJSON. */
  private whereFirst(entry: number, id: string): string {
    const index = this.firstIndex[entry]!, line = this.firstLine[entry]!;
    return line >= 0 ? `row ${index + 1} (line ${line})` : featureWhere(index, id);
  }

  finish(fileName: string, rowCount: number, fileWarnings: readonly Warning[]): LoadedDataset {
    const { actors, sources, eventTypes } = this.definitions.finish(this.tally);
    const warnings = [...fileWarnings, ...this.warnings];
    if (this.format === ACLED_FORMAT) {
      for (const [id, type] of Object.entries(eventTypes)) {
        if (ACLED_EVENT_TYPES[id]) continue;
        const count = this.tally.typeCounts.get(id) ?? 0;
        warnings.push({
          where: `event type "${type.label}"`,
          message: `is not one of ACLED's six event types; its ${count} ${count === 1 ? 'incident is' : 'incidents are'} kept as a type of their own, drawn as a ${OTHER_TYPE_SHAPE} like Protests`,
        });
      }
    }
    return {
      metadata: describeEventDataset(this.format, fileName, this.tally.period()),
      actors, sources, eventTypes,
      incidents: this.incidents,
      rejected: this.rejected,
      warnings,
      featureCount: rowCount,
      itemUnit: this.itemUnit,
    };
  }
}
