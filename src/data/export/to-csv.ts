import Papa from 'papaparse';
import type { Rejection, Warning } from '../validate-dataset';

/** The "not loaded" list as a CSV a reader can keep beside the data: one line per reason. */
export function rejectionsToCsv(fileName: string, rejected: readonly Rejection[], warnings: readonly Warning[]): string {
  const rows = [
    ...rejected.flatMap((r) => r.reasons.map((reason) => ({
      file: fileName, level: 'not loaded', where: r.where, index: r.index ?? '', id: r.id ?? '', field: reason.field, problem: reason.message,
    }))),
    ...warnings.map((w) => ({ file: fileName, level: 'warning', where: w.where, index: '', id: '', field: '', problem: w.message })),
  ];
  return Papa.unparse(rows, { newline: '\r\n', columns: ['file', 'level', 'where', 'index', 'id', 'field', 'problem'] });
}
