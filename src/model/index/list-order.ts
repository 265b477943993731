import { UNDATED, type IncidentColumns } from './incident-columns';

export type ListOrder = 'newest' | 'oldest' | 'casualties';

/** Row numbers go in the low 24 bits of a sort key: up to 16 million rows. */
const ROW_BITS = 2 ** 24;
/** Days since 1970 are shifted by this to be non-negative: any date from about 900 BC to 4900 AD. */
const DAY_OFFSET = 2 ** 20;
const DAY_SPAN = 2 ** 21;
const CASUALTY_CAP = 2 ** 28;

/**
 * All rows in a list order: newest or oldest first by the first day they may have happened (undated
 * last), or most casualties first (the highest figure; none given last). Ties keep row order.
 *
 * Each row becomes one number — its key in the high bits, its row in the low 24 — and a Float64Array
 * is sorted natively: a million rows in ~100 ms instead of seconds with a comparator over objects.
 */
export function listOrder(columns: IncidentColumns, order: ListOrder): Uint32Array<ArrayBuffer> {
  const { length: n, start, flags, casualties } = columns;
  if (n > ROW_BITS) throw new Error(`More than ${ROW_BITS} rows: the list order packs row numbers in 24 bits.`);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let key: number;
    if (order === 'casualties') {
      const value = casualties[i]!;
      key = Number.isNaN(value) ? CASUALTY_CAP : CASUALTY_CAP - 1 - Math.min(CASUALTY_CAP - 1, Math.max(0, Math.round(value)));
    } else if (flags[i]! & UNDATED) {
      key = DAY_SPAN;
    } else {
      const day = Math.min(DAY_SPAN - 1, Math.max(0, start[i]! + DAY_OFFSET));
      key = order === 'oldest' ? day : DAY_SPAN - 1 - day;
    }
    keys[i] = key * ROW_BITS + i;
  }
  keys.sort();
  const rows = new Uint32Array(n);
  for (let k = 0; k < n; k++) rows[k] = keys[k]! % ROW_BITS;
  return rows;
}
