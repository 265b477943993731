import type { IncidentColumns } from './incident-columns';

export interface ActorCount {
  code: number;
  count: number;
}

/**
 * Counts actor memberships of a group of rows into one scratch array over every code, then hands
 * back only the codes it touched: the cost is the group's memberships, not the number of actors
 * (a dataset may name thousands).
 */
export class ActorTally {
  private readonly counts: Uint32Array;
  private readonly touched: number[] = [];

  constructor(codes: number) {
    this.counts = new Uint32Array(codes);
  }

  add(code: number, count: number): void {
    if (count === 0) return;
    if (this.counts[code] === 0) this.touched.push(code);
    this.counts[code]! += count;
  }

  /** count rows naming the actor set `set` (columns.actorSet). */
  addSet(columns: IncidentColumns, set: number, count: number): void {
    for (let k = columns.setStart[set]!; k < columns.setStart[set + 1]!; k++) this.add(columns.setCodes[k]!, count);
  }

  addRow(columns: IncidentColumns, row: number): void {
    this.addSet(columns, columns.actorSet[row]!, 1);
  }

  /** The group's counts; the tally is empty again afterwards. */
  take(): ActorCount[] {
    const result = this.touched.map((code) => ({ code, count: this.counts[code]! }));
    for (const code of this.touched) this.counts[code] = 0;
    this.touched.length = 0;
    return result;
  }
}

/** The `top` largest counts, by count then code (so a ring's colours don't swap on ties), and the sum of the rest. */
export function topActors(counts: ActorCount[], top: number): { actors: ActorCount[]; otherActors: number } {
  const sorted = counts.filter((a) => a.count > 0).sort((a, b) => b.count - a.count || a.code - b.code);
  return { actors: sorted.slice(0, top), otherActors: sorted.slice(top).reduce((sum, a) => sum + a.count, 0) };
}
