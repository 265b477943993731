import type { DatasetResult } from '../data/validate-dataset';
import type { ImportMessage, ImportPhase, ImportRequest } from './import-protocol';

export interface ImportJob {
  /** Resolves with the result, or with null when cancelled. */
  result: Promise<DatasetResult | null>;
  cancel(): void;
}

/** Imports a file or URL in a worker of its own; cancelling terminates the worker, work and memory with it. */
export function importInWorker(request: ImportRequest, onProgress: (phase: ImportPhase, fraction: number | undefined) => void): ImportJob {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  let settle: (result: DatasetResult | null) => void = () => {};
  const result = new Promise<DatasetResult | null>((resolve) => { settle = resolve; });
  worker.onmessage = (event: MessageEvent<ImportMessage>) => {
    const message = event.data;
    if (message.type === 'progress') onProgress(message.phase, message.fraction);
    else {
      settle(message.result);
      worker.terminate();
    }
  };
  worker.onerror = (event) => {
    settle({ ok: false, error: `The file could not be read: ${event.message || 'the import stopped unexpectedly'}.` });
    worker.terminate();
  };
  worker.postMessage(request);
  return {
    result,
    cancel() {
      worker.terminate();
      settle(null);
    },
  };
}
