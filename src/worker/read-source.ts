import type { ImportPhase, ImportRequest } from './dataset-protocol';
import { errorMessage } from '../data/error-message';

type Report = (phase: ImportPhase, fraction: number | undefined) => void;

/**
 * The text of each chunk of a stream as it is decoded (possibly empty: a chunk may end inside a
 * character), with the chunk's bytes; the decoder's last text (only ever U+FFFD, for bytes cut
 * short at the end) comes without bytes.
 */
export type OnText = (text: string, bytes?: Uint8Array) => void;

/**
 * Where to stop reading a stream, the rest being read elsewhere (half-reading.ts): told the
 * stream's size once it is known, it finds the place in the chunks as they come; once the text
 * before it has gone to `onText`, `atCut` says whether to stop there (the rest was had) or read on.
 */
export interface StreamCut {
  /** `version`: the response's strong ETag or Last-Modified date, for asking the server for a part of the same file (If-Range). */
  begin(size: number | undefined, version?: string): void;
  /** Where in `chunk`, which starts at byte `offset` of the stream, to cut; -1 for not in it. */
  find(chunk: Uint8Array, offset: number): number;
  atCut(): Promise<boolean>;
  /** Whether to let other tasks run before reading the next chunk. */
  readonly yields?: boolean;
}

/** A turn of the event loop: other tasks (messages to and from workers) run first. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Reads a stream as UTF-8 text, handing each decoded chunk to `onText` as it arrives (never the
 * whole text as one string: that tops out near 512 million characters), and reporting the
 * fraction read when the size is known. Returns why the stream broke off, if it did; what `onText`
 * throws is not a reading failure and goes on up.
 */
async function readStream({ stream, size: totalBytes, version }: Extract<Opened, { stream: unknown }>, report: Report, onText: OnText, cut?: StreamCut): Promise<string | null> {
  const decoder = new TextDecoder('utf-8');
  const reader = stream.getReader();
  let loaded = 0;
  report('reading', totalBytes ? 0 : undefined);
  cut?.begin(totalBytes, version);
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      return errorMessage(error);
    }
    const { done } = chunk;
    if (done) break;
    let value = chunk.value;
    const at = cut ? cut.find(value, loaded) : -1;
    if (at >= 0) {
      onText(decoder.decode(value.subarray(0, at), { stream: true }), value.subarray(0, at));
      if (await cut!.atCut()) {
        await reader.cancel().catch(() => {});
        return null;
      }
      cut = undefined;
      loaded += at;
      value = value.subarray(at);
    }
    loaded += value.byteLength;
    onText(decoder.decode(value, { stream: true }), value);
    report('reading', totalBytes ? Math.min(1, loaded / totalBytes) : undefined);
    if (cut?.yields) await nextTurn();
  }
  const rest = decoder.decode();
  if (rest) onText(rest);
  return null;
}

/** The name a source is known by in messages. */
export function sourceName(request: ImportRequest): string {
  return request.kind === 'file' ? request.file.name : request.fileName;
}

/** A source's bytes as a stream, with their number when known; or why they could not be had. */
type Opened = { stream: ReadableStream<Uint8Array>; size: number | undefined; version?: string } | { error: string };

/**
 * Opens a chosen file or a fetched URL: from byte `from` on, when given (a file's slice; a URL by
 * a range request, which a server may not answer as asked: then an error), of a file of `size` bytes
 * and, when known, of `version` (Opened.version: the server sends the whole file if it has changed).
 */
export async function openSource(request: ImportRequest, from = 0, size?: number, version?: string): Promise<Opened> {
  const name = sourceName(request);
  if (request.kind === 'file') {
    const file = from > 0 ? request.file.slice(from) : request.file;
    return { stream: file.stream(), size: request.file.size };
  }
  let response: Response;
  try {
    response = await fetch(request.url, from > 0 ? { headers: { Range: `bytes=${from}-`, ...(version ? { 'If-Range': version } : {}) } } : {});
  } catch (error) {
    return { error: `${name} could not be fetched from ${request.url} (${errorMessage(error)}).` };
  }
  if (!response.ok || !response.body) return { error: `${name} could not be fetched: the server answered ${response.status} ${response.statusText}.` };
  // A site often answers an address it has no file at with its own page (status 200): say that,
  // rather than that the file is not valid JSON or has no header row.
  if (/^\s*text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
    await response.body.cancel();
    return { error: `${name} could not be opened: ${request.url} gave a web page, not a data file. Check the address (a site often answers one it has no file at with its own page).` };
  }
  if (from > 0) {
    // "bytes from-last/size": the part asked for, of the file of that size. Another site's server
    // may not show that header to the page: then the part's length says it.
    const shown = response.headers.get('content-range');
    const range = /^bytes (\d+)-\d+\/(\d+)$/.exec(shown ?? '');
    const asked = shown ? Number(range?.[1]) === from && (size === undefined || Number(range?.[2]) === size)
      : size !== undefined && Number(response.headers.get('content-length')) === size - from;
    if (response.status !== 206 || !asked) {
      await response.body.cancel();
      return { error: `${request.url} was not sent from byte ${from} as asked.` };
    }
    return { stream: response.body, size };
  }
  // A compressed response's length is not the file's: its bytes cannot be counted (nor asked for in parts).
  const compressed = !/^(identity)?$/i.test(response.headers.get('content-encoding')?.trim() ?? '');
  const length = compressed ? undefined : Number(response.headers.get('content-length')) || undefined;
  return { stream: response.body, size: length, ...versionOf(request.url, response) };
}

/**
 * What identifies the file a same-site response sent, for a range request of the same file: its
 * strong ETag, else its Last-Modified date. Not for another site's: If-Range would need its leave
 * (a preflight request many servers do not answer); there, the part's size must match the file's.
 */
function versionOf(url: string, response: Response): { version?: string } {
  if (typeof location === 'undefined' || new URL(url, location.href).origin !== location.origin) return {};
  const etag = response.headers.get('etag');
  const version = etag && !etag.startsWith('W/') ? etag : response.headers.get('last-modified');
  return version ? { version } : {};
}

/**
 * Streams the text of a chosen file or a fetched URL into `onText`, or says why it could not be
 * had; `cut` stops it at a place where the rest is read elsewhere.
 */
export async function readSource(request: ImportRequest, report: Report, onText: OnText, cut?: StreamCut): Promise<{ ok: true } | { error: string }> {
  const opened = await openSource(request);
  if ('error' in opened) return opened;
  const broken = await readStream(opened, report, onText, cut);
  if (broken === null) return { ok: true };
  const name = sourceName(request);
  return { error: request.kind === 'file' ? `${name} could not be read (${broken}).` : `${name} could not be read to its end from ${request.url} (${broken}).` };
}
