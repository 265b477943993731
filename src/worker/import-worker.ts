/// <reference lib="webworker" />
import { importDatasetText } from '../data/import/import-dataset';
import type { ImportMessage, ImportPhase, ImportRequest } from './import-protocol';

// Reading and parsing a large file takes seconds; here they happen off the page's thread, which
// stays free to scroll, pan and press Cancel (which terminates this worker).
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ImportMessage) => scope.postMessage(message);

/** Progress is posted at most every 1%, not per chunk: the page re-renders on each message. */
function progressReporter(phase: ImportPhase) {
  let last = -1;
  return (fraction: number | undefined) => {
    if (fraction === undefined) return post({ type: 'progress', phase, fraction });
    const step = Math.floor(fraction * 100);
    if (step !== last) {
      last = step;
      post({ type: 'progress', phase, fraction });
    }
  };
}

async function readStream(stream: ReadableStream<Uint8Array>, totalBytes: number | undefined): Promise<string> {
  const report = progressReporter('reading');
  const decoder = new TextDecoder('utf-8');
  const reader = stream.getReader();
  const parts: string[] = [];
  let loaded = 0;
  report(totalBytes ? 0 : undefined);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    report(totalBytes ? Math.min(1, loaded / totalBytes) : undefined);
  }
  parts.push(decoder.decode());
  return parts.join('');
}

async function readRequest(request: ImportRequest): Promise<{ text: string; fileName: string } | { error: string }> {
  if (request.kind === 'file') return { text: await readStream(request.file.stream(), request.file.size), fileName: request.file.name };
  let response: Response;
  try {
    response = await fetch(request.url);
  } catch (error) {
    return { error: `${request.fileName} could not be fetched from ${request.url} (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!response.ok || !response.body) return { error: `${request.fileName} could not be fetched: the server answered ${response.status} ${response.statusText}.` };
  const length = Number(response.headers.get('content-length')) || undefined;
  return { text: await readStream(response.body, length), fileName: request.fileName };
}

scope.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const read = await readRequest(event.data);
  if ('error' in read) return post({ type: 'done', result: { ok: false, error: read.error } });
  const report = progressReporter('parsing');
  report(undefined);
  post({ type: 'done', result: importDatasetText(read.text, read.fileName, report) });
};
