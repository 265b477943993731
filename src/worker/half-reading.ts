/// <reference lib="webworker" />
import { CsvHalfReader, type CsvHalf } from '../data/csv-halves';
import { errorMessage } from '../data/error-message';
import type { DatasetImport } from '../data/import/import-dataset';
import { RowCollector, collectedBuffers, type CollectedRows } from '../model/index/incident-rows';
import { StreamText, type KeptPiece } from './compact-text';
import type { ImportPhase, ImportRequest } from './dataset-protocol';
import { openSource, type StreamCut } from './read-source';
import { RowStartFinder } from '../data/csv/row-start';

/**
 * A CSV file from this many bytes is read by two workers side by side, the dataset's worker the
 * first half and a helper the second (CsvHalfReader): on a 2-core machine one worker's parse is
 * the slowest step of opening a large file. Below it, the helper's start (~0.2 s while the other
 * worker reads) costs about what it saves: measured, a 70 MB file opened ~5% sooner in halves,
 * a 35 MB one ~10% later.
 */
export const HALVES_FROM_BYTES = 64 * 2 ** 20;

/** What the dataset's worker asks its helper: to read from the first row at or after byte `mid`; then the header to read it with. */
export type HalfRequest =
  | { type: 'read-half'; source: ImportRequest; mid: number; size: number; version?: string }
  | { type: 'half-header'; header: string[]; linebreak: string };

/** What the helper answers: bytes read so far, then its half with the text it kept (moved, not copied), or why it could not. */
export type HalfReply =
  /** Bytes read so far: 0 as soon as it is asked to read; `finishing` once all are read, before the half is put together. */
  | { type: 'half-progress'; read: number; finishing?: true }
  | { type: 'half-done'; half: CsvHalf<CollectedRows>; pieces: KeptPiece[] }
  | { type: 'half-failed'; message: string };

export function isHalfRequest(message: { type: string }): message is HalfRequest {
  return message.type === 'read-half' || message.type === 'half-header';
}

/** What the dataset's worker needs of its helper: a Worker, or in the tests one in the same thread. */
export type HelperPort = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent<HalfReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
};

/** A helper in a worker of its own: another instance of this worker's script. */
function helperWorker(): HelperPort {
  return new Worker(self.location.href, { type: 'module', name: 'second half' }) as HelperPort;
}

/** The helper's side: reads the second half of the file as the dataset's worker asks, and answers with it. */
export class HalfReaderSide {
  private headerArrived: ((reading: { header: string[]; linebreak: string }) => void) | undefined;
  private readonly header = new Promise<{ header: string[]; linebreak: string }>((resolve) => { this.headerArrived = resolve; });

  constructor(private readonly post: (reply: HalfReply, transfer?: Transferable[]) => void) {}

  take(request: HalfRequest): void {
    if (request.type === 'half-header') return this.headerArrived?.(request);
    this.post({ type: 'half-progress', read: 0 });
    readHalf(request, this.header, this.post).catch((error: unknown) => this.post({ type: 'half-failed', message: errorMessage(error) }));
  }
}

async function readHalf({ source, mid, size, version }: Extract<HalfRequest, { type: 'read-half' }>, header: Promise<{ header: string[]; linebreak: string }>, post: (reply: HalfReply, transfer?: Transferable[]) => void): Promise<void> {
  // From two bytes before: the line feed that may end there, and the carriage return before it.
  const from = mid - 2;
  const [opened, reading] = await Promise.all([openSource(source, from, size, version), header]);
  if ('error' in opened) return post({ type: 'half-failed', message: opened.error });
  const finder = new RowStartFinder(mid, reading.linebreak === '\r\n');
  const collector = new RowCollector();
  const reader = new CsvHalfReader(reading.header, reading.linebreak, collector);
  const kept = new StreamText(true);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const take = (text: string, bytes?: Uint8Array) => {
    kept.offer(text, bytes);
    reader.write(text);
  };
  const stream = opened.stream.getReader();
  let offset = from, started = false, postedAt = 0;
  for (let chunk = await stream.read(); !chunk.done; chunk = await stream.read()) {
    let bytes = chunk.value;
    if (!started) {
      const at = finder.find(bytes, offset);
      offset += bytes.length;
      if (at < 0) continue;
      started = true;
      bytes = bytes.subarray(at);
    } else offset += bytes.length;
    take(decoder.decode(bytes, { stream: true }), bytes);
    if (performance.now() - postedAt > 100) {
      postedAt = performance.now();
      post({ type: 'half-progress', read: offset - mid });
    }
  }
  const rest = decoder.decode();
  if (rest) take(rest);
  post({ type: 'half-progress', read: offset - mid, finishing: true });
  const half = reader.finish(() => collector.rows());
  const { pieces, buffers } = kept.pieces();
  post({ type: 'half-done', half, pieces }, [...collectedBuffers(half.rows), half.loaded.buffer, half.idNumbers.buffer, half.deferred.buffer, ...buffers]);
}

type Report = (phase: ImportPhase, fraction: number | undefined) => void;

/**
 * The first worker, at the middle, waits for its helper's half only while the helper is heard
 * from (it tells how far it has read ten times a second): after this long without a word, it reads
 * the rest itself (a stalled range request, a helper that hangs).
 */
const HELPER_SILENCE_MS = 10_000;
const FINISHING_SILENCE_TIMES = 6;

/**
 * The dataset worker's side: while it reads a large CSV file, a helper reads the second half
 * (from the first row start after the middle byte), and this worker stops at that row and takes
 * the helper's half over (DatasetImport.appendHalf). When the half cannot be used — the row start
 * is inside a quoted cell, the file is of a kind read whole, a range request not answered, a
 * repeated id — the rest is read here, as if there had been no helper.
 */
export class HalvesReading implements StreamCut {
  private helper: HelperPort | undefined;
  private finder: RowStartFinder | undefined;
  private done: Promise<Extract<HalfReply, { type: 'half-done' }> | null> | undefined;
  private mid = 0;
  private size = 0;
  private helperRead = 0;
  private headerSent = false;
  /** Whether the helper has answered: until then, this worker's reading lets its messages through (yields). */
  private helperHeard = false;
  /** Whether the helper's half was taken over, or read here after all (ImportTimings.halves); undefined without a helper. */
  outcome: 'taken' | 'read here' | undefined;
  /** The last progress of this worker's own reading, to add the helper's to. */
  private last: { phase: ImportPhase; fraction: number | undefined } | undefined;

  /** When the helper was last heard from (performance.now()). */
  private heardAt = 0;
  /**
   * The helper has read all its text and is putting its half together, saying nothing meanwhile:
   * quick, unless the end of its text could not be cut into pieces (an unclosed quote), when all of
   * it is read at once. It is given FINISHING_SILENCE_TIMES the silence before being given up on.
   */
  private finishing = false;

  constructor(
    private readonly source: ImportRequest, private readonly importing: DatasetImport, private readonly kept: StreamText, private readonly report: Report,
    private readonly from = HALVES_FROM_BYTES, private readonly spawn: () => HelperPort = helperWorker, private readonly silenceMs = HELPER_SILENCE_MS,
  ) {}

  /** The progress of both workers together: this one's fraction of the whole, and the helper's bytes. */
  readonly progress: Report = (phase, fraction) => {
    this.last = { phase, fraction };
    this.report(phase, fraction === undefined || !this.helper || !this.size ? fraction : Math.min(1, fraction + this.helperRead / this.size));
  };

  /**
   * Starts the helper, before the file's size is known, when the file may be a CSV large enough: a
   * worker takes a while to start, more so once this one's reading keeps both cores busy.
   */
  prepare(): void {
    const { source } = this;
    if (!this.importing.mayBeCsv || (source.kind === 'file' && source.file.size < this.from)) return;
    let helper: HelperPort;
    try {
      helper = this.spawn();
    } catch {
      // A browser that cannot start a worker from a worker: this one reads the whole file.
      return;
    }
    this.helper = helper;
    this.outcome = 'read here';
    this.done = new Promise((resolve) => {
      helper.onmessage = ({ data }) => {
        this.heardAt = performance.now();
        if (data.type === 'half-progress') {
          this.helperHeard = true;
          if (data.finishing) this.finishing = true;
          this.helperRead = data.read;
          if (this.last) this.progress(this.last.phase, this.last.fraction);
        } else resolve(data.type === 'half-done' ? data : null);
      };
      // A helper that fails has answered too: reading stops making way for it.
      const failed = () => {
        this.helperHeard = true;
        resolve(null);
      };
      helper.onerror = failed;
      helper.onmessageerror = failed;
    });
  }

  begin(size: number | undefined, version?: string): void {
    if (!this.helper) return;
    if (size === undefined || size < this.from) {
      this.outcome = undefined;
      return this.stop();
    }
    this.size = size;
    this.mid = Math.floor(size / 2);
    this.helper.postMessage({ type: 'read-half', source: this.source, mid: this.mid, size, ...(version ? { version } : {}) } satisfies HalfRequest);
  }

  /** After each piece of text written: the helper gets the header once the import has read it. */
  wrote(): void {
    if (!this.helper || !this.size || this.headerSent) return;
    const reading = this.importing.halfReading;
    if (!reading) return;
    this.headerSent = true;
    this.finder = new RowStartFinder(this.mid, reading.linebreak === '\r\n');
    this.helper.postMessage({ type: 'half-header', ...reading } satisfies HalfRequest);
  }

  /**
   * Whether reading should let other tasks run before its next chunk: until the helper answers.
   * Messages to a worker started from a worker wait for a task of its starter's: a file read
   * from disk comes so fast that the helper heard nothing until this worker had read its half.
   */
  get yields(): boolean {
    return this.helper !== undefined && !this.helperHeard;
  }

  find(chunk: Uint8Array, offset: number): number {
    return this.finder ? this.finder.find(chunk, offset) : -1;
  }

  async atCut(): Promise<boolean> {
    this.finder = undefined;
    if (!this.importing.endHalf()) {
      this.stop();
      return false;
    }
    this.heardAt = Math.max(this.heardAt, performance.now());
    const done = await Promise.race([this.done, this.silence()]);
    this.stop();
    if (!done) return false;
    this.kept.append(done.pieces);
    if (this.importing.acceptsHalf(done.half)) {
      this.importing.appendHalf(done.half);
      this.outcome = 'taken';
      this.report('reading', 1);
    } else {
      // A row of the half repeats an id read here: its text is read here, as the file would be.
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      for (const piece of done.pieces) this.importing.write(typeof piece === 'string' ? piece : decoder.decode(piece.bytes));
    }
    return true;
  }

  /** Resolves (with null: no half) once the helper has not been heard from for silenceMs. */
  private silence(): Promise<null> {
    return new Promise((resolve) => {
      const check = () => {
        const quiet = performance.now() - this.heardAt;
        const allowed = this.finishing ? FINISHING_SILENCE_TIMES * this.silenceMs : this.silenceMs;
        if (!this.helper || quiet >= allowed) resolve(null);
        else setTimeout(check, Math.min(1000, allowed - quiet + 1));
      };
      check();
    });
  }

  /** No more is wanted of the helper (the file is read, or its half cannot be used). */
  stop(): void {
    this.helper?.terminate();
    this.helper = undefined;
  }
}
