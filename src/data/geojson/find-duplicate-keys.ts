/**
 * Finds members named twice in one JSON object (`{"type": "FeatureCollection", "type": "Feature"}`).
 * JSON.parse silently keeps the last one, so after parsing the ambiguity can no longer be seen:
 * this looks at the text itself.
 *
 * Why a scanner of our own and not a library (checked with `npm view` / `npm pack`): the
 * candidates parse the whole document a second time and build a second tree beside the one
 * JSON.parse made — `@prantlf/jsonlint` (which also brings ajv, cosmiconfig and diff), geojsonhint's
 * jison grammar (`jsonlint-lines`) — or, like `json-dup-key-validator` (a 490-line parser), stop at
 * the first duplicate with an error string and no path. What is needed is one linear pass that
 * trusts the text is valid JSON and remembers only the keys of the objects currently open: about
 * 80 lines. (It runs after JSON.parse has accepted the text, or, in FeatureStream, on text that
 * is parsed batch by batch as it is scanned: if that text is not JSON, what the scan found is
 * thrown away with the rest.)
 *
 * Cost: one pass over the characters, strings skipped with the native `indexOf`. Memory is the
 * stack of open objects (one reused Set per nesting depth) plus the key strings of those objects:
 * nothing proportional to the file. Measured on 102 MB of UCDP GeoJSON (36 copies of the CAR
 * export's features, 66,528 features × 46 properties) on a busy shared machine: 0.75–2.3 s per
 * scan, in the range of JSON.parse on the same text (0.7–1.6 s) and of a bare loop that only reads
 * every character (0.8–1.3 s); the heap grew by under 10 MB. So it always runs, at any size.
 */

export interface DuplicateKey {
  /** Where the object is, e.g. "features[3].properties"; "" for the top-level object. */
  path: string;
  /** The member named more than once. */
  key: string;
  /** Line (from 1) of the repeated occurrence. */
  line: number;
}

/** The characters JSON's structure is written with (FeatureStream scans with them too). */
export const OPEN_OBJECT = 0x7b; // {
export const CLOSE_OBJECT = 0x7d; // }
export const OPEN_ARRAY = 0x5b; // [
export const CLOSE_ARRAY = 0x5d; // ]
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** What a character means to the scanner; 0 for every character it passes over (digits, letters, spaces, …). */
const OTHER = 0, QUOTE_MARK = 1, OPENS = 2, CLOSES = 3, SEPARATES = 4, NAMES = 5, NEW_LINE = 6;
const MEANING = new Uint8Array(128);
MEANING[QUOTE] = QUOTE_MARK;
MEANING[OPEN_OBJECT] = OPENS;
MEANING[OPEN_ARRAY] = OPENS;
MEANING[CLOSE_OBJECT] = CLOSES;
MEANING[CLOSE_ARRAY] = CLOSES;
MEANING[COMMA] = SEPARATES;
MEANING[COLON] = NAMES;
MEANING[NEWLINE] = NEW_LINE;

/**
 * Keys an open object may have before they go into a Set: below it, comparing hashes in a list is
 * cheaper (measured: UCDP's 46-member properties were ~30% slower with a limit of 32, which moved
 * each of them into a Set part way; with 64 they are as fast as the Set alone, small objects faster).
 */
const LISTED_KEYS = 64;

/**
 * The keys of one open object. A key is kept as where it is in the text and a hash of its
 * characters, not as a string: a file's every member would otherwise be cut out as a string of its
 * own, for nothing in nearly every case. Only an object with more than LISTED_KEYS members keeps
 * its keys as strings, in a Set.
 */
class OpenObject {
  /** Each key's hash, and where its text is (between the quotes; `escaped` if it holds a backslash). */
  readonly hashes: number[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly escaped: boolean[] = [];
  count = 0;
  many: Set<string> | undefined;
  /** The last key seen (repeated or not), for a path through this object. */
  private lastFrom = 0;
  private lastTo = 0;

  reset(): void {
    this.count = 0;
    this.many = undefined;
    this.lastFrom = this.lastTo = 0;
  }

  /** Adds a key; false if the object already has it. */
  add(text: string, from: number, to: number): boolean {
    this.lastFrom = from;
    this.lastTo = to;
    if (this.many) return addToSet(this.many, keyText(text, from, to, hasBackslash(text, from, to)));
    // The hash of the characters as written, and whether a backslash is among them, in one pass.
    let hash = 0x811c9dc5;
    let escaped = false;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) escaped = true;
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    if (escaped) hash = hashOf(keyText(text, from, to, true), 0, -1);
    for (let k = 0; k < this.count; k++) {
      if (this.hashes[k] === hash && sameKey(text, from, to, escaped, this.from[k]!, this.to[k]!, this.escaped[k]!)) return false;
    }
    const k = this.count++;
    this.hashes[k] = hash;
    this.from[k] = from;
    this.to[k] = to;
    this.escaped[k] = escaped;
    if (this.count > LISTED_KEYS) {
      this.many = new Set();
      for (let j = 0; j < this.count; j++) this.many.add(keyText(text, this.from[j]!, this.to[j]!, this.escaped[j]!));
    }
    return true;
  }

  /** The text before the keys loses its first `count` characters. */
  shift(count: number): void {
    for (let k = 0; k < this.count; k++) {
      this.from[k]! -= count;
      this.to[k]! -= count;
    }
    this.lastFrom -= count;
    this.lastTo -= count;
  }

  /** The last key added, as JSON reads it: for a duplicate's path. */
  lastKey(text: string): string {
    return keyText(text, this.lastFrom, this.lastTo, hasBackslash(text, this.lastFrom, this.lastTo));
  }
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === BACKSLASH) return true;
  return false;
}

function addToSet(keys: Set<string>, key: string): boolean {
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}

/** 32-bit FNV-1a of text[from..to), or of the whole text when `to` is -1. */
function hashOf(text: string, from: number, to: number): number {
  const end = to < 0 ? text.length : to;
  let h = 0x811c9dc5;
  for (let i = from; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

function sameKey(text: string, fromA: number, toA: number, escapedA: boolean, fromB: number, toB: number, escapedB: boolean): boolean {
  if (escapedA || escapedB) return keyText(text, fromA, toA, escapedA) === keyText(text, fromB, toB, escapedB);
  if (toA - fromA !== toB - fromB) return false;
  for (let i = 0; i < toA - fromA; i++) if (text.charCodeAt(fromA + i) !== text.charCodeAt(fromB + i)) return false;
  return true;
}

/**
 * Lists repeated members, at most `limit` of them (a file broken everywhere needs a few examples,
 * not a million). Text that is not valid JSON gives an unspecified but finite answer: call it only
 * after JSON.parse has succeeded.
 */
export function findDuplicateKeys(text: string, limit = 100): DuplicateKey[] {
  const scanner = new KeyScanner(limit);
  scanner.scan(text, 0);
  return scanner.found;
}

/**
 * findDuplicateKeys for text that comes in parts (FeatureStream), scanned once: `scan` reads a
 * text from where the last scan stopped, and `drop` forgets its start before the next part is
 * added. With `inList`, the text is the inside of a list (a FeatureCollection's features, without
 * its "["): a scan says where the last comma between its entries is, and stops where it closes.
 */
export class KeyScanner {
  readonly found: DuplicateKey[] = [];
  // Stacks, one entry per open object or array. The entries are kept and reset, not re-made, so a
  // file of a million small objects makes one OpenObject per depth, not one per object.
  private readonly isObject: boolean[] = [];
  private readonly objects: OpenObject[] = [];
  private readonly arrayIndex: number[] = [];
  private depth = 0;
  private expectKey = false;
  /** The line the scan is on, from 1. */
  line = 1;
  /** Where the last scan stopped: its text's end, or the opening quote of a string that did not end in it. */
  stoppedAt = 0;
  /** In a list: where the last scan passed commas between entries, and on which lines. */
  readonly commas: number[] = [];
  readonly commaLines: number[] = [];
  /** In a list: where it closed (-1: still open); the scan stopped there. */
  closedAt = -1;

  constructor(private readonly limit = 100, private readonly inList = false) {
    if (inList) {
      this.isObject[0] = false;
      this.arrayIndex[0] = 0;
      this.depth = 1;
    }
  }

  /** Scans text[from…]. */
  scan(text: string, from: number): void {
    const { found, isObject, objects, arrayIndex, limit, inList } = this;
    let { depth, expectKey, line } = this;
    const n = text.length;
    this.commas.length = this.commaLines.length = 0;
    let i = from;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const meaning = c < 128 ? MEANING[c]! : OTHER;
      if (meaning === OTHER) continue;
      if (meaning === QUOTE_MARK) {
        const end = stringEnd(text, i + 1);
        if (end === n) break; // To be read again, whole, with the next part.
        if (expectKey && depth > 0 && isObject[depth - 1]) {
          const keys = objects[depth - 1]!;
          if (!keys.add(text, i + 1, end) && found.length < limit) {
            found.push({ path: pathOf(text, depth - 1, isObject, objects, arrayIndex), key: keyText(text, i + 1, end, hasBackslash(text, i + 1, end)), line });
          }
        }
        i = end; // JSON strings hold no raw newlines, so no lines are skipped here.
      } else if (meaning === OPENS) {
        const object = c === OPEN_OBJECT;
        isObject[depth] = object;
        if (object) (objects[depth] ??= new OpenObject()).reset();
        arrayIndex[depth] = 0;
        depth++;
        expectKey = object;
      } else if (meaning === CLOSES) {
        depth--;
        expectKey = false;
        if (depth === 0 && inList) {
          this.closedAt = i;
          break;
        }
      } else if (meaning === SEPARATES) {
        if (depth > 0 && isObject[depth - 1]) {
          expectKey = true;
        } else if (depth > 0) {
          arrayIndex[depth - 1]!++;
          if (depth === 1 && inList) {
            this.commas.push(i);
            this.commaLines.push(line);
          }
        }
      } else if (meaning === NAMES) {
        expectKey = false;
      } else {
        line++;
      }
    }
    this.stoppedAt = i;
    this.depth = depth;
    this.expectKey = expectKey;
    this.line = line;
  }

  /** The text scanned is about to lose its first `count` characters: the open objects' keys move with it. */
  drop(count: number): void {
    for (let d = 0; d < this.depth; d++) if (this.isObject[d]) this.objects[d]!.shift(count);
    this.stoppedAt -= count;
  }
}

/** Index of the closing quote of the string whose content starts at `start` (the text's length if none). */
export function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start);
  while (j !== -1) {
    let backslashes = 0;
    for (let k = j - 1; k >= start && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length; // Unterminated: only possible in text JSON.parse would have refused.
}

/** A key as JSON reads it, escapes decoded (as written, if they are not valid JSON). */
export function keyText(text: string, start: number, end: number, escaped: boolean): string {
  const raw = text.slice(start, end);
  if (!escaped) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** Builds "features[3].properties" for the object at `level`, only when a duplicate is found. */
function pathOf(text: string, level: number, isObject: boolean[], objects: OpenObject[], arrayIndex: number[]): string {
  let path = '';
  for (let d = 0; d < level; d++) {
    if (isObject[d]) {
      const key = objects[d]!.lastKey(text);
      path += /^[A-Za-z_$][\w$]*$/.test(key) ? `${path ? '.' : ''}${key}` : `[${JSON.stringify(key)}]`;
    } else {
      path += `[${arrayIndex[d]}]`;
    }
  }
  return path;
}
