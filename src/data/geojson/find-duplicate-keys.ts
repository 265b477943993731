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
 * trusts the text is valid JSON (it runs only after JSON.parse has accepted it) and remembers only
 * the keys of the objects currently open: about 80 lines.
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

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const COMMA = 0x2c;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/**
 * Lists repeated members, at most `limit` of them (a file broken everywhere needs a few examples,
 * not a million). Text that is not valid JSON gives an unspecified but finite answer: call it only
 * after JSON.parse has succeeded.
 */
export function findDuplicateKeys(text: string, limit = 100): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  // Parallel stacks, one entry per open object or array. Sets are kept and cleared, not re-made,
  // so a file of a million small objects allocates one Set per depth, not one per object.
  const isObject: boolean[] = [];
  const keySets: Array<Set<string>> = [];
  const lastKey: string[] = [];
  const arrayIndex: number[] = [];
  let depth = 0;
  let expectKey = false;
  let line = 1;
  const n = text.length;

  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i + 1);
      if (expectKey && depth > 0 && isObject[depth - 1]) {
        const key = readKey(text, i + 1, end);
        const keys = keySets[depth - 1]!;
        if (keys.has(key)) {
          if (found.length < limit) found.push({ path: pathOf(depth - 1, isObject, lastKey, arrayIndex), key, line });
        } else keys.add(key);
        lastKey[depth - 1] = key;
      }
      i = end; // JSON strings hold no raw newlines, so no lines are skipped here.
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const object = c === OPEN_OBJECT;
      isObject[depth] = object;
      if (object) {
        if (keySets[depth]) keySets[depth]!.clear();
        else keySets[depth] = new Set();
      }
      lastKey[depth] = '';
      arrayIndex[depth] = 0;
      depth++;
      expectKey = object;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      expectKey = false;
    } else if (c === COMMA) {
      if (depth > 0 && isObject[depth - 1]) expectKey = true;
      else if (depth > 0) arrayIndex[depth - 1]!++;
    } else if (c === COLON) {
      expectKey = false;
    } else if (c === NEWLINE) {
      line++;
    }
  }
  return found;
}

/** Index of the closing quote of the string whose content starts at `start`. */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start);
  while (j !== -1) {
    let backslashes = 0;
    for (let k = j - 1; k >= start && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length; // Unterminated: only possible in text JSON.parse would have refused.
}

function readKey(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (raw.indexOf('\\') === -1) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** Builds "features[3].properties" for the object at `level`, only when a duplicate is found. */
function pathOf(level: number, isObject: boolean[], lastKey: string[], arrayIndex: number[]): string {
  let path = '';
  for (let d = 0; d < level; d++) {
    if (isObject[d]) {
      const key = lastKey[d]!;
      path += /^[A-Za-z_$][\w$]*$/.test(key) ? `${path ? '.' : ''}${key}` : `[${JSON.stringify(key)}]`;
    } else {
      path += `[${arrayIndex[d]}]`;
    }
  }
  return path;
}
