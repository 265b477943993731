import { describe, expect, it } from 'vitest';
import { readSharedFile } from '../test-support/fixtures';
import { csvWriter, geoJsonWriter } from '../data/export/export-writer';
import { PieceText } from '../data/csv/text-pieces';
import { DatasetImport } from '../data/import/import-dataset';
import type { IncidentFeature } from '../data/incident-types';
import type { LoadedDataset } from '../data/validate-dataset';
import { RowCollector } from '../model/index/incident-rows';
import type { WorkerReply } from './dataset-protocol';
import { startExport, type ExportSource } from './export-job';

/** The real UCDP Syria export as the worker holds it: columns, and rows read again from the text. */
function ucdpRows(): { dataset: LoadedDataset; read(row: number): IncidentFeature; length: number } {
  const collector = new RowCollector();
  const importing = new DatasetImport('ucdp-ged-syria-2016-2019.csv', { sink: collector, keptText: new PieceText() });
  importing.write(readSharedFile('datasets/ucdp-ged-syria-2016-2019.csv'));
  const result = importing.finish();
  if (!result.ok) throw new Error(result.error);
  const { store } = collector.finish(result.reread);
  return { dataset: result.dataset, read: (row) => store.read(row), length: store.length };
}

/** Runs an export to its end: the replies, in order, and the file they make. */
function exported(format: 'geojson' | 'csv', dataset: LoadedDataset, source: ExportSource, partCharacters?: number): Promise<{ replies: WorkerReply[]; text: string; transferred: number }> {
  const replies: WorkerReply[] = [];
  let transferred = 0;
  return new Promise((resolve) => {
    startExport(7, format, 'a note', dataset, source, (reply, transfer) => {
      replies.push(reply);
      if (transfer) transferred += transfer.length;
      if (reply.type === 'failed') resolve({ replies, text: '', transferred });
      if (reply.type !== 'exported') return;
      const parts = replies.flatMap((r) => (r.type === 'export-part' ? [r.bytes] : []));
      const text = [reply.head, ...parts, reply.tail].map((bytes) => new TextDecoder().decode(bytes)).join('');
      resolve({ replies, text, transferred });
    }, partCharacters);
  });
}

describe('startExport', () => {
  // Read once for all the tests (a few seconds on a busy machine).
  const ucdp = ucdpRows();
  const every = Array.from({ length: ucdp.length }, (_, row) => row);

  it('writes the shown rows in slices and parts that make the writer\'s file, with rising progress', async () => {
    for (const format of ['csv', 'geojson'] as const) {
      const rows = every.filter((row) => row % 3 !== 1);
      const { replies, text, transferred } = await exported(format, ucdp.dataset, { rows, read: ucdp.read }, 1_000_000);
      const writer = format === 'csv' ? csvWriter(ucdp.dataset) : geoJsonWriter(ucdp.dataset, 'a note');
      const body = writer.add(rows.map(ucdp.read));
      expect(text).toBe(writer.head() + body + writer.tail());
      const parts = replies.filter((r) => r.type === 'export-part');
      // Some 11,000 rows of UCDP's text in parts of about a million characters, each handed over, not copied.
      expect(parts.length).toBeGreaterThan(1);
      expect(transferred).toBe(parts.length);
      const fractions = parts.map((r) => (r.type === 'export-part' ? r.fraction : NaN));
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
      expect(fractions.at(-1)).toBe(1);
      expect(replies.every((r) => r.id === 7)).toBe(true);
    }
  }, 60_000);

  it('exports nothing shown as a file with no incidents', async () => {
    const { text } = await exported('geojson', ucdp.dataset, { rows: [], read: ucdp.read });
    expect(JSON.parse(text).features).toEqual([]);
  });

  it('says why when a row cannot be read, and stops', async () => {
    const { replies } = await exported('csv', ucdp.dataset, { rows: every, read: (row) => { if (row === 2500) throw new Error('row 2500 is gone'); return ucdp.read(row); } });
    expect(replies.at(-1)).toEqual({ id: 7, type: 'failed', message: 'row 2500 is gone' });
    expect(replies.some((r) => r.type === 'exported')).toBe(false);
  });
});
