import { isObject, type JsonObject } from '../field-checks';
import type { RowSpan } from '../validate-dataset';
import {
  BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COLON, COMMA, KeyScanner, OPEN_ARRAY, OPEN_OBJECT, QUOTE, findDuplicateKeys, keyText, stringEnd, type DuplicateKey,
} from './find-duplicate-keys';

/**
 * Reads a FeatureCollection's features while its text streams in, instead of parsing the whole
 * text once the last byte has come: a 70 MB file was parsed in ~0.5 s after its download, its
 * repeated members looked for in ~0.2 s more, and the garbage collector then traced the whole
 * parsed tree. Here each chunk's complete features are parsed with JSON.parse as the chunk comes,
 * a batch at a time, and their repeated members found in the same batch's text.
 *
 * How: a scanner follows strings and nesting. The root object's member named "features", when its
 * value is a list, is cut at the commas between its entries; the batch between two cuts is parsed
 * as `[batch]`. Everything else (the root's other members) is kept as text, the "skeleton", and
 * parsed at the end with an empty features list, which then gets the features. The result is the
 * value JSON.parse gives the whole text, with the same duplicates findDuplicateKeys finds in it.
 *
 * Anything this does not follow makes `finish` give undefined: the root is not an object; it has
 * no "features" list, or names it twice (or once written with escapes); a batch or the skeleton
 * is not valid JSON; more than LONGEST_PART characters since the last cut, or before and after
 * the list. The caller then reads the whole text as before, whose JSON.parse error says where the
 * text is broken. So this never decides what a file means; it only does the same parse sooner.
 * What the reader throws is not caught.
 */

export interface StreamedCollection {
  /** The root object, with an empty `features` list: its entries went to the reader. */
  root: JsonObject;
  /** Repeated members anywhere in the text, at most `limit` (as findDuplicateKeys(text, limit)). */
  duplicates: DuplicateKey[];
  featureCount: number;
}

/** Takes the features list's entries as they are parsed. */
export interface EntryReader {
  /** The list begins: `head` is the text before it (the root's start, up to and with its "["). */
  begin?(head: string): void;
  /**
   * The next entries, the first of them entry `first` of the list, and where each is in the whole
   * text (white space before it left out; `line` is where it begins). `duplicates`: the repeated
   * members found in the list so far, in text order (they may reach into entries still to come).
   */
  entries(entries: unknown[], first: number, spans: readonly RowSpan[], duplicates: readonly DuplicateKey[]): void;
}

/** Characters the root's scanner stops at; every other one (digits, letters, spaces) is passed over. */
const STOPS = new Uint8Array(128);
for (const c of [QUOTE, OPEN_OBJECT, OPEN_ARRAY, CLOSE_OBJECT, CLOSE_ARRAY, COMMA, COLON]) STOPS[c] = 1;

/**
 * The text since the last cut in the features list (a feature that has not ended, in practice) may
 * grow to this many characters; beyond, the file is read whole. Each chunk re-joins it, so a
 * feature of tens of MB (a detailed country border) would be copied once per chunk. The root's
 * members before and after the list are kept to this too: more is not a FeatureCollection of
 * incidents (it may be TopoJSON), and would be kept twice.
 */
const LONGEST_PART = 4 << 20;

/** Where the scanner is: before the features (the skeleton's head), in them, after them, or given up. */
type Phase = 'head' | 'features' | 'tail' | 'off';

export class FeatureStream {
  private phase: Phase = 'head';

  // The root's scanner, for the head and the tail: small, usually.
  private depth = 0;
  private inString = false;
  /** The chunk ended on an odd run of backslashes inside a string: the next character is escaped. */
  private escapeNext = false;
  /** In the root object, the next string is a member's name. */
  private expectName = false;
  /** The name being read, when it did not end in the chunk it began in. */
  private namePart: string | undefined;
  /** The last name at the root was "features", and its value has not begun. */
  private featuresNext = false;
  private featuresNamed = false;
  private readonly head: string[] = [];
  private readonly tail: string[] = [];
  /** Line breaks in the skeleton's head; characters in the head and tail. */
  private headLines = 0;
  private kept = 0;
  private started = false;

  // The features list: its text from the last cut on, and the scanner that finds cuts and repeated members.
  private readonly keys: KeyScanner;
  private rest = '';
  /** Where `rest` begins in the whole text, and on which line of the list (from 1). */
  private restStart = 0;
  private restLine = 1;
  /** Where the chunk being read begins in the whole text. */
  private chunkStart = 0;
  private count = 0;
  /** The list's repeated members, with the file's paths and lines (keys.found, as far as converted). */
  private readonly listDuplicates: DuplicateKey[] = [];

  constructor(private readonly reader: EntryReader, private readonly limit = 100) {
    this.keys = new KeyScanner(limit, true);
  }

  /** The next chunk of the text, cut anywhere. */
  push(chunk: string): void {
    if (this.phase === 'off' || chunk.length === 0) return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) {
        chunk = chunk.slice(1);
        this.chunkStart++;
      }
    }
    // What the reader throws is not caught: only text this does not follow is read whole.
    if (this.phase === 'features') this.list(chunk);
    else this.root(chunk, 0);
    this.chunkStart += chunk.length;
  }

  /** The parsed collection, or undefined when the text is to be read whole (see above). */
  finish(): StreamedCollection | undefined {
    if (this.phase !== 'tail') return this.giveUp();
    const head = this.head.join('');
    // Line breaks stand in for the features, so that the skeleton's lines are the file's lines.
    const skeleton = `${head}${'\n'.repeat(this.keys.line - 1)}${this.tail.join('')}`;
    let root: unknown;
    try {
      root = JSON.parse(skeleton);
    } catch {
      return this.giveUp();
    }
    if (!isObject(root) || !Array.isArray(root.features) || root.features.length !== 0) return this.giveUp();
    // In text order: the head's, the features', the tail's. A scan of the head alone finds what
    // the skeleton's scan finds first (the scan reads left to right).
    const atTop = findDuplicateKeys(skeleton, this.limit);
    const inHead = findDuplicateKeys(head, this.limit).length;
    this.phase = 'off';
    const duplicates = [...atTop.slice(0, inHead), ...this.duplicatesInList(), ...atTop.slice(inHead)].slice(0, this.limit);
    return { root, duplicates, featureCount: this.count };
  }

  private giveUp(): undefined {
    this.phase = 'off';
    this.head.length = this.tail.length = 0;
    this.rest = '';
    return undefined;
  }

  private duplicatesInList(): DuplicateKey[] {
    const found = this.keys.found;
    for (let k = this.listDuplicates.length; k < found.length; k++) {
      this.listDuplicates.push({ ...found[k]!, path: `features${found[k]!.path}`, line: found[k]!.line + this.headLines });
    }
    return this.listDuplicates;
  }

  /** Text of the features list: parses the entries that have ended, and moves on to the tail when the list does. */
  private list(part: string): void {
    const text = this.rest + part;
    const keys = this.keys;
    keys.scan(text, keys.stoppedAt);
    const { commas } = keys;
    if (keys.closedAt >= 0) {
      this.batch(text, keys.closedAt, commas.length, true);
      if (this.phase === 'off') return;
      this.rest = '';
      this.phase = 'tail';
      // In the root object (depth 1), at the list's closing bracket (which takes it from 2 to 1).
      this.depth = 2;
      this.root(text, keys.closedAt);
    } else if (commas.length > 0) {
      const cut = commas[commas.length - 1]!;
      this.batch(text, cut, commas.length - 1, false);
      if (this.phase === 'off') return;
      this.rest = text.slice(cut + 1);
      this.restStart += cut + 1;
      this.restLine = keys.commaLines[commas.length - 1]!;
      keys.drop(cut + 1);
    } else {
      this.rest = text;
    }
    if (this.rest.length > LONGEST_PART) this.giveUp();
  }

  /**
   * Parses text[0, end) as one batch of entries: at least one, unless it is the whole (empty)
   * list. The scan's first `inner` commas are those between them.
   */
  private batch(text: string, end: number, inner: number, last: boolean): void {
    let entries: unknown[];
    try {
      entries = JSON.parse(`[${text.slice(0, end)}]`) as unknown[];
    } catch {
      return void this.giveUp();
    }
    // `[]` parses, but between two commas (or after the last) it is an entry left out: not JSON.
    // (And the scan found as many entries as JSON.parse, or something is not as it seems.)
    if (entries.length === 0 ? !(last && this.count === 0) : entries.length !== inner + 1) return void this.giveUp();
    if (entries.length === 0) return;
    const { commas, commaLines } = this.keys;
    const spans: RowSpan[] = [];
    for (let k = 0; k < entries.length; k++) {
      let from = k === 0 ? 0 : commas[k - 1]! + 1;
      let line = k === 0 ? this.restLine : commaLines[k - 1]!;
      for (let c = text.charCodeAt(from); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++from)) {
        if (c === 0x0a) line++;
      }
      // Up to its last character (not the white space before the next comma or the bracket).
      let to = k < inner ? commas[k]! : end;
      for (let c = text.charCodeAt(to - 1); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(--to - 1));
      spans.push({ start: this.restStart + from, end: this.restStart + to, line: line + this.headLines });
    }
    const first = this.count;
    this.count += entries.length;
    this.reader.entries(entries, first, spans, this.duplicatesInList());
  }

  /** The root's text from `from` on, in the head or the tail: the features list begins after its "[". */
  private root(chunk: string, from: number): void {
    const n = chunk.length;
    let i = from;
    if (this.inString) {
      i = this.stringEndIn(chunk, from);
      if (i === n) {
        if (this.namePart !== undefined) this.namePart += chunk.slice(from);
        this.keep(chunk, from, n);
        return;
      }
      this.endOfString(chunk, from, i);
      if (this.phase === 'off') return;
      i++;
    }
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (c >= 128 || STOPS[c] === 0) continue;
      if (c === QUOTE) {
        const end = this.stringEndIn(chunk, i + 1);
        if (end === n) {
          this.inString = true;
          if (this.expectName && this.depth === 1) this.namePart = chunk.slice(i + 1);
          else this.featuresNext = false;
          break;
        }
        if (this.expectName && this.depth === 1) {
          this.named(chunk.slice(i + 1, end));
          if (this.phase === 'off') return;
        } else {
          this.featuresNext = false;
        }
        i = end;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.depth === 0 && c !== OPEN_OBJECT) return void this.giveUp();
        if (this.featuresNext && c === OPEN_ARRAY && this.depth === 1 && this.phase === 'head') {
          // The features list begins: what came before it is the head.
          if (!this.keep(chunk, from, i + 1)) return;
          this.phase = 'features';
          this.restStart = this.chunkStart + i + 1;
          this.reader.begin?.(this.head.join(''));
          return this.list(chunk.slice(i + 1));
        }
        this.featuresNext = false;
        this.depth++;
        this.expectName = this.depth === 1;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        this.expectName = false;
        this.featuresNext = false;
        if (this.depth < 0) return void this.giveUp();
      } else if (c === COMMA) {
        this.expectName = this.depth === 1;
        this.featuresNext = false;
      } else if (c === COLON) {
        this.expectName = false;
      }
    }
    this.keep(chunk, from, n);
  }

  /** Keeps chunk[from, to) in the head or the tail; false if that makes them too long (then the stream gives up). */
  private keep(chunk: string, from: number, to: number): boolean {
    const text = chunk.slice(from, to);
    this.kept += text.length;
    if (this.kept > LONGEST_PART) return this.giveUp() ?? false;
    if (this.phase === 'head') {
      this.head.push(text);
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.headLines++;
    } else {
      this.tail.push(text);
    }
    return true;
  }

  /** The end of a string that began in an earlier chunk, at `end` in this one. */
  private endOfString(chunk: string, from: number, end: number): void {
    this.inString = false;
    if (this.namePart !== undefined) {
      const name = this.namePart + chunk.slice(from, end);
      this.namePart = undefined;
      this.named(name);
    } else {
      this.featuresNext = false;
    }
  }

  /** A member name of the root object, as written between its quotes. */
  private named(raw: string): void {
    this.expectName = false;
    this.featuresNext = false;
    if (raw !== 'features') {
      // Escaped, it would be the same name written differently: not followed, so read whole.
      if (raw.includes('\\') && keyText(raw, 0, raw.length, true) === 'features') this.giveUp();
      return;
    }
    if (this.featuresNamed) return void this.giveUp();
    this.featuresNamed = true;
    this.featuresNext = true;
  }

  /**
   * Index of the closing quote of a string whose text goes on from `start`, or the chunk's length
   * if it does not close in this chunk (then `escapeNext` says whether the next character is escaped).
   */
  private stringEndIn(chunk: string, start: number): number {
    if (this.escapeNext) {
      this.escapeNext = false;
      start++;
    }
    const end = stringEnd(chunk, start);
    if (end < chunk.length) return end;
    let backslashes = 0;
    for (let k = chunk.length - 1; k >= start && chunk.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    this.escapeNext = backslashes % 2 === 1;
    return chunk.length;
  }
}
