import { csvWriter, geoJsonWriter, type ExportWriter } from '../data/export/export-writer';
import type { IncidentFeature } from '../data/incident-types';
import type { LoadedDataset } from '../data/validate-dataset';
import type { WorkerReply } from './dataset-protocol';
import { errorMessage } from '../data/error-message';

/**
 * Incidents read and written per slice (~5 ms in Node, with garbage collections up to ~35 ms): a
 * pan or a popup asked for meanwhile is answered between two, though more slowly than when the
 * worker is idle (README).
 */
const ROWS_PER_SLICE = 500;
/** Characters of text gathered before they go to the page as one part, as UTF-8 bytes… */
const PART_CHARACTERS = 8_000_000;
/** …or slices, whichever comes first: each part tells the page how far the export is. */
const SLICES_PER_PART = 20;

export interface ExportSource {
  /** The rows to export, as places in the file, in order. */
  rows: ArrayLike<number>;
  read(row: number): IncidentFeature;
}

/**
 * Writes an export in slices, each after whatever the page asked meanwhile: a million incidents
 * take seconds to read again and write, and the map keeps answering. The text goes to the page in
 * parts of bytes ('export-part', transferred, with the fraction done), never as one string, and
 * 'exported' brings the head and the tail (export-writer.ts) once every incident is written. The
 * rows are those shown when it was asked for: a filter changed meanwhile does not change them.
 */
export function startExport(
  id: number, format: 'geojson' | 'csv', note: string, dataset: LoadedDataset, source: ExportSource,
  reply: (message: WorkerReply, transfer?: Transferable[]) => void, partCharacters = PART_CHARACTERS,
): void {
  const writer: ExportWriter = format === 'geojson' ? geoJsonWriter(dataset, note) : csvWriter(dataset);
  const encoder = new TextEncoder();
  const { rows } = source;
  const next = new MessageChannel();
  let done = 0;
  let gathered: string[] = [];
  let characters = 0;
  let slices = 0;
  const sendPart = () => {
    const bytes = encoder.encode(gathered.join(''));
    gathered = [];
    characters = 0;
    slices = 0;
    reply({ id, type: 'export-part', bytes, fraction: rows.length === 0 ? 1 : done / rows.length }, [bytes.buffer]);
  };
  const slice = () => {
    try {
      const end = Math.min(rows.length, done + ROWS_PER_SLICE);
      const incidents: IncidentFeature[] = [];
      for (let k = done; k < end; k++) incidents.push(source.read(rows[k]!));
      const text = writer.add(incidents);
      gathered.push(text);
      characters += text.length;
      done = end;
      if (characters >= partCharacters || ++slices >= SLICES_PER_PART) sendPart();
      if (done < rows.length) return next.port2.postMessage(null);
      if (gathered.length > 0) sendPart();
      next.port1.close();
      reply({ id, type: 'exported', head: encoder.encode(writer.head()), tail: encoder.encode(writer.tail()) });
    } catch (error) {
      next.port1.close();
      reply({ id, type: 'failed', message: errorMessage(error) });
    }
  };
  next.port1.onmessage = slice;
  slice();
}
