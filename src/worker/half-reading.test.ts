import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedDir, seededDraw } from '../test-support/fixtures';
import { DatasetImport } from '../data/import/import-dataset';
import type { IncidentColumns } from '../model/index/incident-columns';
import type { ImportRequest } from './dataset-protocol';
import { HalfReaderSide, type HalfReply, type HelperPort } from './half-reading';
import { RowStartFinder } from '../data/csv/row-start';
import { readImport } from './import-source';

const SYRIA = 'ucdp-ged-syria-2016-2019.csv';
const syriaBytes = readFileSync(resolve(sharedDir, 'datasets', SYRIA));

/** A file read in chunks of 64 KB, as browsers read one (Node gives the whole file as one chunk). */
class ChunkedFile extends File {
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const reader = super.stream().getReader();
    let rest = new Uint8Array(0);
    return new ReadableStream({
      async pull(controller) {
        if (rest.length === 0) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          rest = value;
        }
        controller.enqueue(rest.slice(0, 65_536));
        rest = rest.subarray(65_536);
      },
    });
  }

  override slice(start?: number, end?: number): Blob {
    return new ChunkedFile([super.slice(start, end)], this.name);
  }
}

/** A helper in this thread: what it is sent and what it answers go through structuredClone, as between workers (transferring what it lists). */
function helperHere(replies: HalfReply['type'][], fail = false, doneAfterMs = 0): () => HelperPort {
  return () => {
    const port: HelperPort = {
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      postMessage(message: Parameters<HalfReaderSide['take']>[0]) {
        setTimeout(() => side.take(message));
      },
      terminate() {
        port.onmessage = null;
      },
    };
    const side = new HalfReaderSide((reply, transfer = []) => setTimeout(() => {
      replies.push(reply.type);
      const data = fail && reply.type === 'half-done' ? { type: 'half-failed', message: 'lost' } as const : structuredClone(reply, { transfer });
      port.onmessage?.({ data } as MessageEvent<HalfReply>);
    }, reply.type === 'half-done' ? doneAfterMs : 0));
    return port;
  };
}

async function imported(source: ImportRequest, options: Parameters<typeof readImport>[2]) {
  const read = await readImport(source, () => {}, options);
  if ('error' in read) throw new Error(read.error);
  const result = read.importing.finish();
  if (!result.ok) throw new Error(result.error);
  const rows = read.collector.finish(result.reread, Object.keys(result.dataset.actors));
  return { dataset: result.dataset, rows, how: read.halves };
}

function rowOf(columns: IncidentColumns, r: number) {
  const set = (start: Uint32Array, codes: Uint16Array, ids: readonly string[], s: number) => [...codes.subarray(start[s]!, start[s + 1]!)].map((c) => ids[c]!).sort();
  return [columns.lng[r], columns.lat[r], columns.start[r], columns.end[r], columns.flags[r], columns.typeIds[columns.type[r]!], set(columns.setStart, columns.setCodes, columns.actorIds, columns.actorSet[r]!), set(columns.sourceSetStart, columns.sourceSetCodes, columns.sourceIds, columns.sourceSet[r]!)];
}

async function expectSameAsWhole(source: ImportRequest, halvesFrom: number, spawnHelper: () => HelperPort) {
  const whole = await imported(source, { halvesFrom: Infinity });
  const halves = await imported(source, { halvesFrom, spawnHelper });
  expect(halves.dataset).toEqual(whole.dataset);
  expect(halves.rows.columns.length).toBe(whole.rows.columns.length);
  expect(halves.rows.idHash).toEqual(whole.rows.idHash);
  for (let r = 0; r < whole.rows.columns.length; r += 31) {
    expect(rowOf(halves.rows.columns, r)).toEqual(rowOf(whole.rows.columns, r));
    expect(halves.rows.store.read(r)).toEqual(whole.rows.store.read(r));
  }
  return { whole, halves };
}

describe('RowStartFinder: the first row start after the middle, found alike in both streams', () => {
  it('finds the place a reading of the whole bytes finds, however the stream is cut, from its start or from two bytes before the middle', () => {
    const draw = seededDraw(30_11_2026);
    const alphabet = [10, 13, 13, 10, 97, 98, 44, 34, 0xc3, 0xa9];
    for (let k = 0; k < 300; k++) {
      const crlf = k % 2 === 0;
      const bytes = Uint8Array.from({ length: 20 + draw(200) }, () => alphabet[draw(alphabet.length)]!);
      const mid = 2 + draw(bytes.length - 2);
      let expected = -1;
      for (let p = mid; p <= bytes.length && expected < 0; p++) if (bytes[p - 1] === 10 && (!crlf || bytes[p - 2] === 13)) expected = p;
      for (const from of [0, mid - 2]) {
        const finder = new RowStartFinder(mid, crlf);
        let found = -1;
        for (let at = from; at < bytes.length && found < 0;) {
          const chunk = bytes.subarray(at, at + 1 + draw(40));
          const cut = finder.find(chunk, at);
          if (cut >= 0) found = at + cut;
          at += chunk.length;
        }
        expect({ k, from, found }).toEqual({ k, from, found: expected });
      }
    }
  });
});

describe('readImport in halves: a second worker reads the rest of a large CSV file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('holds what one worker reading the real Syria export holds, the half taken over', async () => {
    const appendHalf = vi.spyOn(DatasetImport.prototype, 'appendHalf');
    const replies: HalfReply['type'][] = [];
    const file = new ChunkedFile([syriaBytes], SYRIA);
    const { halves } = await expectSameAsWhole({ kind: 'file', file }, 1_000_000, helperHere(replies));
    expect(replies).toContain('half-done');
    expect(halves.how).toBe('taken');
    expect(appendHalf).toHaveBeenCalledTimes(1);
    // The progress of both workers together: a fraction that only grows, from the first report.
    const reading: Array<number | undefined> = [];
    await readImport({ kind: 'file', file }, (phase, fraction) => { if (phase === 'reading') reading.push(fraction); }, { halvesFrom: 1_000_000, spawnHelper: helperHere([]) });
    expect(reading.every((f) => f !== undefined && f >= 0 && f <= 1)).toBe(true);
    expect(reading).toEqual([...reading].sort((a, b) => a! - b!));
    expect(reading.at(-1)).toBeGreaterThan(0.9);
  });

  it('reads the rest itself when the helper fails, or the middle falls in a quoted cell', async () => {
    const appendHalf = vi.spyOn(DatasetImport.prototype, 'appendHalf');
    const endHalf = vi.spyOn(DatasetImport.prototype, 'endHalf');
    // A helper never heard from (a range request that stalls): after a while, read here.
    const silent = (): HelperPort => ({ onmessage: null, onerror: null, onmessageerror: null, postMessage() {}, terminate() {} });
    const unheard = await readImport({ kind: 'file', file: new ChunkedFile([syriaBytes], SYRIA) }, () => {}, { halvesFrom: 1_000_000, spawnHelper: silent, helperSilenceMs: 200 });
    if ('error' in unheard) throw new Error(unheard.error);
    expect(unheard.halves).toBe('read here');
    const all = unheard.importing.finish();
    expect(all.ok && all.dataset.featureCount).toBe(16_566);
    endHalf.mockClear();

    // A helper putting its half together says nothing meanwhile: it is given longer than while it reads.
    const slowToFinish = await readImport({ kind: 'file', file: new ChunkedFile([syriaBytes], SYRIA) }, () => {}, { halvesFrom: 1_000_000, spawnHelper: helperHere([], false, 400), helperSilenceMs: 150 });
    expect('error' in slowToFinish ? slowToFinish.error : slowToFinish.halves).toBe('taken');
    appendHalf.mockClear();
    // A helper that fails before it says anything: the reading stops making way for it (a turn of the event loop a chunk).
    const channels = vi.spyOn(globalThis, 'MessageChannel');
    const failing = (): HelperPort => {
      const port: HelperPort = { onmessage: null, onerror: null, onmessageerror: null, postMessage() {}, terminate() {} };
      setTimeout(() => port.onerror?.(new Event('error') as ErrorEvent));
      return port;
    };
    const earlyFailure = await readImport({ kind: 'file', file: new ChunkedFile([syriaBytes], SYRIA) }, () => {}, { halvesFrom: 1_000_000, spawnHelper: failing });
    expect('error' in earlyFailure ? earlyFailure.error : earlyFailure.halves).toBe('read here');
    expect(channels.mock.calls.length).toBeLessThan(20);
    channels.mockRestore();
    endHalf.mockClear();

    // A browser that cannot start a worker from a worker: read whole, and said so (no helper).
    const noHelper = await readImport({ kind: 'file', file: new ChunkedFile([syriaBytes], SYRIA) }, () => {}, { halvesFrom: 1_000_000, spawnHelper: () => { throw new Error('no workers here'); } });
    expect('error' in noHelper ? noHelper.error : noHelper.halves).toBeUndefined();
    expect('error' in noHelper ? 0 : noHelper.importing.finish().ok).toBe(true);
    const file = new ChunkedFile([syriaBytes], SYRIA);
    const failed = await expectSameAsWhole({ kind: 'file', file }, 1_000_000, helperHere([], true));
    expect(failed.halves.how).toBe('read here');
    expect(endHalf.mock.results).toEqual([{ type: 'return', value: true }]);
    expect(appendHalf).not.toHaveBeenCalled();
    endHalf.mockClear();

    // The export with LF line breaks: a line feed inside a quoted cell (a source's text over two
    // lines, a bare line feed in this CRLF file) is then found as a row start by both workers, and
    // only the first can tell it is not.
    const crlfText = new TextDecoder().decode(syriaBytes);
    const bare = /[^\r]\n/g;
    bare.lastIndex = crlfText.length / 3;
    const inQuotes = bare.exec(crlfText)!.index + 1;
    const lfText = crlfText.slice(0, inQuotes).replaceAll('\r\n', '\n') + crlfText.slice(inQuotes).replaceAll('\r\n', '\n');
    const lf = new TextEncoder().encode(lfText);
    const at = new TextEncoder().encode(crlfText.slice(0, inQuotes).replaceAll('\r\n', '\n')).length;
    expect(lf[at]).toBe(10);
    const replies: HalfReply['type'][] = [];
    await expectSameAsWhole({ kind: 'file', file: new ChunkedFile([lf.subarray(0, 2 * at)], SYRIA) }, 1_000_000, helperHere(replies));
    expect(endHalf.mock.results).toEqual([{ type: 'return', value: false }]);
    expect(appendHalf).not.toHaveBeenCalled();
  });
});
