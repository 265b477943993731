import { locateJsonError as locate } from '../parse-dataset';
import { isObject, type JsonObject } from '../field-checks';
import type { DatasetResult, IncidentSink, StructuralProblems, Warning } from '../validate-dataset';
import { checkGeoJson, duplicateKeyIssues, formatIssue, type GeoJsonIssue } from './check-geojson';
import { findDuplicateKeys, type DuplicateKey } from './find-duplicate-keys';
import { otherReading, ourReading } from './feature-readings';
import type { RecordImporters } from './ucdp-features';
import { errorMessage } from '../error-message';

/**
 * Opens any GeoJSON file: our own dataset format (validated by DatasetValidator, losslessly), UCDP GED
 * exported as GeoJSON (handed to a reader the caller supplies), or anyone's plain GeoJSON, whose
 * Point features become incidents. Every feature ends up loaded or listed as not loaded with its
 * reasons; only a file that is not GeoJSON at all, or is broken at its top level, is an error.
 */

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
  const firstProperties = features.find((f) => isObject(f) && isObject(f.properties)) as JsonObject | undefined;
  // Chosen as the stream chooses (geojson-stream.ts): our format by the root, anyone else's by the first properties.
  const reading = collection && isOurFormat(root) ? ourReading(root, fileName, sink)
    : otherReading(firstProperties?.properties as JsonObject | undefined, recordImporters, fileName, undefined, features.length);
  features.forEach((feature, index) => reading.add(feature, index, sorted.perFeature.get(index), undefined, bare));
  return { ok: true, dataset: reading.finish(root, sorted.warnings, features.length) };
}

/** Our definitions are objects keyed by id; someone's "sources": ["OCHA"] list is just a foreign member. */
export function isOurFormat(root: JsonObject): boolean {
  return ['actors', 'sources', 'eventTypes'].some((key) => isObject(root[key]));
}

type SortedIssues =
  | { ok: true; collection: boolean; warnings: Warning[]; perFeature: Map<number, StructuralProblems> }
  | { ok: false; error: string };

/**
 * The GeoJSON check's verdict on a file: an error when its top level is wrong, else its top
 * level's warnings, and each feature's problems keyed by its index (fields from the feature).
 */
export function sortIssues(value: unknown, fileName: string, duplicates: readonly DuplicateKey[]): SortedIssues {
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
export function problemsOf(issues: readonly GeoJsonIssue[], inCollection: boolean): StructuralProblems {
  const problems: StructuralProblems = { errors: [], warnings: [] };
  for (const issue of issues) {
    const field = inCollection ? issue.path.replace(/^features\[\d+\]\.?/, '') || '(feature)' : issue.path;
    (issue.level === 'error' ? problems.errors : problems.warnings).push({ field, message: issue.message });
  }
  return problems;
}

/** The top level of a single Feature or bare geometry: its type and crs decide whether the file opens. */
function isTopLevelPath(path: string): boolean {
  return path === '' || path === 'type' || path === 'crs' || path.startsWith('crs.');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

