import type { JsonObject } from '../field-checks';
import type { DatasetMetadata, IncidentFeature } from '../incident-types';
import { DatasetValidator, type IncidentSink, type LoadedDataset, type RowSpan, type StructuralProblems, type Warning } from '../validate-dataset';
import { PlainFeatures } from './plain-reading';
import { UcdpFeatures, looksLikeUcdp, type RecordImporters } from './ucdp-features';

/**
 * Features read one at a time: by our format's validator, UCDP's import or the plain reader. The
 * whole text's reading (importGeoJsonValue) and the stream's (GeoJsonImport) choose and use them
 * alike, so that both read a file the same way.
 */
export interface FeatureReading {
  /** `span`: where the feature's text is (the stream's); `bare`: the file is one bare geometry. */
  add(feature: unknown, index: number, problems: StructuralProblems | undefined, span?: RowSpan, bare?: boolean): void;
  /** The dataset, once every feature is read; `root` is the file's root, without its features. */
  finish(root: JsonObject, fileWarnings: Warning[], featureCount: number): LoadedDataset;
  rereader(text: Pick<string, 'slice'>): (span: RowSpan) => IncidentFeature;
}

/**
 * Our own format, decided by the root's definitions (isOurFormat): validateDataset's reading, a
 * feature at a time, with each feature's structural problems added to its verdict. A `sink` takes
 * each incident as it is validated, while it is still in the CPU's cache: building columns from
 * 100,000 validated objects afterwards took ~90 ms.
 */
export function ourReading(root: JsonObject, fileName: string, sink: IncidentSink | undefined): FeatureReading {
  const validator = new DatasetValidator(root, fileName, sink);
  return {
    add: (feature, index, problems, span) => validator.add(feature, index, problems, span),
    finish: (_root, fileWarnings) => withFileWarnings(validator.finish(), fileWarnings),
    rereader: (text) => validator.rereader(text),
  };
}

/** Said of a file whose features look like UCDP's when no UCDP reader is supplied. */
export const READ_AS_PLAIN: Warning = { where: 'the file', message: 'looks like UCDP GED data, but was read as plain GeoJSON: UCDP\'s own fields (sides, deaths, precision codes) are kept as extra text, not read into actors and casualties' };

/**
 * Anyone else's GeoJSON, decided by its first feature's properties: UCDP's when they look like
 * UCDP's and there is a UCDP reader, else plain (told, if they looked like UCDP's). `total`: how
 * many features there are, when known, for the UCDP reader's onProgress.
 */
export function otherReading(
  properties: JsonObject | undefined, importers: RecordImporters, fileName: string, sink: IncidentSink | undefined, total?: number,
): FeatureReading {
  const likeUcdp = properties !== undefined && looksLikeUcdp(properties);
  if (likeUcdp && importers.ucdp) {
    const features = new UcdpFeatures(importers.ucdp(sink), total, importers.onProgress);
    return {
      add: (feature, index, problems, span, bare = false) => features.add(feature, index, problems, bare, span),
      finish: (_root, fileWarnings, featureCount) => features.finish(fileName, featureCount, fileWarnings),
      rereader: (text) => features.rereader(text, fileName),
    };
  }
  const features = new PlainFeatures(sink);
  return {
    add: (feature, index, problems, span, bare = false) => features.add(feature, index, problems, bare, span),
    finish: (root, fileWarnings, featureCount) => features.finish(metadataOf(root, fileName), likeUcdp ? [...fileWarnings, READ_AS_PLAIN] : fileWarnings, featureCount),
    rereader: (text) => features.rereader(text),
  };
}

export function withFileWarnings(dataset: LoadedDataset, warnings: Warning[]): LoadedDataset {
  return warnings.length ? { ...dataset, warnings: [...warnings, ...dataset.warnings] } : dataset;
}

/** Plain GeoJSON has no metadata of ours: the title is the file's own name for itself, or the file name. */
export function metadataOf(root: JsonObject, fileName: string): DatasetMetadata {
  const text = (key: string) => (typeof root[key] === 'string' && (root[key] as string).trim() ? (root[key] as string) : undefined);
  return {
    title: text('title') ?? text('name') ?? fileName,
    description: text('description') ?? '',
    digestDate: '',
    attribution: text('attribution') ?? 'not stated',
    licence: text('licence') ?? text('license') ?? 'not stated',
  };
}
