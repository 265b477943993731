import { locateJsonError as locate } from '../parse-dataset';
import { isObject, type FieldProblem, type JsonObject } from '../field-checks';
import type { DatasetMetadata, IncidentFeature } from '../incident-types';
import { MAX_STRING_LENGTH, type KeptText } from '../csv/text-pieces';
import { DATASET_MEMBERS, DatasetValidator, type DatasetResult, type IncidentSink, type LoadedDataset, type Rejection, type RowSpan, type StructuralProblems, type Warning } from '../validate-dataset';
import { GEOMETRY_TYPES, checkFeature, checkGeoJson, duplicateKeyIssues, formatIssue, type GeoJsonIssue, type GeometryType } from './check-geojson';
import { FeatureStream, type EntryReader } from './feature-stream';
import { findDuplicateKeys, type DuplicateKey } from './find-duplicate-keys';
import { PlainFeatureReader, type PlainPoint } from './plain-feature';
import { errorMessage } from '../error-message';

/**
 * Opens any GeoJSON file: our own dataset format (handed to validateDataset, losslessly), UCDP GED
 * exported as GeoJSON (handed to a reader the caller supplies), or anyone's plain GeoJSON, whose
 * Point features become incidents. Every feature ends up loaded or listed as not loaded with its
 * reasons; only a file that is not GeoJSON at all, or is broken at its top level, is an error.
 */

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

export function importGeoJsonText(text: string, fileName: string, recordImporters: RecordImporters = {}, sink?: IncidentSink): DatasetResult {
  if (text.trim() === '') return { ok: false, error: `${fileName} is empty.` };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const detail = errorMessage(error);
    return { ok: false, error: `${fileName} is not valid JSON, so it cannot be read (${detail}${locate(body, detail)}).` };
  }
  return importGeoJsonValue(json, fileName, recordImporters, findDuplicateKeys(body), sink);
}

/**
 * importGeoJsonText as the text streams in: a FeatureCollection's features are parsed a batch at
 * a time as their text comes (FeatureStream). Our own format's and UCDP's are read at once, each
 * as it is parsed (DatasetValidator, UcdpFeatures), so that neither waits for the last byte. With
 * a sink, their incidents go to it as they are read, with their spans in the file's text (`kept`,
 * KeptText), and the result's `reread` reads one again from the text: no incident object is kept,
 * as for a CSV. Other GeoJSON's features are kept and read at the end, as importGeoJsonValue
 * reads them. What the stream does not follow, and a file whose root members after its features
 * would change how it was read (DATASET_MEMBERS), `finish` leaves to importGeoJsonText, to be read
 * from the whole text, with the same result.
 */
export class GeoJsonImport implements EntryReader {
  private readonly stream = new FeatureStream(this);
  /** The root's members before the features list, when it is a FeatureCollection. */
  private head: JsonObject | undefined;
  /** The features as they are read, once the file says how (our format at its head, UCDP at its first properties). */
  private reading: FeatureReading | undefined;
  /** Whether plain GeoJSON's features are kept for the end (decided at the first feature with properties). */
  private keepsAll = false;
  /** The reading gives its incidents to the sink as they come (there is one). */
  private streaming = false;
  /** Features kept: all of them for other GeoJSON, those before the first with properties until then. */
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
    this.streaming = this.sink !== undefined;
    if (isOurFormat(root)) this.reading = ourReading(new DatasetValidator(root, this.fileName, this.streaming ? this.sink : undefined));
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
    if (this.keptLength > MAX_STRING_LENGTH) this.tooLong = true;
    if (this.tooLong) this.features = [];
    else this.features.push(feature);
  }

  /** How a file not in our format is read, from its first feature's properties (as importGeoJsonValue decides). */
  private decide(properties: JsonObject): void {
    const ucdp = this.recordImporters.ucdp;
    // (Features too long to keep are not read here: the file will be said to be too long.)
    if (!this.head || !ucdp || this.tooLong || !looksLikeUcdp(properties)) {
      this.keepsAll = true;
      this.waiting = [];
      return;
    }
    const reading = ucdpReading(new UcdpFeatures(ucdp(this.streaming ? this.sink : undefined)), this.fileName);
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
      if (this.streaming && this.reading) this.sink!.clear();
      return undefined;
    }
    const { root, duplicates, featureCount } = streamed;
    // The root's problems (its features' were read with them, and are not in its empty list).
    const sorted = sortIssues(root, this.fileName, duplicates);
    if (!sorted.ok) {
      if (this.streaming) this.sink!.clear();
      return sorted;
    }
    const reading = this.reading!;
    const dataset = reading.finish(sorted.warnings, featureCount);
    return this.streaming ? { ok: true, dataset, reread: reading.rereader(this.kept) } : { ok: true, dataset };
  }
}

/** Features read one at a time, by our format's validator or UCDP's import. */
interface FeatureReading {
  add(feature: unknown, index: number, problems: StructuralProblems | undefined, span: RowSpan): void;
  finish(fileWarnings: Warning[], featureCount: number): LoadedDataset;
  rereader(text: Pick<string, 'slice'>): (span: RowSpan) => IncidentFeature;
}

function ourReading(validator: DatasetValidator): FeatureReading {
  return {
    add: (feature, index, problems, span) => validator.add(feature, index, problems, span),
    finish: (fileWarnings) => withFileWarnings(validator.finish(), fileWarnings),
    rereader: (text) => validator.rereader(text, validator.fileName),
  };
}

function ucdpReading(features: UcdpFeatures, fileName: string): FeatureReading {
  return {
    add: (feature, index, problems, span) => features.add(feature, index, problems, false, span),
    finish: (fileWarnings, featureCount) => features.finish(fileName, featureCount, fileWarnings),
    rereader: (text) => features.rereader(text, fileName),
  };
}

/** As importGeoJsonText, for JSON already parsed; `duplicates` are what findDuplicateKeys found in its text. */
export function importGeoJsonValue(
  value: unknown, fileName: string, recordImporters: RecordImporters = {}, duplicates: readonly DuplicateKey[] = [], sink?: IncidentSink,
): DatasetResult {
  const sorted = sortIssues(value, fileName, duplicates);
  if (!sorted.ok) return sorted;
  const root = value as JsonObject;
  const { collection } = sorted;
  // A single Feature, or a bare geometry, is read as a collection of one feature.
  const bare = !collection && root.type !== 'Feature';
  const features: unknown[] = collection ? (root.features as unknown[]) : [bare ? { type: 'Feature', geometry: root, properties: null } : root];
  const file: FileContext = { fileName, features, bare, perFeature: sorted.perFeature, warnings: sorted.warnings };

  if (collection && isOurFormat(root)) return ourFormat(root, file, sink);
  const ucdp = recordImporters.ucdp;
  const firstProperties = features.find((f) => isObject(f) && isObject(f.properties)) as JsonObject | undefined;
  if (firstProperties && looksLikeUcdp(firstProperties.properties)) {
    if (ucdp) return { ok: true, dataset: withUcdp({ ...recordImporters, ucdp }, file) };
    file.warnings.push({ where: 'the file', message: 'looks like UCDP GED data, but was read as plain GeoJSON: UCDP\'s own fields (sides, deaths, precision codes) are kept as extra text, not read into actors and casualties' });
  }
  return { ok: true, dataset: plain(root, file) };
}

/** Our definitions are objects keyed by id; someone's "sources": ["OCHA"] list is just a foreign member. */
function isOurFormat(root: JsonObject): boolean {
  return ['actors', 'sources', 'eventTypes'].some((key) => isObject(root[key]));
}

type SortedIssues =
  | { ok: true; collection: boolean; warnings: Warning[]; perFeature: Map<number, StructuralProblems> }
  | { ok: false; error: string };

/**
 * The GeoJSON check's verdict on a file: an error when its top level is wrong, else its top
 * level's warnings, and each feature's problems keyed by its index (fields from the feature).
 */
function sortIssues(value: unknown, fileName: string, duplicates: readonly DuplicateKey[]): SortedIssues {
  const issues = [...checkGeoJson(value), ...duplicateKeyIssues(duplicates)];
  if (!isObject(value)) return { ok: false, error: `${fileName} is not GeoJSON: ${lowerFirst(formatIssue(issues[0]!))}.` };
  const collection = value.type === 'FeatureCollection';
  const atTop = (issue: GeoJsonIssue) => (collection ? issue.featureIndex === undefined : isTopLevelPath(issue.path));
  const topErrors = issues.filter((i) => i.level === 'error' && atTop(i));
  if (topErrors.length) {
    const more = topErrors.length > 5 ? `; and ${topErrors.length - 5} more problems` : '';
    return { ok: false, error: `${fileName} can't be opened as GeoJSON: ${topErrors.slice(0, 5).map(formatIssue).join('; ')}${more}.` };
  }
  const warnings = issues.filter((i) => atTop(i)).map((i) => ({ where: 'the file', message: formatIssue(i) }));
  const byFeature = new Map<number, GeoJsonIssue[]>();
  for (const issue of issues) {
    if (atTop(issue)) continue;
    const index = collection ? issue.featureIndex! : 0;
    const its = byFeature.get(index);
    if (its) its.push(issue);
    else byFeature.set(index, [issue]);
  }
  const perFeature = new Map([...byFeature].map(([index, its]) => [index, problemsOf(its, collection)] as const));
  return { ok: true, collection, warnings, perFeature };
}

/** One feature's issues as problems with its fields: paths from the feature, when it is in a collection. */
function problemsOf(issues: readonly GeoJsonIssue[], inCollection: boolean): StructuralProblems {
  const problems: StructuralProblems = { errors: [], warnings: [] };
  for (const issue of issues) {
    const field = inCollection ? issue.path.replace(/^features\[\d+\]\.?/, '') || '(feature)' : issue.path;
    (issue.level === 'error' ? problems.errors : problems.warnings).push({ field, message: issue.message });
  }
  return problems;
}

interface FileContext {
  fileName: string;
  features: unknown[];
  /** The file is one bare geometry, not a Feature: its members are at the top, not under "geometry". */
  bare: boolean;
  perFeature: Map<number, StructuralProblems>;
  warnings: Warning[];
}

/**
 * Our own format: validateDataset's reading, a feature at a time (DatasetValidator), with each
 * feature's structural problems added to its verdict. A `sink` takes each incident as it is
 * validated, while it is still in the CPU's cache: building columns from 100,000 validated objects
 * afterwards took ~90 ms.
 */
function ourFormat(root: JsonObject, file: FileContext, sink: IncidentSink | undefined): DatasetResult {
  const validator = new DatasetValidator(root, file.fileName, sink);
  file.features.forEach((feature, index) => validator.add(feature, index, file.perFeature.get(index)));
  return { ok: true, dataset: withFileWarnings(validator.finish(), file.warnings) };
}

function withFileWarnings(dataset: LoadedDataset, warnings: Warning[]): LoadedDataset {
  return warnings.length ? { ...dataset, warnings: [...warnings, ...dataset.warnings] } : dataset;
}

type Placement = { ok: true; point?: PlainPoint } | { ok: false; reasons: FieldProblem[] };

/**
 * Where a feature is, if it can be an incident. A null geometry gives `point` undefined; a
 * MultiPoint of exactly one point is taken as that point (it is one place, whatever the exporter
 * called it); lines, areas and collections are not incidents. Called on structurally sound
 * features only.
 */
function placement(feature: JsonObject, bare: boolean): Placement {
  const at = bare ? '' : 'geometry.';
  const geometry = feature.geometry;
  if (!isObject(geometry)) return { ok: true };
  const notAPoint = notAPointReason(geometry, at);
  if (notAPoint) return { ok: false, reasons: [notAPoint] };
  const single = geometry.type === 'MultiPoint';
  const position = (single ? (geometry.coordinates as number[][])[0] : geometry.coordinates) as number[];
  const field = `${at}coordinates${single ? '[0]' : ''}`;
  const [lng, lat] = position as [number, number];
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    const hint = Math.abs(lng) > 1000 || Math.abs(lat) > 1000 ? ': these look like metres in a projected system (such as Web Mercator), not degrees'
      : Math.abs(lng) <= 90 && Math.abs(lat) <= 180 ? ': are longitude and latitude swapped?' : '';
    return { ok: false, reasons: [{ field, message: `is ${JSON.stringify(position)}, which is not a place in longitude (-180 to 180) and latitude (-90 to 90)${hint}` }] };
  }
  return { ok: true, point: { coordinates: [lng, lat], rest: position.slice(2) } };
}

/** Why a geometry of a known type cannot be an incident, or undefined for a Point (or a one-point MultiPoint). */
function notAPointReason(geometry: JsonObject, at: string): FieldProblem | undefined {
  const type = geometry.type;
  if (type === 'Point' || typeof type !== 'string') return undefined;
  if (type === 'MultiPoint') {
    const n = Array.isArray(geometry.coordinates) ? geometry.coordinates.length : 1;
    if (n === 1) return undefined;
    return { field: `${at}type`, message: n ? `is a MultiPoint of ${n} points; only single points can be shown as incidents (one Point feature per place would load)` : 'is an empty MultiPoint: it has no location to show' };
  }
  return { field: `${at}type`, message: `is ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}; only Point features can be shown as incidents` };
}

interface ToRead {
  feature: JsonObject;
  /** Absent when the geometry is null. */
  point?: PlainPoint;
  where: string;
  id?: string;
}

/** Sorts a feature into "rejected here, with reasons" or "to be read", for both readers below. */
function triage(file: FileContext, index: number): ToRead | Rejection {
  return triageFeature(file.features[index], index, file.perFeature.get(index), file.bare);
}

/** triage, for one feature and its structural `problems`; `bare`: it is the file, a bare geometry. */
function triageFeature(raw: unknown, index: number, problems: StructuralProblems | undefined, bare = false): ToRead | Rejection {
  const feature = isObject(raw) ? raw : undefined;
  const id = feature && (typeof feature.id === 'string' || typeof feature.id === 'number') && feature.id !== '' ? String(feature.id) : undefined;
  const where = bare ? `feature 1 (the file is a single ${String((feature?.geometry as JsonObject).type)} geometry, not a Feature)`
    : `feature ${index + 1}${id !== undefined ? ` (id "${id}")` : ''}`;
  const reject = (reasons: FieldProblem[]): Rejection => ({ where, index, ...(id !== undefined ? { id } : {}), reasons });
  const errors = problems?.errors ?? [];
  if (!feature) return reject(errors);
  if (errors.length) {
    // Every reason: a broken polygon would still not load once mended, and should say so too.
    const geometry = isObject(feature.geometry) ? feature.geometry : undefined;
    const notAPoint = geometry && GEOMETRY_TYPES.includes(geometry.type as GeometryType) ? notAPointReason(geometry, bare ? '' : 'geometry.') : undefined;
    return reject(notAPoint ? [...errors, notAPoint] : errors);
  }
  const place = placement(feature, bare);
  return place.ok ? { feature, where, ...(id !== undefined ? { id } : {}), ...(place.point ? { point: place.point } : {}) } : reject(place.reasons);
}

function plain(root: JsonObject, file: FileContext): LoadedDataset {
  const { warnings } = file;
  const reader = new PlainFeatureReader(warnings);
  const incidents: IncidentFeature[] = [];
  const rejected: Rejection[] = [];
  file.features.forEach((_, index) => {
    const sorted = triage(file, index);
    if ('reasons' in sorted) return rejected.push(sorted);
    if (!sorted.point) return rejected.push({ where: sorted.where, index, ...(sorted.id !== undefined ? { id: sorted.id } : {}), reasons: [{ field: 'geometry', message: 'is null: the feature has no location, so it cannot be placed on the map' }] });
    const read = reader.read(sorted.feature, index, sorted.point);
    if (!read.ok) return rejected.push({ where: `feature ${index + 1}${read.id ? ` (id "${read.id}")` : ''}`, index, ...(read.id ? { id: read.id } : {}), reasons: read.reasons });
    incidents.push(read.incident);
    warnings.push(...(file.perFeature.get(index)?.warnings ?? []).map((w) => featureWarning(index, read.incident.id, w)));
  });
  return {
    metadata: metadataOf(root, file.fileName), actors: reader.actors, sources: reader.sources, eventTypes: reader.finishEventTypes(),
    incidents, rejected, warnings, featureCount: file.features.length,
  };
}

function withUcdp({ ucdp, onProgress }: Required<Pick<RecordImporters, 'ucdp'>> & RecordImporters, file: FileContext): LoadedDataset {
  const reading = new UcdpFeatures(ucdp(), file.features.length, onProgress);
  file.features.forEach((feature, index) => reading.add(feature, index, file.perFeature.get(index), file.bare));
  return reading.finish(file.fileName, file.features.length, file.warnings);
}

/**
 * UCDP's GeoJSON, a feature at a time: a feature the structural check or its geometry rules out is
 * rejected here, every other goes to the UCDP import as a record. A feature's span (with a sink)
 * goes with it, its `line` the feature's index: the incident names it as its row, and reading it
 * again needs it.
 */
class UcdpFeatures {
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

function featureWarning(index: number, id: string | undefined, problem: FieldProblem): Warning {
  return { where: `feature ${index + 1}${id !== undefined ? ` (id "${id}")` : ''}`, message: `${problem.field} ${problem.message}` };
}

/** Plain GeoJSON has no metadata of ours: the title is the file's own name for itself, or the file name. */
function metadataOf(root: JsonObject, fileName: string): DatasetMetadata {
  const text = (key: string) => (typeof root[key] === 'string' && (root[key] as string).trim() ? (root[key] as string) : undefined);
  return {
    title: text('title') ?? text('name') ?? fileName,
    description: text('description') ?? '',
    digestDate: '',
    attribution: text('attribution') ?? 'not stated',
    licence: text('licence') ?? text('license') ?? 'not stated',
  };
}

/** The top level of a single Feature or bare geometry: its type and crs decide whether the file opens. */
function isTopLevelPath(path: string): boolean {
  return path === '' || path === 'type' || path === 'crs' || path.startsWith('crs.');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

