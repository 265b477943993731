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
 * Reads a stream as UTF-8 text, handing each decoded chunk to `onText` as it arrives (never the
 * whole text as one string: that tops out near 512 million characters), and reporting the
 * fraction read when the size is known. Returns why the stream broke off, if it did; what `onText`
 * throws is not a reading failure and goes on up.
 */
async function readStream(stream: ReadableStream<Uint8Array>, totalBytes: number | undefined, report: Report, onText: OnText): Promise<string | null> {
  const decoder = new TextDecoder('utf-8');
  const reader = stream.getReader();
  let loaded = 0;
  report('reading', totalBytes ? 0 : undefined);
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      return errorMessage(error);
    }
    const { done, value } = chunk;
    if (done) break;
    loaded += value.byteLength;
    onText(decoder.decode(value, { stream: true }), value);
    report('reading', totalBytes ? Math.min(1, loaded / totalBytes) : undefined);
  }
  const rest = decoder.decode();
  if (rest) onText(rest);
  return null;
}

/** The name a source is known by in messages. */
export function sourceName(request: ImportRequest): string {
  return request.kind === 'file' ? request.file.name : request.fileName;
}

/** Streams the text of a chosen file or a fetched URL into `onText`, or says why it could not be had. */
export async function readSource(request: ImportRequest, report: Report, onText: OnText): Promise<{ ok: true } | { error: string }> {
  const name = sourceName(request);
  if (request.kind === 'file') {
    const broken = await readStream(request.file.stream(), request.file.size, report, onText);
    return broken === null ? { ok: true } : { error: `${name} could not be read (${broken}).` };
  }
  let response: Response;
  try {
    response = await fetch(request.url);
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
  const length = Number(response.headers.get('content-length')) || undefined;
  const broken = await readStream(response.body, length, report, onText);
  return broken === null ? { ok: true } : { error: `${name} could not be read to its end from ${request.url} (${broken}).` };
}
