import { MAX_STRING_LENGTH, type KeptText } from '../csv/text-pieces';
import { isObject, type JsonObject } from '../field-checks';
import { DATASET_MEMBERS, type DatasetResult, type IncidentSink, type RowSpan, type StructuralProblems } from '../validate-dataset';
import { checkFeature, duplicateKeyIssues } from './check-geojson';
import { FeatureStream, type EntryReader } from './feature-stream';
import type { DuplicateKey } from './find-duplicate-keys';
import { otherReading, ourReading, type FeatureReading } from './feature-readings';
import { importGeoJsonValue, isOurFormat, problemsOf, sortIssues } from './import-geojson';
import type { RecordImporters } from './ucdp-features';

/**
 * importGeoJsonText as the text streams in: a FeatureCollection's features are parsed a batch at
 * a time as their text comes (FeatureStream), and each is read at once (DatasetValidator for our
 * own format, decided at its head; UcdpFeatures or PlainFeatures, decided at its first feature
 * with properties, as importGeoJsonValue decides: feature-readings.ts), so that nothing waits for the last byte. With
 * a sink, the incidents go to it as they are read, with their spans in the file's text (`kept`,
 * KeptText), and the result's `reread` reads one again from the text: no incident object is kept,
 * as for a CSV. Features before the first with properties wait, kept, until that one comes (or
 * to the end, if none does). What the stream does not follow, and a file whose root members
 * after its features would change how it was read (DATASET_MEMBERS), `finish` leaves to
 * importGeoJsonText, to be read from the whole text, with the same result.
 */
export class GeoJsonImport implements EntryReader {
  private readonly stream = new FeatureStream(this);
  /** The root's members before the features list, when it is a FeatureCollection. */
  private head: JsonObject | undefined;
  /** The features as they are read, once the file says how (our format at its head, UCDP at its first properties). */
  private reading: FeatureReading | undefined;
  /** Whether every feature is kept for the end (a root that is not a FeatureCollection, or features too long to keep). */
  private keepsAll = false;
  /** Features kept: those before the first with properties until then, or all of them (keepsAll). */
  private features: unknown[] = [];
  private waiting: { problems: StructuralProblems | undefined; span: RowSpan }[] = [];
  /** How many of the list's repeated members have been given to the features they are in. */
  private duplicatesTaken = 0;
  /** The kept features' text, in characters, and whether it is longer than one string can be. */
  private keptLength = 0;
  private tooLong = false;

  constructor(
    private readonly fileName: string, private readonly kept: KeptText, private readonly recordImporters: RecordImporters = {},
    private readonly sink?: IncidentSink,
  ) {}

  push(chunk: string): void {
    this.stream.push(chunk);
  }

  begin(head: string): void {
    let root: unknown;
    try {
      root = JSON.parse(`${head}]}`);
    } catch {
      return;
    }
    if (!isObject(root) || root.type !== 'FeatureCollection') return;
    this.head = root;
    if (isOurFormat(root)) this.reading = ourReading(root, this.fileName, this.sink);
  }

  entries(entries: unknown[], first: number, spans: readonly RowSpan[], duplicates: readonly DuplicateKey[]): void {
    for (let k = 0; k < entries.length; k++) {
      const index = first + k;
      const entry = entries[k];
      if (this.keepsAll) {
        this.keep(entry, spans[k]!);
        continue;
      }
      const issues = checkFeature(entry, index);
      // The list's repeated members come in text order, so in the order of the features they are in.
      for (; this.duplicatesTaken < duplicates.length; this.duplicatesTaken++) {
        const [issue] = duplicateKeyIssues([duplicates[this.duplicatesTaken]!]);
        if (issue!.featureIndex !== index) break;
        issues.push(issue!);
      }
      const problems = issues.length ? problemsOf(issues, true) : undefined;
      if (this.reading) {
        this.reading.add(entry, index, problems, spans[k]!);
        continue;
      }
      this.keep(entry, spans[k]!);
      this.waiting.push({ problems, span: spans[k]! });
      if (isObject(entry) && isObject(entry.properties)) this.decide(entry.properties);
    }
  }

  /**
   * Keeps a feature for the end, as long as their text is no longer than the whole text could be:
   * beyond, their objects would not fit either, and the file gets the same message as one too long
   * to read whole (DatasetImport).
   */
  private keep(feature: unknown, span: RowSpan): void {
    this.keptLength += span.end - span.start;
    if (this.tooLong) return;
    if (this.keptLength > MAX_STRING_LENGTH) {
      this.tooLong = true;
      this.features = [];
      return;
    }
    this.features.push(feature);
  }

  /** How a file not in our format is read, from its first feature's properties (otherReading, as the whole text's reading chooses). */
  private decide(properties: JsonObject): void {
    // (Features too long to keep are not read here: the file will be said to be too long.)
    if (!this.head || this.tooLong) {
      this.keepsAll = true;
      this.waiting = [];
      return;
    }
    const reading = otherReading(properties, this.recordImporters, this.fileName, this.sink);
    this.features.forEach((feature, index) => reading.add(feature, index, this.waiting[index]!.problems, this.waiting[index]!.span));
    this.features = [];
    this.waiting = [];
    this.reading = reading;
  }

  /** The import's result, or undefined when the whole text is to be read (importGeoJsonText). */
  finish(): DatasetResult | undefined {
    const streamed = this.stream.finish();
    if (streamed && !this.reading && !this.tooLong) {
      streamed.root.features = this.features;
      return importGeoJsonValue(streamed.root, this.fileName, this.recordImporters, streamed.duplicates, this.sink);
    }
    // Read as the head said: root members whose value after the features is not what the head said
    // (named again after the list: a repeat is an error, but only the first 100 are looked for) are read whole.
    const head = this.head;
    const changed = (root: JsonObject) => DATASET_MEMBERS.some((key) => key in root && (!(key in head!) || JSON.stringify(root[key]) !== JSON.stringify(head![key])));
    if (!streamed || !head || this.tooLong || changed(streamed.root)) {
      if (this.reading) this.sink?.clear();
      return undefined;
    }
    const { root, duplicates, featureCount } = streamed;
    // The root's problems (its features' were read with them, and are not in its empty list).
    const sorted = sortIssues(root, this.fileName, duplicates);
    if (!sorted.ok) {
      this.sink?.clear();
      return sorted;
    }
    const reading = this.reading!;
    const dataset = reading.finish(root, sorted.warnings, featureCount);
    return this.sink ? { ok: true, dataset, reread: reading.rereader(this.kept) } : { ok: true, dataset };
  }
}
