import { locateJsonError as locate } from '../parse-dataset';
import { isObject, type FieldProblem, type JsonObject } from '../field-checks';
import type { DatasetMetadata, IncidentFeature } from '../incident-types';
import type { KeptText } from '../csv/text-pieces';
import { DatasetValidator, type DatasetResult, type IncidentSink, type LoadedDataset, type Rejection, type RowSpan, type StructuralProblems, type Warning } from '../validate-dataset';
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
 * depend on them. `ucdp` receives every feature that passed the structural check and is a point or
 * has no geometry; it returns what it loaded and rejected (rejections carrying the record's index).
 */
export interface RecordImporters {
  ucdp?: (records: GeoJsonRecord[], fileName: string) => LoadedDataset;
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
 * a time as their text comes (FeatureStream), and in our own format each is validated at once,
 * so that neither waits for the last byte. With a sink and the file's text `kept` (KeptText), our
 * format's incidents go to the sink as they are validated, with their spans, and the result's
 * `reread` reads one again from the text: no incident object is kept, as for a CSV. Other
 * GeoJSON's features are kept and read at the end, as importGeoJsonValue reads them. What the
 * stream does not follow, and our format whose definitions come after its features, `finish`
 * leaves to importGeoJsonText, to be read from the whole text, with the same result.
 */
export class GeoJsonImport implements EntryReader {
  private readonly stream = new FeatureStream(this);
  /** Our format, read as its features come: the root's members before the list, and its validator. */
  private head: JsonObject | undefined;
  private validator: DatasetValidator | undefined;
  /** The validator gives its incidents to the sink as they come. */
  private streaming = false;
  private readonly features: unknown[] = [];
  /** How many of the list's repeated members have been given to the features they are in. */
  private duplicatesTaken = 0;

  constructor(
    private readonly fileName: string, private readonly recordImporters: RecordImporters = {},
    private readonly sink?: IncidentSink, private readonly kept?: KeptText,
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
    if (!isObject(root) || root.type !== 'FeatureCollection' || !isOurFormat(root)) return;
    this.head = root;
    // Without the text to read them again from, the incidents are given to the sink at the end.
    this.streaming = this.sink !== undefined && this.kept !== undefined;
    this.validator = new DatasetValidator(root, this.fileName, this.streaming ? this.sink : undefined);
  }

  entries(entries: unknown[], first: number, spans: readonly RowSpan[], duplicates: readonly DuplicateKey[]): void {
    const validator = this.validator;
    if (!validator) {
      for (const entry of entries) this.features.push(entry);
      return;
    }
    for (let k = 0; k < entries.length; k++) {
      const index = first + k;
      const issues = checkFeature(entries[k], index);
      while (this.duplicatesTaken < duplicates.length && featureOf(duplicates[this.duplicatesTaken]!) === index) {
        issues.push(...duplicateKeyIssues([duplicates[this.duplicatesTaken++]!]));
      }
      validator.add(entries[k], index, issues.length ? problemsOf(issues, true) : undefined, spans[k]);
    }
  }

  /** The import's result, or undefined when the whole text is to be read (importGeoJsonText). */
  finish(): DatasetResult | undefined {
    const streamed = this.stream.finish();
    if (streamed && !this.validator) {
      streamed.root.features = this.features;
      return importGeoJsonValue(streamed.root, this.fileName, this.recordImporters, streamed.duplicates, this.sink);
    }
    // Read as the head said; members after the features that would change that reading are read whole.
    const head = this.head;
    if (!streamed || !head || ['type', 'actors', 'sources', 'eventTypes', 'dataset'].some((key) => key in streamed.root && !(key in head))) {
      if (this.streaming) this.sink!.clear();
      return undefined;
    }
    const { root, duplicates } = streamed;
    // The features' own problems were read with them; these are the rest of the file's.
    const sorted = sortIssues(root, this.fileName, duplicates.filter((d) => featureOf(d) === undefined));
    if (!sorted.ok) return sorted;
    const validator = this.validator!;
    const dataset = withFileWarnings(validator.finish(), sorted.warnings);
    if (this.streaming) return { ok: true, dataset, reread: validator.rereader(this.kept!, this.fileName) };
    if (!this.sink) return { ok: true, dataset };
    for (const incident of dataset.incidents) this.sink.add(incident, undefined);
    return { ok: true, dataset: { ...dataset, incidents: [] } };
  }
}

/** Which feature of the list a repeated member is in (its path "features[3]…"), if any. */
function featureOf(duplicate: DuplicateKey): number | undefined {
  const match = /^features\[(\d+)\]/.exec(duplicate.path);
  return match ? Number(match[1]) : undefined;
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
    if (ucdp) return { ok: true, dataset: withUcdp(ucdp, file) };
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
  const raw = file.features[index];
  const feature = isObject(raw) ? raw : undefined;
  const id = feature && (typeof feature.id === 'string' || typeof feature.id === 'number') && feature.id !== '' ? String(feature.id) : undefined;
  const where = file.bare ? `feature 1 (the file is a single ${String((feature?.geometry as JsonObject).type)} geometry, not a Feature)`
    : `feature ${index + 1}${id !== undefined ? ` (id "${id}")` : ''}`;
  const reject = (reasons: FieldProblem[]): Rejection => ({ where, index, ...(id !== undefined ? { id } : {}), reasons });
  const errors = file.perFeature.get(index)?.errors ?? [];
  if (!feature) return reject(errors);
  if (errors.length) {
    // Every reason: a broken polygon would still not load once mended, and should say so too.
    const geometry = isObject(feature.geometry) ? feature.geometry : undefined;
    const notAPoint = geometry && GEOMETRY_TYPES.includes(geometry.type as GeometryType) ? notAPointReason(geometry, file.bare ? '' : 'geometry.') : undefined;
    return reject(notAPoint ? [...errors, notAPoint] : errors);
  }
  const place = placement(feature, file.bare);
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

function withUcdp(ucdp: NonNullable<RecordImporters['ucdp']>, file: FileContext): LoadedDataset {
  const records: GeoJsonRecord[] = [];
  const rejected: Rejection[] = [];
  file.features.forEach((_, index) => {
    const sorted = triage(file, index);
    if ('reasons' in sorted) return rejected.push(sorted);
    const properties = isObject(sorted.feature.properties) ? sorted.feature.properties : {};
    records.push({ properties, ...(sorted.point ? { coordinates: sorted.point.coordinates } : {}), index });
  });
  const loaded = ucdp(records, file.fileName);
  const theirs = new Set(loaded.rejected.flatMap((r) => (r.index === undefined ? [] : [r.index])));
  const warnings = [...file.warnings, ...loaded.warnings];
  for (const { index } of records) {
    if (!theirs.has(index)) warnings.push(...(file.perFeature.get(index)?.warnings ?? []).map((w) => featureWarning(index, undefined, w)));
  }
  return {
    ...loaded,
    rejected: [...loaded.rejected, ...rejected].sort((a, b) => (a.index ?? -1) - (b.index ?? -1)),
    warnings,
    featureCount: file.features.length,
  };
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

