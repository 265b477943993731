import type { DatasetResult } from '../data/validate-dataset';

/** What the page asks the import worker: read a file the reader chose, or fetch a URL. */
export type ImportRequest =
  | { kind: 'file'; file: File }
  | { kind: 'url'; url: string; fileName: string };

export type ImportPhase = 'reading' | 'parsing';

/** What the worker answers: progress as it goes (fraction undefined when unknown), then the result. */
export type ImportMessage =
  | { type: 'progress'; phase: ImportPhase; fraction: number | undefined }
  | { type: 'done'; result: DatasetResult };
