import type { ImportPhase, ImportRequest } from './dataset-protocol';

type Report = (phase: ImportPhase, fraction: number | undefined) => void;

/**
 * Reads a stream as UTF-8 text, handing each decoded chunk to `onText` as it arrives (never the
 * whole text as one string: that tops out near 512 million characters), and reporting the
 * fraction read when the size is known.
 */
async function readStream(stream: ReadableStream<Uint8Array>, totalBytes: number | undefined, report: Report, onText: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const reader = stream.getReader();
  let loaded = 0;
  report('reading', totalBytes ? 0 : undefined);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    const text = decoder.decode(value, { stream: true });
    if (text) onText(text);
    report('reading', totalBytes ? Math.min(1, loaded / totalBytes) : undefined);
  }
  const rest = decoder.decode();
  if (rest) onText(rest);
}

/** The name a source is known by in messages. */
export function sourceName(request: ImportRequest): string {
  return request.kind === 'file' ? request.file.name : request.fileName;
}

/** Streams the text of a chosen file or a fetched URL into `onText`, or says why it could not be had. */
export async function readSource(request: ImportRequest, report: Report, onText: (text: string) => void): Promise<{ ok: true } | { error: string }> {
  const name = sourceName(request);
  if (request.kind === 'file') {
    try {
      await readStream(request.file.stream(), request.file.size, report, onText);
      return { ok: true };
    } catch (error) {
      return { error: `${name} could not be read (${error instanceof Error ? error.message : String(error)}).` };
    }
  }
  let response: Response;
  try {
    response = await fetch(request.url);
  } catch (error) {
    return { error: `${name} could not be fetched from ${request.url} (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!response.ok || !response.body) return { error: `${name} could not be fetched: the server answered ${response.status} ${response.statusText}.` };
  const length = Number(response.headers.get('content-length')) || undefined;
  try {
    await readStream(response.body, length, report, onText);
    return { ok: true };
  } catch (error) {
    return { error: `${name} could not be read to its end from ${request.url} (${error instanceof Error ? error.message : String(error)}).` };
  }
}
