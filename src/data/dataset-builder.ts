import { acledQuickReader } from './acled/acled-quick';
import { ACLED_EVENT_TYPES, ACLED_FORMAT, OTHER_TYPE_SHAPE, mapAcledRecord } from './acled/acled-record';
import type { CsvRecord } from './csv/parse-csv';
import type { RowCells } from './csv/row-cells';
import { EventDefinitions, IncidentTally, type IdChanges, type TallyCounts } from './event-definitions';
import { describeEventDataset } from './event-metadata';
import type { FieldProblem } from './field-checks';
import type { IncidentFeature } from './incident-types';
import type { QuickReader } from './quick-cells';
import type { RecordMapping, SourceRecord } from './record-cells';
import { SeenIds } from './seen-ids';
import { ucdpQuickReader } from './ucdp/ucdp-quick';
import { UCDP_FORMAT, mapUcdpRecord } from './ucdp/ucdp-record';
import { UCDP_SOURCE, UCDP_SOURCE_ID } from './ucdp/ucdp-sources';
import { ACLED_SOURCE, ACLED_SOURCE_ID } from './acled/acled-record';
import { featureWhere, type IncidentSink, type LoadedDataset, type Rejection, type RowSpan, type Warning } from './validate-dataset';

export type EventDataFormat = typeof UCDP_FORMAT | typeof ACLED_FORMAT;

/** Columns that tell the formats apart; every one must be in the header. */
export const SIGNATURE: Record<EventDataFormat, readonly string[]> = {
  'ucdp-ged': ['id', 'type_of_violence', 'side_a', 'side_b', 'best', 'where_prec', 'date_prec'],
  acled: ['event_id_cnty', 'event_date', 'event_type', 'actor1', 'fatalities', 'geo_precision'],
};


/** Which event dataset a CSV header belongs to, by UCDP's and ACLED's own column names; undefined for neither. */
export function detectCsvFormat(headerFields: readonly string[]): EventDataFormat | undefined {
  const names = new Set(headerFields.map((name) => name.trim()));
  return (Object.keys(SIGNATURE) as EventDataFormat[]).find((format) => SIGNATURE[format].every((column) => names.has(column)));
}

/** Columns without which no row can load: their absence is said once for the file, as well as on every row. */
export const REQUIRED: Record<EventDataFormat, readonly string[]> = {
  'ucdp-ged': ['id', 'latitude', 'longitude', 'date_start', 'date_end', 'date_prec', 'where_prec', 'type_of_violence', 'best'],
  acled: ['event_id_cnty', 'latitude', 'longitude', 'event_date', 'time_precision', 'geo_precision', 'event_type'],
};

const NO_WARNINGS: FieldProblem[] = [];

export const ID_FIELD: Record<EventDataFormat, string> = { 'ucdp-ged': 'id', acled: 'event_id_cnty' };

export function mapRecord(format: EventDataFormat, cells: SourceRecord, line: number, definitions: EventDefinitions): RecordMapping {
  return format === UCDP_FORMAT ? mapUcdpRecord(cells, line, definitions) : mapAcledRecord(cells, line, definitions);
}

export function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Everything one import collects: the incidents, each row not loaded (with every reason), and
 * warnings. Every row ends up in exactly one of incidents and rejected.
 */
export class DatasetBuilder {
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
    this.quick = quick && sink && header ? quickReaderOf(format, header) : undefined;
    this.definitions = definitionsOf(format);
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

  /**
   * Whether any of these ids (another import's loaded rows: numbers, or -1 for the next of `texts`)
   * is an id this one has loaded.
   */
  loadedAny(numbers: Int32Array, texts: readonly string[]): boolean {
    let t = 0;
    for (let k = 0; k < numbers.length; k++) {
      const n = numbers[k]!;
      if (n >= 0 ? this.loadedAt.hasNumber(n) : this.loadedAt.entryOf(texts[t++]!) !== undefined) return true;
    }
    return false;
  }

  /** A row another import loaded, taken over here (takeCounts has its tally): its id, for the rows after it. */
  noteLoaded(id: string, index: number, line: number): void {
    if (this.loadedAt.addIfNew(id) !== undefined) throw new Error(`Id "${id}" taken over twice.`);
    this.firstIndex.push(index);
    this.firstLine.push(line);
  }

  /**
   * Another import's counts of the rows it loaded, taken over, its ids changed as `ids` says
   * (EventDefinitions.takeNames, for every name its rows use).
   */
  takeCounts(counts: TallyCounts, ids: IdChanges): void {
    this.tally.takeCounts(counts, ids);
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

/** The quick read of a format's rows with this header (undefined when it lacks a column the quick read needs). */
export function quickReaderOf(format: EventDataFormat, header: readonly string[]): QuickReader | undefined {
  return format === UCDP_FORMAT ? ucdpQuickReader(header) : acledQuickReader(header);
}

/** The definitions an import of the format starts with: the dataset's own coders as a source. */
export function definitionsOf(format: EventDataFormat): EventDefinitions {
  return new EventDefinitions(format === UCDP_FORMAT ? { [UCDP_SOURCE_ID]: UCDP_SOURCE } : { [ACLED_SOURCE_ID]: ACLED_SOURCE });
}
