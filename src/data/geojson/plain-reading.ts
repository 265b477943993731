import type { DatasetMetadata, IncidentFeature } from '../incident-types';
import { featureWhere, type IncidentSink, type LoadedDataset, type Rejection, type RowSpan, type StructuralProblems, type Warning } from '../validate-dataset';
import { featureWarning, triageFeature } from './feature-triage';
import { PlainFeatureReader } from './plain-feature';

/**
 * Someone else's GeoJSON, a feature at a time: each is sorted (triageFeature) and its point read
 * as an incident (PlainFeatureReader). With a `sink`, each incident goes to it with its span, whose
 * `line` is the feature's index (as for UCDP's features), and `rereader` reads it again from the
 * text; without one, the incidents come back in the dataset.
 */
export class PlainFeatures {
  /** The reader's warnings and the structural check's, in the order of the features. */
  private readonly warnings: Warning[] = [];
  private readonly reader = new PlainFeatureReader(this.warnings);
  private readonly incidents: IncidentFeature[] = [];
  private readonly rejected: Rejection[] = [];

  constructor(private readonly sink?: IncidentSink) {}

  add(raw: unknown, index: number, problems: StructuralProblems | undefined, bare = false, span?: RowSpan): void {
    const sorted = triageFeature(raw, index, problems, bare);
    if ('reasons' in sorted) return void this.rejected.push(sorted);
    if (!sorted.point) {
      this.rejected.push({ where: sorted.where, index, ...(sorted.id !== undefined ? { id: sorted.id } : {}), reasons: [{ field: 'geometry', message: 'is null: the feature has no location, so it cannot be placed on the map' }] });
      return;
    }
    const read = this.reader.read(sorted.feature, index, sorted.point);
    if (!read.ok) {
      this.rejected.push({ where: featureWhere(index, read.id), index, ...(read.id ? { id: read.id } : {}), reasons: read.reasons });
      return;
    }
    if (this.sink) this.sink.add(read.incident, span && { start: span.start, end: span.end, line: index });
    else this.incidents.push(read.incident);
    for (const w of problems?.warnings ?? []) this.warnings.push(featureWarning(index, read.incident.id, w));
  }

  /** The dataset: the file's own warnings first, then the features'. */
  finish(metadata: DatasetMetadata, fileWarnings: readonly Warning[], featureCount: number): LoadedDataset {
    const { reader } = this;
    const eventTypes = reader.finishEventTypes();
    reader.finish();
    return {
      metadata, actors: reader.actors, sources: reader.sources, eventTypes,
      incidents: this.incidents, rejected: this.rejected, warnings: [...fileWarnings, ...this.warnings], featureCount, itemUnit: 'feature',
    };
  }

  /** Reads a loaded feature again from its span in `text` (its `line` is the feature's index). */
  rereader(text: Pick<string, 'slice'>): (span: RowSpan) => IncidentFeature {
    const { reader } = this;
    return ({ start, end, line }) => {
      const sorted = triageFeature(JSON.parse(text.slice(start, end)), line, undefined);
      if ('reasons' in sorted || !sorted.point) throw new Error(`feature ${line + 1} loaded once but not again`);
      return reader.readAgain(sorted.feature, line, sorted.point);
    };
  }
}
