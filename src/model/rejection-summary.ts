import type { Rejection } from '../data/validate-dataset';

/** How many rejected rows or features name a field among their reasons. */
export interface FieldCount {
  field: string;
  rows: number;
}

/**
 * The fields the rejected rows and features were turned away for, each with how many (a row
 * counted once per field, however many of its reasons name it), most first. A file that has one
 * thing wrong throughout (a date written another way, a column missing) shows as one line, where
 * the list of each row would run to a million.
 */
export function rejectionsByField(rejected: readonly Rejection[]): FieldCount[] {
  const counts = new Map<string, number>();
  for (const rejection of rejected) {
    if (rejection.index === undefined) continue;
    const reasons = rejection.reasons;
    for (let k = 0; k < reasons.length; k++) {
      const { field } = reasons[k]!;
      let named = false;
      for (let j = 0; j < k; j++) named ||= reasons[j]!.field === field;
      if (!named) counts.set(field, (counts.get(field) ?? 0) + 1);
    }
  }
  return [...counts].map(([field, rows]) => ({ field, rows })).sort((a, b) => b.rows - a.rows || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

/** How many of the rejections are of the file's items (rows, features), and how many of its definitions (an actor, a source). */
export function rejectionCounts(rejected: readonly Rejection[]): { items: number; definitions: number } {
  let items = 0;
  for (const rejection of rejected) if (rejection.index !== undefined) items++;
  return { items, definitions: rejected.length - items };
}
