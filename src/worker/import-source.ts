import { DatasetImport } from '../data/import/import-dataset';
import { RowCollector } from '../model/index/incident-rows';
import { StreamText, importAndKeep } from './compact-text';
import type { ImportPhase, ImportRequest } from './dataset-protocol';
import { HalvesReading, type HelperPort } from './half-reading';
import { readSource, sourceName } from './read-source';

/** What a source's text was read into, to finish (DatasetImport.finish) and index. */
export interface ReadImport {
  importing: DatasetImport;
  collector: RowCollector;
  keptText: StreamText;
  halves: 'taken' | 'read here' | undefined;
}

/**
 * Reads a chosen file or a URL into an import, or says why it could not be read. A CSV's
 * incidents go to the collector as they load (columns, and where each row's text is), not into a
 * list of objects: a popup reads its row again from the text, kept for that (from the bytes it
 * is read from, as long as the import keeps it). Its rows are read as the file streams in, a piece
 * (a part of one chunk of the stream) at a time; so are a GeoJSON FeatureCollection's features,
 * each as it is parsed (GeoJsonImport). A large CSV file's second half is read by a helper
 * meanwhile (HalvesReading): from `halvesFrom` bytes, made by `spawnHelper`, waited for while it
 * is heard from at least every `helperSilenceMs` (tests).
 */
export async function readImport(
  source: ImportRequest, report: (phase: ImportPhase, fraction: number | undefined) => void,
  options: { halvesFrom?: number | undefined; spawnHelper?: () => HelperPort; helperSilenceMs?: number } = {},
): Promise<ReadImport | { error: string }> {
  const collector = new RowCollector();
  const keptText = new StreamText();
  const importing = new DatasetImport(sourceName(source), { onProgress: (fraction) => report('parsing', fraction), sink: collector, keptText });
  const halves = new HalvesReading(source, importing, keptText, report, options.halvesFrom, options.spawnHelper, options.helperSilenceMs);
  halves.prepare();
  const toImport = importAndKeep(importing, keptText);
  try {
    const read = await readSource(source, halves.progress, (text, bytes) => {
      toImport(text, bytes);
      halves.wrote();
    }, halves);
    return 'error' in read ? read : { importing, collector, keptText, halves: halves.outcome };
  } finally {
    halves.stop();
  }
}
