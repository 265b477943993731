/** 32-bit FNV-1a of an id's UTF-16 code units. */
export function idHashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * The id as a whole number when it is written as one the plain way (1 to 9 digits, no leading
 * zero, or "0"), else -1. Two such ids are the same id exactly when their numbers are equal.
 */
export function plainNumberOf(id: string): number {
  const n = id.length;
  if (n === 0 || n > 9 || (n > 1 && id.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const EMPTY = -1;

/**
 * The ids an import has loaded so far, each with its entry number (0, 1, 2… in the order added), to
 * find a repeated id. Not a Map: a Map of a million strings cost a UCDP import about 2 s of its 9
 * (the Map's growth and its hashing of every id).
 *
 * - Ids that are plain whole numbers and come in rising order (as exports list them: UCDP's do)
 *   are kept as numbers in a sorted run: each new one is appended, and one that is not above the
 *   last is looked for by binary search. No string is kept for them, and nothing is read from a
 *   random place in memory: at a million ids, a hash table is far bigger than the CPU's caches,
 *   and each scattered read was a wait.
 * - Every other id goes to an open-addressing table over its FNV-1a hash, with the id kept to
 *   compare when hashes match. Each slot holds an entry and its hash side by side, so a probe
 *   reads one place in memory.
 */
export class SeenIds {
  /** The rising run: numbers, and the entry of each. */
  private runNumbers = new Int32Array(1024);
  private runEntries = new Int32Array(1024);
  private runLength = 0;
  /** Pairs (entry, hash) for every other id; entry EMPTY where free. Its slot count a power of two, at most half full. */
  private slots = emptySlots(1024);
  /** Each entry's id when it is in the table ('' for the run's). */
  private readonly ids: string[] = [];
  /** The id entryOf last looked for and where add() puts it, so that add(), which always follows, need not read it again. */
  private lastId: string | undefined;
  private lastNumber = -1;
  private lastHash = 0;

  get size(): number {
    return this.ids.length;
  }

  /** The entry of `id`, or undefined when it has not been added. */
  entryOf(id: string): number | undefined {
    const number = plainNumberOf(id);
    this.lastId = id;
    this.lastNumber = number;
    if (number >= 0) {
      const n = this.runLength;
      // Above the run's last number: new (a number the table holds came when the run's last was above it).
      if (n === 0 || number > this.runNumbers[n - 1]!) return undefined;
      const k = sortedIndex(this.runNumbers, n, number);
      if (k < n && this.runNumbers[k] === number) return this.runEntries[k];
      // Not above the run: it goes to the table, as text.
      this.lastNumber = -1;
    }
    const hash = idHashOf(id);
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
    if (id !== this.lastId) this.entryOf(id);
    this.lastId = undefined;
    const entry = this.ids.push(this.lastNumber >= 0 ? '' : id) - 1;
    if (this.lastNumber >= 0) {
      const n = this.runLength++;
      if (n === this.runNumbers.length) {
        this.runNumbers = grown(this.runNumbers);
        this.runEntries = grown(this.runEntries);
      }
      this.runNumbers[n] = this.lastNumber;
      this.runEntries[n] = entry;
      return entry;
    }
    if (4 * (this.ids.length - this.runLength) > this.slots.length) this.grow();
    place(this.slots, entry, this.lastHash);
    return entry;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = emptySlots(old.length);
    for (let at = 0; at < old.length; at += 2) if (old[at] !== EMPTY) place(this.slots, old[at]!, old[at + 1]!);
  }
}

/** The first index of sorted[0, n) whose value is not below `value`. */
function sortedIndex(sorted: Int32Array, n: number, value: number): number {
  let low = 0, high = n;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(2 * array.length);
  bigger.set(array);
  return bigger;
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
