import type { IdChanges } from './event-definitions';
import { ProblemList, isHttpUrl, isObject, type FieldProblem, type JsonObject } from './field-checks';
import type {
  ActorDefinition, DatasetMetadata, EventTypeDefinition, IncidentFeature, MarkerShape, RecommendedRead, SourceDefinition,
} from './incident-types';
import { validateIncident } from './validate-incident';
import { SeenIds } from './seen-ids';

export const MARKER_SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon'];

/** One thing that was not loaded: where it is in the file, and every reason why. */
export interface Rejection {
  /** Plain-language location: 'feature 7 (id "barad-shelling")' or 'actor "isis"'. */
  where: string;
  /** Position in the file's `features` list, from 0, when it is a feature. */
  index?: number;
  id?: string;
  reasons: FieldProblem[];
}

/** Something odd that did not stop anything from loading. */
export interface Warning {
  where: string;
  message: string;
}

export interface LoadedDataset {
  metadata: DatasetMetadata;
  actors: Record<string, ActorDefinition>;
  sources: Record<string, SourceDefinition>;
  eventTypes: Record<string, EventTypeDefinition>;
  incidents: IncidentFeature[];
  rejected: Rejection[];
  warnings: Warning[];
  /** How many features the file holds: incidents.length + rejected features = featureCount. */
  featureCount: number;
  /** What the file's items are called: a CSV's rows, a GeoJSON file's features. */
  itemUnit: 'row' | 'feature';
}

/**
 * Where a loaded row's text is in the file's text (a CSV row, line break included; a GeoJSON
 * feature, from its first character to its last), and its line. For a UCDP or plain GeoJSON
 * feature, `line` is its index in the features list, which its incident names as its row.
 */
export interface RowSpan {
  start: number;
  end: number;
  line: number;
}

/**
 * Takes the incidents of an import as they load, instead of the dataset's `incidents` list: for a
 * big file, the caller keeps columns and the rows' spans, not a million objects. `span` is given
 * for rows that `reread` can read again (CSV rows; GeoJSON features read as the file streams in). An incident with a span may come
 * without its text (title, story, notes: see importEventCsv), and neither it nor the span may be
 * kept as given: read what is needed from them during the call.
 */
export interface IncidentSink {
  add(incident: IncidentFeature, span: RowSpan | undefined): void;
  /** Forgets every incident added: the import starts again (a GeoJSON file that has to be read whole after all). */
  clear(): void;
  /**
   * Takes rows [from, to) of those another sink of its kind collected (its `rows()`: the second
   * half of a file, read by another worker: CsvHalf), after those it has.
   */
  appendRows?(rows: unknown, from: number, to: number, shift: RowShift): void;
}

/** Where another import's rows go in this one's: their spans' offsets and lines moved on, and their ids as this import names them. */
export interface RowShift {
  start: number;
  line: number;
  ids: IdChanges;
}

export type DatasetResult =
  | {
    ok: true;
    dataset: LoadedDataset;
    /**
     * Present when the incidents went to a sink with spans: reads one again from its span (the
     * same incident, as long as the text given to the import is kept).
     */
    reread?: (span: RowSpan) => IncidentFeature;
  }
  | { ok: false; error: string };

/**
 * Splits a parsed Conflict Map dataset into what loads and what is rejected, with a reason per
 * item. Only a file that is not a FeatureCollection at all is an error; a bad feature or a bad
 * definition is listed, and everything else still loads.
 */
export function validateDataset(input: unknown, fileName = 'the dataset'): DatasetResult {
  if (!isObject(input)) return { ok: false, error: `${fileName} is not a GeoJSON object (it holds ${Array.isArray(input) ? 'a list' : typeof input}).` };
  if (input.type !== 'FeatureCollection') {
    return { ok: false, error: `${fileName} is not a GeoJSON FeatureCollection: its "type" is ${JSON.stringify(input.type ?? null)}.` };
  }
  if (!Array.isArray(input.features)) return { ok: false, error: `${fileName} has no "features" list.` };
  const validator = new DatasetValidator(input, fileName);
  input.features.forEach((feature, index) => validator.add(feature, index));
  return { ok: true, dataset: validator.finish() };
}

/** What the GeoJSON check found in one feature, to be added to what validation finds (import-geojson.ts). */
export interface StructuralProblems {
  errors: FieldProblem[];
  warnings: FieldProblem[];
}

/** How a feature is named where it is rejected or warned about: 'feature 7 (id "barad-shelling")', or 'feature 7' without an id. */
export function featureWhere(index: number, id: string | undefined): string {
  return `feature ${index + 1}${id ? ` (id "${id}")` : ''}`;
}

/** `reasons`, then the structural check's errors about fields they do not already name. */
function withStructural(reasons: FieldProblem[], structural: StructuralProblems | undefined): FieldProblem[] {
  if (!structural?.errors.length) return reasons;
  const named = new Set(reasons.map((r) => r.field));
  return [...reasons, ...structural.errors.filter((r) => !named.has(r.field))];
}

/** The members of a dataset's root that DatasetValidator reads, besides its features (and "type", which says it is one). */
export const DATASET_MEMBERS = ['type', 'dataset', 'actors', 'sources', 'eventTypes'] as const;

/**
 * validateDataset a feature at a time, for features that come as a file streams in: the
 * definitions and metadata are read from `root` (its features are not looked at), then `add` each
 * feature in order, and `finish`. A feature's `structural` problems (found by the GeoJSON check)
 * reject it after validation, or are listed as warnings on it: validation's reasons come first,
 * then the structural errors about other fields.
 */
export class DatasetValidator {
  private readonly rejected: Rejection[] = [];
  private readonly warnings: Warning[] = [];
  /** Warnings of the structural check on loaded features, listed after validation's own. */
  private readonly structuralWarnings: Warning[] = [];
  private readonly metadata: DatasetMetadata;
  private readonly actors: Record<string, ActorDefinition>;
  private readonly sources: Record<string, SourceDefinition>;
  private readonly eventTypes: Record<string, EventTypeDefinition>;
  private readonly defs: { actors: Set<string>; sources: Set<string>; eventTypes: Set<string> };
  /** The links of every incident that passed validation with an id of its own, to be checked at the end. */
  private readonly links: { id: string; related: readonly string[] }[] = [];
  /** The incidents loaded, when there is no sink to take them. */
  private readonly loaded: IncidentFeature[] = [];
  // Validated ids, and the feature each came from (SeenIds: a Map of 100,000 ids cost ~30 ms).
  private readonly seen = new SeenIds();
  private readonly seenAt: number[] = [];
  private count = 0;

  constructor(root: JsonObject, private readonly fileName: string, private readonly sink?: IncidentSink) {
    const { rejected, warnings } = this;
    this.actors = readDefinitions(root.actors, 'actor', readActorDefinition, rejected, warnings);
    this.sources = readDefinitions(root.sources, 'source', readSourceDefinition, rejected, warnings);
    this.eventTypes = readDefinitions(root.eventTypes, 'event type', readEventType, rejected, warnings);
    this.metadata = readMetadata(root.dataset, fileName, warnings);
    this.defs = { actors: new Set(Object.keys(this.actors)), sources: new Set(Object.keys(this.sources)), eventTypes: new Set(Object.keys(this.eventTypes)) };
  }

  /** The next feature; `span`, where it is in the file's text, goes to the sink with it. */
  add(feature: unknown, index: number, structural?: StructuralProblems, span?: RowSpan): void {
    this.count++;
    const check = validateIncident(feature, this.defs);
    const id = check.ok ? check.incident.id : check.id;
    const where = () => featureWhere(index, id);
    if (!check.ok) return void this.rejected.push({ where: where(), index, ...(id ? { id } : {}), reasons: withStructural(check.problems, structural) });
    const earlier = this.seen.addIfNew(check.incident.id);
    if (earlier !== undefined) {
      const repeated = [{ field: 'id', message: `is already used by feature ${this.seenAt[earlier]! + 1}; ids must be unique so that links find one incident` }];
      return void this.rejected.push({ where: where(), index, id: check.incident.id, reasons: withStructural(repeated, structural) });
    }
    this.seenAt.push(index);
    const related = check.incident.properties.related;
    if (related?.length) this.links.push({ id: check.incident.id, related });
    // A feature the structural check found wrong is not loaded, but its id is taken.
    if (structural?.errors.length) return void this.rejected.push({ where: where(), index, id: check.incident.id, reasons: structural.errors });
    if (this.sink) this.sink.add(check.incident, span);
    else this.loaded.push(check.incident);
    for (const w of structural?.warnings ?? []) this.structuralWarnings.push({ where: where(), message: `${w.field} ${w.message}` });
  }

  /**
   * Reads a loaded feature again from its span in the file's `text`: the same incident. Holds the
   * text and the definitions' ids, not the validator.
   */
  rereader(text: Pick<string, 'slice'>): (span: RowSpan) => IncidentFeature {
    const { defs, fileName } = this;
    return ({ start, end, line }) => {
      const check = validateIncident(JSON.parse(text.slice(start, end)), defs);
      if (!check.ok) throw new Error(`The feature on line ${line} of ${fileName} loaded once but not again: ${check.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
      return check.incident;
    };
  }

  finish(): LoadedDataset {
    const { seen, warnings } = this;
    const rejectedIds = new Set(this.rejected.flatMap((r) => (r.id ? [r.id] : [])));
    for (const { id, related } of this.links) {
      for (const other of related) {
        // A link to a rejected feature is already explained by that feature's rejection.
        if (seen.entryOf(other) === undefined && !rejectedIds.has(other)) warnings.push({ where: `incident "${id}"`, message: `properties.related names "${other}", which is not in the dataset` });
      }
    }
    return {
      metadata: this.metadata, actors: this.actors, sources: this.sources, eventTypes: this.eventTypes,
      incidents: this.loaded, rejected: this.rejected, warnings: [...warnings, ...this.structuralWarnings], featureCount: this.count, itemUnit: 'feature',
    };
  }
}

function readDefinitions<T>(
  value: unknown, kind: string, read: (entry: JsonObject, p: ProblemList) => T | undefined,
  rejected: Rejection[], warnings: Warning[],
): Record<string, T> {
  const out: Record<string, T> = {};
  if (value === undefined) {
    warnings.push({ where: 'the dataset', message: `defines no ${kind}s (a top-level "${kind === 'event type' ? 'eventTypes' : `${kind}s`}" object)` });
    return out;
  }
  if (!isObject(value)) {
    rejected.push({ where: `the ${kind} definitions`, reasons: [{ field: `${kind}s`, message: 'should be an object of definitions keyed by id' }] });
    return out;
  }
  for (const [id, entry] of Object.entries(value)) {
    const p = new ProblemList();
    const definition = isObject(entry) ? read(entry, p) : (p.add(id, 'should be an object'), undefined);
    if (definition && p.ok) out[id] = definition;
    else rejected.push({ where: `${kind} "${id}"`, id, reasons: p.problems });
  }
  return out;
}

function readActorDefinition(entry: JsonObject, p: ProblemList): ActorDefinition | undefined {
  const name = p.text(entry.name, 'name');
  const colour = p.text(entry.colour, 'colour');
  if (colour && !/^#[0-9a-f]{6}$/i.test(colour)) p.add('colour', `should be a colour written #rrggbb, but is ${JSON.stringify(colour)}`);
  const description = p.text(entry.description, 'description', { optional: true });
  return name && colour && p.ok ? { name, colour, ...(description ? { description } : {}) } : undefined;
}

function readSourceDefinition(entry: JsonObject, p: ProblemList): SourceDefinition | undefined {
  const name = p.text(entry.name, 'name');
  const characterisation = p.text(entry.characterisation, 'characterisation', { optional: true });
  const url = p.httpUrl(entry.url, 'url');
  return name && p.ok ? { name, ...(characterisation ? { characterisation } : {}), ...(url ? { url } : {}) } : undefined;
}

function readEventType(entry: JsonObject, p: ProblemList): EventTypeDefinition | undefined {
  const label = p.text(entry.label, 'label');
  const shape = p.oneOf(entry.shape, MARKER_SHAPES, 'shape');
  return label && shape ? { label, shape } : undefined;
}

/** Metadata never blocks loading: a missing field is a warning and gets a plain placeholder. */
function readMetadata(value: unknown, fileName: string, warnings: Warning[]): DatasetMetadata {
  const meta = isObject(value) ? value : {};
  if (!isObject(value)) warnings.push({ where: 'the dataset', message: 'has no "dataset" metadata (title, description, attribution, licence)' });
  const field = (key: string, fallback: string): string => {
    const v = meta[key];
    if (typeof v === 'string' && v.trim()) return v;
    if (isObject(value)) warnings.push({ where: 'dataset metadata', message: `"${key}" is missing` });
    return fallback;
  };
  const reads: RecommendedRead[] = Array.isArray(meta.recommendedReads)
    ? meta.recommendedReads.filter(isObject).flatMap((r) => {
      const url = typeof r.url === 'string' && isHttpUrl(r.url) ? r.url : undefined;
      return typeof r.outlet === 'string' && typeof r.title === 'string' ? [{ outlet: r.outlet, title: r.title, ...(url ? { url } : {}) }] : [];
    })
    : [];
  return {
    title: field('title', fileName),
    description: field('description', ''),
    digestDate: field('digestDate', ''),
    attribution: field('attribution', 'not stated'),
    licence: field('licence', 'not stated'),
    ...(reads.length ? { recommendedReads: reads } : {}),
  };
}
