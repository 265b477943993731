import { isObject, type FieldProblem } from '../field-checks';
import type { IncidentFeature } from '../incident-types';
import type { IncidentSink, LoadedDataset, Rejection, RowSpan, StructuralProblems, Warning } from '../validate-dataset';
import { featureWarning, triageFeature, type ToRead } from './feature-triage';

/** One feature handed to a record reader: its properties, its point if it has one, its position in the file. */
export interface GeoJsonRecord {
  properties: Record<string, unknown>;
  /** [longitude, latitude]; absent when the feature's geometry is null (the record may say where in its properties). */
  coordinates?: [number, number];
  /** Position in the file's `features`, from 0. */
  index: number;
}

/**
 * Readers for datasets with a known schema, supplied by the caller so that this module does not
 * depend on them. `ucdp` makes an import of UCDP GED features (UcdpFeatureImport), which receives
 * every feature that passed the structural check and is a point or has no geometry, in order, and
 * says what it loaded and rejected (rejections carrying the record's index). With a `sink`, each
 * incident goes to it with the span given with its record.
 */
export interface RecordImporters {
  ucdp?: (sink?: IncidentSink) => RecordImport;
  /** Hears of each whole percent of a UCDP file's features read, when it is read whole (streamed, the reading's progress says it). */
  onProgress?: (fraction: number) => void;
}

export interface RecordImport {
  add(record: GeoJsonRecord, span?: RowSpan): void;
  finish(fileName: string, featureCount: number): LoadedDataset;
  /** Reads a loaded record's incident again, `record` giving the record from its span. */
  rereader(fileName: string, record: (span: RowSpan) => GeoJsonRecord): (span: RowSpan) => IncidentFeature;
}

const UCDP_SIGNATURE = ['type_of_violence', 'side_a', 'side_b', 'best'];

/** True for the properties of a UCDP GED event (its own field names). */
export function looksLikeUcdp(properties: unknown): boolean {
  return isObject(properties) && UCDP_SIGNATURE.every((key) => key in properties);
}

/**
 * UCDP's GeoJSON, a feature at a time: a feature the structural check or its geometry rules out is
 * rejected here, every other goes to the UCDP import as a record. A feature's span (with a sink)
 * goes with it, its `line` the feature's index: the incident names it as its row, and reading it
 * again needs it.
 */
export class UcdpFeatures {
  private readonly rejected: Rejection[] = [];
  /** Structural warnings of the features given to the import, said unless the import rejects them. */
  private readonly warned: { index: number; warnings: FieldProblem[] }[] = [];

  private lastStep = -1;

  /** With a `total` of features, `onProgress` hears of each whole percent of them read. */
  constructor(private readonly importing: RecordImport, private readonly total?: number, private readonly onProgress?: (fraction: number) => void) {}

  add(raw: unknown, index: number, problems: StructuralProblems | undefined, bare = false, span?: RowSpan): void {
    // At each whole percent, as for CSV: the page re-renders on each call.
    if (this.onProgress && this.total) {
      const step = Math.floor(((index + 1) / this.total) * 100);
      if (step > this.lastStep) {
        this.lastStep = step;
        this.onProgress(step / 100);
      }
    }
    const sorted = triageFeature(raw, index, problems, bare);
    if ('reasons' in sorted) return void this.rejected.push(sorted);
    this.importing.add(recordOf(sorted, index), span && { start: span.start, end: span.end, line: index });
    if (problems?.warnings.length) this.warned.push({ index, warnings: problems.warnings });
  }

  finish(fileName: string, featureCount: number, fileWarnings: readonly Warning[]): LoadedDataset {
    const loaded = this.importing.finish(fileName, featureCount);
    const theirs = new Set(loaded.rejected.flatMap((r) => (r.index === undefined ? [] : [r.index])));
    const warnings = [...fileWarnings, ...loaded.warnings];
    for (const { index, warnings: its } of this.warned) {
      if (!theirs.has(index)) warnings.push(...its.map((w) => featureWarning(index, undefined, w)));
    }
    return {
      ...loaded,
      rejected: [...loaded.rejected, ...this.rejected].sort((a, b) => (a.index ?? -1) - (b.index ?? -1)),
      warnings,
      featureCount,
    };
  }

  /** Reads a loaded feature again from its span in `text` (its `line` is the feature's index). */
  rereader(text: Pick<string, 'slice'>, fileName: string): (span: RowSpan) => IncidentFeature {
    return this.importing.rereader(fileName, ({ start, end, line }) => {
      const sorted = triageFeature(JSON.parse(text.slice(start, end)), line, undefined);
      if ('reasons' in sorted) throw new Error(`${sorted.where} of ${fileName} loaded once but not again: ${sorted.reasons.map((r) => `${r.field} ${r.message}`).join('; ')}`);
      return recordOf(sorted, line);
    });
  }
}

function recordOf(sorted: ToRead, index: number): GeoJsonRecord {
  const properties = isObject(sorted.feature.properties) ? sorted.feature.properties : {};
  return { properties, ...(sorted.point ? { coordinates: sorted.point.coordinates } : {}), index };
}
