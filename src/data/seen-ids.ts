/** 32-bit FNV-1a of an id's UTF-16 code units. */
export function idHashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}

const EMPTY = -1;

/**
 * The ids an import has loaded so far, each with its entry number (0, 1, 2… in the order added), to
 * find a repeated id. An open-addressing table of numbers over the ids' hashes: a Map of a million
 * strings cost a UCDP import about 2 s of its 9 (the Map's growth and its hashing of every id).
 */
export class SeenIds {
  private readonly ids: string[] = [];
  private hashes = new Int32Array(1024);
  /** Entry numbers by hash, EMPTY where free; its size a power of two, at most half full. */
  private slots = new Int32Array(2048).fill(EMPTY);

  get size(): number {
    return this.ids.length;
  }

  /** The entry of `id`, or undefined when it has not been added. */
  entryOf(id: string): number | undefined {
    const hash = idHashOf(id);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY) return undefined;
      if (this.hashes[entry] === hash && this.ids[entry] === id) return entry;
    }
  }

  /** Adds an id that entryOf has just said is new; gives its entry. */
  add(id: string): number {
    const entry = this.ids.push(id) - 1;
    if (entry === this.hashes.length) {
      const hashes = new Int32Array(entry * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    const hash = idHashOf(id);
    this.hashes[entry] = hash;
    if (2 * (entry + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(entry, hash);
    return entry;
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(EMPTY);
    for (let entry = 0; entry < this.ids.length; entry++) this.place(entry, this.hashes[entry]!);
  }
}
