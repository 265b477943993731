/**
 * Numbers the distinct combinations of actor codes that rows name ("actor sets"). A million rows
 * name a few hundred combinations (a few thousand with ACLED's many actors), so a filter can decide
 * each combination once and then read one byte per row, instead of walking each row's codes.
 */
export class ActorSetNumbering {
  private readonly idOfKey = new Map<number | string, number>();
  /** Set s's codes are codes[start[s] .. start[s + 1]), ascending. */
  readonly start: number[] = [0];
  readonly codes: number[] = [];

  /** The set of codes[from .. to), which must be ascending and distinct. */
  idOf(codes: Uint16Array, from: number, to: number): number {
    const key = keyOf(codes, from, to);
    let id = this.idOfKey.get(key);
    if (id === undefined) {
      id = this.start.length - 1;
      this.idOfKey.set(key, id);
      for (let k = from; k < to; k++) this.codes.push(codes[k]!);
      this.start.push(this.codes.length);
    }
    return id;
  }
}

/** Up to three codes fit exactly in a double (base 65537, codes + 1 so lengths differ); longer sets use a string. */
function keyOf(codes: Uint16Array, from: number, to: number): number | string {
  if (to - from > 3) return codes.subarray(from, to).join();
  let key = 0;
  for (let k = to - 1; k >= from; k--) key = key * 65537 + codes[k]! + 1;
  return key;
}

/** Sorts codes[from .. to) in place: rows name a handful of parties, so insertion sort, no allocation. */
export function sortRange(codes: Uint16Array, from: number, to: number): void {
  for (let k = from + 1; k < to; k++) {
    const code = codes[k]!;
    let j = k - 1;
    for (; j >= from && codes[j]! > code; j--) codes[j + 1] = codes[j]!;
    codes[j + 1] = code;
  }
}
