import { idHashOf } from '../model/index/incident-rows';
import { pickU32 } from '../model/index/permute-columns';

/**
 * The row of an id: a scan of the rows' id hashes (a few ms at a million rows), each match checked
 * against the incident itself. Not a Map: filling one with a million ids took ~1.5 s of the load,
 * before the first view, for lookups that happen once a click. The last id looked up is kept: a
 * popup, its list row and its story ask for the same one.
 */
export class IdLookup {
  private last: { id: string; row: number | undefined } | null = null;

  /** @param hashes row → a hash of its id (idHashOf) */
  constructor(private readonly hashes: Int32Array) {}

  /** The row whose incident has `id` (idOf reads a row's), or undefined. */
  rowOf(id: string, idOf: (row: number) => string): number | undefined {
    if (this.last?.id !== id) {
      const hash = idHashOf(id), hashes = this.hashes;
      let found: number | undefined;
      for (let row = hashes.indexOf(hash); row >= 0; row = hashes.indexOf(hash, row + 1)) {
        if (idOf(row) === id) {
          found = row;
          break;
        }
      }
      this.last = { id, row: found };
    }
    return this.last.row;
  }

  /** The same ids with the rows sorted by place (row r is old row order[r]). */
  movedBy(order: Uint32Array): IdLookup {
    return new IdLookup(new Int32Array(pickU32(new Uint32Array(this.hashes.buffer, this.hashes.byteOffset, this.hashes.length), order).buffer));
  }
}
