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
 * Each slot holds an entry and its id's hash side by side, so a probe reads one place in memory and
 * only a matching hash leads to the id itself: at a million ids the table is far bigger than the
 * CPU's caches, and each scattered read is a wait.
 */
export class SeenIds {
  private readonly ids: string[] = [];
  /** Pairs (entry, hash); entry EMPTY where free. Its slot count a power of two, at most half full. */
  private slots = emptySlots(2048);
  /** The id entryOf last looked for, and its hash: add() of that id, which always follows, need not hash it again. */
  private lastId: string | undefined;
  private lastHash = 0;

  get size(): number {
    return this.ids.length;
  }

  /** The entry of `id`, or undefined when it has not been added. */
  entryOf(id: string): number | undefined {
    const hash = idHashOf(id);
    this.lastId = id;
    this.lastHash = hash;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot]!;
      if (entry === EMPTY) return undefined;
      if (slots[2 * slot + 1] === hash && this.ids[entry] === id) return entry;
    }
  }

  /** Adds an id that entryOf has just said is new; gives its entry. */
  add(id: string): number {
    const entry = this.ids.push(id) - 1;
    const hash = id === this.lastId ? this.lastHash : idHashOf(id);
    if (4 * (entry + 1) > this.slots.length) this.grow();
    place(this.slots, entry, hash);
    return entry;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = emptySlots(old.length);
    for (let at = 0; at < old.length; at += 2) if (old[at] !== EMPTY) place(this.slots, old[at]!, old[at + 1]!);
  }
}

/** A table of `count` free slots. */
function emptySlots(count: number): Int32Array {
  return new Int32Array(2 * count).fill(EMPTY);
}

function place(slots: Int32Array, entry: number, hash: number): void {
  const mask = (slots.length >> 1) - 1;
  let slot = hash & mask;
  while (slots[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
  slots[2 * slot] = entry;
  slots[2 * slot + 1] = hash;
}
