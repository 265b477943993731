import { digitsAt } from './record-cells';
import { lastAtOrBefore } from './sorted-search';
import { growTo } from './typed-arrays';

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
  const value = digitsAt(id, 0, n);
  return Number.isNaN(value) ? -1 : value;
}

const EMPTY = -1;

/**
 * The ids an import has loaded so far, each with its entry number (0, 1, 2… in the order added), to
 * find a repeated id. Not a Map: a Map of a million strings cost a UCDP import about 2 s of its 9
 * (the Map's growth and its hashing of every id).
 *
 * - Ids that are plain whole numbers (UCDP's, and most exports' own) are kept as numbers, with no
 *   string: a million kept id strings made the garbage collector's work several times larger.
 *   While they come in rising order (the bench's file; exports sorted by id) each is appended to a
 *   sorted run, found again by binary search: a hash table of a million is far bigger than the
 *   CPU's caches, and each scattered read is a wait for memory. The rest go to a table of numbers.
 * - Every other id goes to a table over its FNV-1a hash, with the id kept to compare when hashes
 *   match.
 *
 * The tables are open addressing, each slot an entry and its key side by side, so a probe reads one
 * place in memory.
 */
export class SeenIds {
  /** The rising run: numbers, and the entry of each. */
  private runNumbers = new Int32Array(1024);
  private runEntries = new Int32Array(1024);
  private runLength = 0;
  /** Plain numbers not above the run's last when they came, by a mix of their bits. */
  private readonly numbers = new KeyTable(mixed);
  /** Every other id, by its hash; the id itself in `texts` (at its entry; '' for a number's entry). */
  private readonly hashes = new KeyTable((hash) => hash);
  private readonly texts: string[] = [];
  /** Where look() found the id should go, and its key there: read only by the addIfNew that called it. */
  private place: 'run' | 'numbers' | 'hashes' = 'run';
  private key = 0;

  get size(): number {
    return this.texts.length;
  }

  /** The entry of `id`, or undefined when it has not been added. */
  entryOf(id: string): number | undefined {
    return this.look(id);
  }

  /** Whether the id written as the plain number `number` (plainNumberOf) has been added: entryOf without making its text. */
  hasNumber(number: number): boolean {
    return this.lookNumber(number) !== undefined;
  }

  /** The entry of `id` if it was added before; else adds it (its entry is then size - 1) and gives undefined. */
  addIfNew(id: string): number | undefined {
    const earlier = this.look(id);
    if (earlier !== undefined) return earlier;
    const entry = this.texts.push(this.place === 'hashes' ? id : '') - 1;
    if (this.place === 'run') {
      const n = this.runLength++;
      if (n === this.runNumbers.length) {
        this.runNumbers = growTo(this.runNumbers, n + 1);
        this.runEntries = growTo(this.runEntries, n + 1);
      }
      this.runNumbers[n] = this.key;
      this.runEntries[n] = entry;
    } else if (this.place === 'numbers') {
      this.numbers.add(entry, this.key);
    } else {
      this.hashes.add(entry, this.key);
    }
    return undefined;
  }

  private look(id: string): number | undefined {
    const number = plainNumberOf(id);
    if (number >= 0) return this.lookNumber(number);
    const hash = idHashOf(id);
    this.key = hash;
    this.place = 'hashes';
    for (let entry = this.hashes.find(hash); entry !== undefined; entry = this.hashes.next(hash)) {
      if (this.texts[entry] === id) return entry;
    }
    return undefined;
  }

  private lookNumber(number: number): number | undefined {
    this.key = number;
    const n = this.runLength;
    // Above the run's last number: new (a number in the table came when the run's last was above it).
    if (n === 0 || number > this.runNumbers[n - 1]!) {
      this.place = 'run';
      return undefined;
    }
    const k = lastAtOrBefore(this.runNumbers, number, n);
    if (this.runNumbers[k] === number) return this.runEntries[k];
    this.place = 'numbers';
    return this.numbers.find(number);
  }
}

/**
 * Entries by a 32-bit key, open addressing: each slot an entry and its key side by side, so a probe
 * reads one place in memory. The slot count a power of two, at most half full.
 */
class KeyTable {
  private slots = emptySlots(1024);
  private size = 0;
  /** Where the last find() or next() stopped. */
  private at = 0;

  /** slotOf: where a key's probe starts (before the mask). */
  constructor(private readonly slotOf: (key: number) => number) {}

  /** The entry of the first slot holding `key`, or undefined; next() looks on from there (for keys that are hashes, which ids may share). */
  find(key: number): number | undefined {
    this.at = this.slotOf(key) & ((this.slots.length >> 1) - 1);
    return this.scan(key);
  }

  next(key: number): number | undefined {
    this.at = (this.at + 1) & ((this.slots.length >> 1) - 1);
    return this.scan(key);
  }

  add(entry: number, key: number): void {
    if (4 * ++this.size > this.slots.length) {
      const old = this.slots;
      this.slots = emptySlots(old.length);
      for (let at = 0; at < old.length; at += 2) if (old[at] !== EMPTY) this.place(old[at]!, old[at + 1]!);
    }
    this.place(entry, key);
  }

  private scan(key: number): number | undefined {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let at = this.at; ; at = (at + 1) & mask) {
      const entry = slots[2 * at]!;
      if (entry === EMPTY || slots[2 * at + 1] === key) {
        this.at = at;
        return entry === EMPTY ? undefined : entry;
      }
    }
  }

  private place(entry: number, key: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let at = this.slotOf(key) & mask;
    while (slots[2 * at] !== EMPTY) at = (at + 1) & mask;
    slots[2 * at] = entry;
    slots[2 * at + 1] = key;
  }
}

/** A number's bits mixed (MurmurHash3's finaliser), so that numbers close together spread over the table. */
function mixed(number: number): number {
  let h = number ^ (number >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}


/** A table of `count` free slots. */
function emptySlots(count: number): Int32Array {
  return new Int32Array(2 * count).fill(EMPTY);
}
