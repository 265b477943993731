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
 * last), or most casualties first (the highest figure; none given last). Ties keep row order, or
 * the order of `tieOrder` (every row once: e.g. the rows in the file's order, when the rows have
 * been sorted by place, so that the list is the same before and after).
 *
 * Each row gets a whole-number key. Keys within a modest range (a few decades of days, casualty
 * figures up to a few million) are counting-sorted: three passes, ~15 ms at a million rows, where
 * the native sort of packed keys took ~190 ms and held the worker just as the list first asked.
 * A wider range falls back to that sort: key in the high bits, row in the low 24, a Float64Array sorted natively.
 */
export function listOrder(columns: IncidentColumns, order: ListOrder, tieOrder?: Uint32Array): Uint32Array<ArrayBuffer> {
  const { length: n, start, flags, casualties } = columns;
  if (n > ROW_BITS) throw new Error(`More than ${ROW_BITS} rows: the list order packs row numbers in 24 bits.`);
  const keys = new Uint32Array(n);
  let min = Infinity, max = -Infinity, unknown = 0;
  for (let i = 0; i < n; i++) {
    let key: number;
    if (order === 'casualties') {
      const value = casualties[i]!;
      key = Number.isNaN(value) ? NO_KEY : CASUALTY_CAP - 1 - Math.min(CASUALTY_CAP - 1, Math.max(0, Math.round(value)));
    } else if (flags[i]! & UNDATED) {
      key = NO_KEY;
    } else {
      const day = Math.min(DAY_SPAN - 1, Math.max(0, start[i]! + DAY_OFFSET));
      key = order === 'oldest' ? day : DAY_SPAN - 1 - day;
    }
    keys[i] = key;
    if (key === NO_KEY) unknown++;
    else {
      if (key < min) min = key;
      if (key > max) max = key;
    }
  }
  if (unknown === n) return tieOrder ? Uint32Array.from(tieOrder) : Uint32Array.from(keys.keys());
  // Rows without a date (or a figure) come last: their key is one past the others'.
  if (unknown > 0) for (let i = 0; i < n; i++) if (keys[i] === NO_KEY) keys[i] = max + 1;
  const last = unknown > 0 ? max + 1 : max;
  return last - min < Math.max(COUNTING_RANGE, 4 * n) ? countingOrder(keys, min, last, tieOrder) : packedOrder(keys, tieOrder);
}

/** A row without the date or figure the order goes by, until it is given the key after every other. */
const NO_KEY = 0xffffffff;

/** Below this many distinct key values a counting sort always pays (its counts are a few hundred kB at most). */
const COUNTING_RANGE = 2 ** 16;

/** Rows by key, ties in row order (or tieOrder's): count each key, turn the counts into offsets, place each row. */
function countingOrder(keys: Uint32Array, min: number, max: number, tieOrder: Uint32Array | undefined): Uint32Array<ArrayBuffer> {
  const offsets = new Uint32Array(max - min + 2);
  for (let i = 0; i < keys.length; i++) offsets[keys[i]! - min + 1]!++;
  for (let k = 1; k < offsets.length; k++) offsets[k]! += offsets[k - 1]!;
  const rows = new Uint32Array(keys.length);
  if (tieOrder) {
    for (let k = 0; k < keys.length; k++) {
      const i = tieOrder[k]!;
      rows[offsets[keys[i]! - min]!++] = i;
    }
  } else {
    for (let i = 0; i < keys.length; i++) rows[offsets[keys[i]! - min]!++] = i;
  }
  return rows;
}

/** The same order by a native sort of key·2^24 + rank (the row, or its place in tieOrder). */
function packedOrder(keys: Uint32Array, tieOrder: Uint32Array | undefined): Uint32Array<ArrayBuffer> {
  const n = keys.length;
  const packed = new Float64Array(n);
  if (tieOrder) for (let k = 0; k < n; k++) packed[k] = keys[tieOrder[k]!]! * ROW_BITS + k;
  else for (let i = 0; i < n; i++) packed[i] = keys[i]! * ROW_BITS + i;
  packed.sort();
  const rows = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const rank = packed[k]! % ROW_BITS;
    rows[k] = tieOrder ? tieOrder[rank]! : rank;
  }
  return rows;
}
