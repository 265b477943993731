import type { ImportPhase, ImportRequest } from './dataset-protocol';

type Report = (phase: ImportPhase, fraction: number | undefined) => void;

/** Reads a stream as UTF-8 text, reporting the fraction read when the size is known. */
async function readStream(stream: ReadableStream<Uint8Array>, totalBytes: number | undefined, report: Report): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  const reader = stream.getReader();
  const parts: string[] = [];
  let loaded = 0;
  report('reading', totalBytes ? 0 : undefined);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    report('reading', totalBytes ? Math.min(1, loaded / totalBytes) : undefined);
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** The text of a chosen file or a fetched URL, or why it could not be had. */
export async function readSource(request: ImportRequest, report: Report): Promise<{ text: string; fileName: string } | { error: string }> {
  if (request.kind === 'file') return { text: await readStream(request.file.stream(), request.file.size, report), fileName: request.file.name };
  let response: Response;
  try {
    response = await fetch(request.url);
  } catch (error) {
    return { error: `${request.fileName} could not be fetched from ${request.url} (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!response.ok || !response.body) return { error: `${request.fileName} could not be fetched: the server answered ${response.status} ${response.statusText}.` };
  const length = Number(response.headers.get('content-length')) || undefined;
  return { text: await readStream(response.body, length, report), fileName: request.fileName };
}
