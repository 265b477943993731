import { lastAtOrBefore } from '../data/sorted-search';
import type { KeptText } from '../data/csv/text-pieces';
import type { OnText } from './read-source';

const BEYOND_LATIN1 = /[\u0100-\uffff]/;
/** A checkpoint every this many UTF-16 units of a piece kept as bytes. */
const STEP = 2048;

const encoder = new TextEncoder();
// ignoreBOM: a slice that starts with U+FEFF keeps it (by default the decoder drops it).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A file's text kept to read rows again from, in less memory than its strings. V8 keeps a string
 * in one byte a character only while every character is Latin-1; a piece with one curly quote or
 * Arabic letter in it (every piece of the real UCDP exports) takes two bytes a character, twice
 * the file. Such a piece is kept as UTF-8 bytes instead (about a byte a character for these
 * files), outside the JavaScript heap; a Latin-1 piece stays a string. Reading a slice of a byte
 * piece finds its place through checkpoints made on first use, and decodes only that slice.
 */
export class CompactText implements KeptText {
  private readonly starts: number[] = [];
  private readonly kept: Array<string | Utf8Piece> = [];
  length = 0;
  /** The strings' bytes only: the byte pieces are ArrayBuffers, outside the heap. */
  heapBytes = 0;
  /** Bytes held outside the heap. */
  outsideBytes = 0;
  /** Where pieces are encoded (encoded()). */
  private scratch = new Uint8Array(0);

  /** @param asBytes keep every decoded piece as bytes, ASCII too: to be moved to another thread (pieces), not copied. */
  constructor(pieces: readonly string[] = [], private readonly asBytes = false) {
    for (const piece of pieces) this.add(piece);
  }

  /** The pieces, to be moved to another thread and appended to its text (append), with the buffers to transfer. */
  pieces(): { pieces: KeptPiece[]; buffers: ArrayBuffer[] } {
    const buffers = new Set<ArrayBuffer>();
    const pieces = this.kept.map((piece): KeptPiece => {
      if (typeof piece === 'string') return piece;
      buffers.add(piece.bytes.buffer as ArrayBuffer);
      return { bytes: piece.bytes, length: piece.length };
    });
    return { pieces, buffers: [...buffers] };
  }

  /** Another text's pieces (pieces()), after this one's. */
  append(pieces: readonly KeptPiece[]): void {
    for (const piece of pieces) this.keep(typeof piece === 'string' ? piece : new Utf8Piece(piece.bytes, piece.length));
  }

  add(piece: string): void {
    // A string with a lone surrogate would not come back from UTF-8 as it was: keep it as it is.
    if (BEYOND_LATIN1.test(piece) && isWellFormed(piece)) this.keep(new Utf8Piece(this.encoded(piece), piece.length));
    else this.keep(piece);
  }

  private keep(piece: string | Utf8Piece): void {
    this.starts.push(this.length);
    this.length += piece.length;
    this.kept.push(piece);
    if (typeof piece === 'string') this.heapBytes += piece.length;
    else this.outsideBytes += piece.bytes.byteLength;
  }

  /**
   * A piece with the UTF-8 bytes it was decoded from, kept as they are instead of being encoded
   * again, unless it is ASCII (as many bytes as characters: then the string takes no more room, and
   * telling that needs no scan of the text). The bytes must decode to exactly the piece.
   */
  addDecoded(piece: string, bytes: Uint8Array): void {
    this.keep(bytes.length === piece.length && !this.asBytes ? piece : new Utf8Piece(bytes, piece.length));
  }

  finish(): void {
    this.scratch = new Uint8Array(0);
  }

  /**
   * A piece's UTF-8 bytes. Encoded into a buffer kept for the next piece, then copied out at their
   * size: in Chromium that is half the time of encode(), which makes a buffer for every piece
   * (0.25 against 0.56 s for the 130 M characters of a UCDP-shaped file).
   */
  private encoded(piece: string): Uint8Array {
    // At most three bytes a UTF-16 unit (a surrogate pair, two units, makes four).
    if (this.scratch.length < 3 * piece.length) this.scratch = new Uint8Array(3 * piece.length);
    const { written } = encoder.encodeInto(piece, this.scratch);
    return this.scratch.slice(0, written);
  }

  slice(start: number, end: number): string {
    const parts: string[] = [];
    for (let p = Math.max(0, lastAtOrBefore(this.starts, start)); p < this.kept.length && this.starts[p]! < end; p++) {
      const piece = this.kept[p]!, base = this.starts[p]!;
      const from = Math.max(0, start - base), to = Math.min(piece.length, end - base);
      parts.push(typeof piece === 'string' ? piece.slice(from, to) : piece.slice(from, to));
    }
    return parts.length === 1 ? parts[0]! : parts.join('');
  }
}

const NO_BYTES = new Uint8Array(0);

/** A kept piece as it moves between threads: a string, or UTF-8 bytes with the UTF-16 length they decode to. */
export type KeptPiece = string | { bytes: Uint8Array; length: number };

/**
 * A file's text kept from the bytes it was read from (a stream decoded as UTF-8), in CompactText:
 * a chunk's text that is not ASCII keeps the chunk's own bytes, not its text encoded again. Encoding
 * was a quarter of the worker's time on a large UCDP export, whose every chunk has curly quotes
 * or Arabic names.
 *
 * The text is offered as it is decoded, chunk by chunk (offer); the import that reads it adds its
 * pieces (add), which are the same text cut elsewhere, and so only counted. While the stream is
 * valid UTF-8, the bytes a chunk's text came from are the chunk's, less the start of a character
 * the decoder holds back to finish with the next chunk (and plus the one it held before), less a
 * byte order mark at the very start (which the decoder drops). The first U+FFFD (bytes the
 * decoder replaced, or that character itself) ends that: from there on the text is kept as
 * CompactText keeps strings, as which bytes the decoder replaced is not worth working out again.
 */
export class StreamText implements KeptText {
  private readonly kept: CompactText;
  /** The start of a character at the end of the last chunk, held back by the decoder. */
  private held = NO_BYTES;
  private atStart: boolean;

  /**
   * @param part the stream is a part of a file from a row on (CsvHalfReader), not its start: no
   * byte order mark is dropped, and the text is kept as bytes, to be moved to the thread that
   * read the start (pieces).
   */
  constructor(part = false) {
    this.kept = new CompactText([], part);
    this.atStart = !part;
  }

  /** The pieces kept, to move to another thread (CompactText.pieces). */
  pieces(): { pieces: KeptPiece[]; buffers: ArrayBuffer[] } {
    return this.kept.pieces();
  }

  /**
   * The text of the rest of the stream, read elsewhere (pieces()), after what was offered here,
   * which must end with a whole character. The import may add its pieces as if offered.
   */
  append(pieces: readonly KeptPiece[]): void {
    if (this.held.length) throw new Error('StreamText: text appended after part of a character.');
    this.kept.append(pieces);
  }
  private valid = true;
  private added = 0;

  get length(): number {
    return this.kept.length;
  }

  get heapBytes(): number {
    return this.kept.heapBytes;
  }

  get outsideBytes(): number {
    return this.kept.outsideBytes;
  }

  /** The next chunk of the stream and its text as the stream's decoder gave it; the decoder's last text comes without a chunk. */
  offer(text: string, chunk?: Uint8Array): void {
    if (this.valid && chunk && !text.includes('\ufffd')) {
      let bytes = this.held.length ? joined(this.held, chunk) : chunk;
      // The decoder drops a byte order mark in the stream's first three bytes (only there).
      if (this.atStart && bytes.length >= 3) {
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        this.atStart = false;
      }
      const whole = bytes.length - heldBack(bytes);
      this.held = bytes.slice(whole);
      if (whole > 0) this.atStart = false;
      if (text) this.kept.addDecoded(text, bytes.subarray(0, whole));
      return;
    }
    this.valid = false;
    if (text) this.kept.add(text);
  }

  /** A piece the import read: text already offered. */
  add(piece: string): void {
    this.added += piece.length;
    if (this.added > this.kept.length) throw new Error('StreamText: a piece was added before its text was offered.');
  }

  slice(start: number, end: number): string {
    return this.kept.slice(start, end);
  }

  finish(): void {
    this.kept.finish();
  }
}

/**
 * Where a stream's decoded chunks go: to `importing`, and to `kept` as long as the import keeps the
 * text (always for JSON; not for a CSV of another kind, which has no row to read again).
 */
export function importAndKeep(importing: { write(text: string): void; keepsText(next: string): boolean | undefined }, kept: StreamText): OnText {
  return (text, bytes) => {
    if (importing.keepsText(text) !== false) kept.offer(text, bytes);
    if (text) importing.write(text);
  };
}

/** How many bytes at the end begin a UTF-8 sequence they do not finish: what a streaming decoder holds back. */
function heldBack(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) !== 0x80) return sequenceLength(b) > back ? back : 0;
  }
  return 0;
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** No lone surrogate (String.prototype.isWellFormed where the browser has it: Firefox before 119 does not). */
function isWellFormed(text: string): boolean {
  const native = (text as string & { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function' ? native.call(text) : !LONE_SURROGATE.test(text);
}

/** A piece as UTF-8 bytes, sliced by UTF-16 offsets as the string was. */
class Utf8Piece {
  /** For each checkpoint, the first code point at or after STEP·k units: its unit offset and its byte offset. */
  private unitAt: Uint32Array | undefined;
  private byteAt: Uint32Array | undefined;

  constructor(readonly bytes: Uint8Array, readonly length: number) {}

  slice(from: number, to: number): string {
    if (to <= from) return '';
    // ASCII (kept as bytes to be moved between threads): a byte a unit.
    if (this.bytes.length === this.length) return decoder.decode(this.bytes.subarray(from, to));
    const [startUnit, startByte] = this.locate(from);
    let [endUnit, endByte] = this.locate(to);
    // `to` inside a surrogate pair: decode the whole pair and cut after.
    if (endUnit < to) {
      endByte += sequenceLength(this.bytes[endByte]!);
      endUnit += 2;
    }
    const text = decoder.decode(this.bytes.subarray(startByte, endByte));
    return from === startUnit && to === endUnit ? text : text.slice(from - startUnit, to - startUnit);
  }

  /** The code point that holds unit `target` (or starts there; the end for `length`): its unit and byte offsets. */
  private locate(target: number): [number, number] {
    if (!this.unitAt) this.index();
    const { bytes } = this;
    let k = Math.min(Math.floor(target / STEP), this.unitAt!.length - 1);
    while (k > 0 && this.unitAt![k]! > target) k--;
    let unit = this.unitAt![k]!, at = this.byteAt![k]!;
    while (at < bytes.length) {
      const units = bytes[at]! >= 0xf0 ? 2 : 1;
      if (unit + units > target) break;
      unit += units;
      at += sequenceLength(bytes[at]!);
    }
    return [unit, at];
  }

  private index(): void {
    const { bytes } = this;
    const units: number[] = [0], offsets: number[] = [0];
    let unit = 0, next = STEP;
    for (let at = 0; at < bytes.length; at++) {
      const b = bytes[at]!;
      if ((b & 0xc0) === 0x80) continue; // a continuation byte
      if (unit >= next) {
        units.push(unit);
        offsets.push(at);
        next = (Math.floor(unit / STEP) + 1) * STEP;
      }
      unit += b >= 0xf0 ? 2 : 1;
    }
    // The bytes were given with the text they decode to (addDecoded): a wrong pairing shows here.
    if (unit !== this.length) throw new Error(`A kept piece's ${bytes.length} bytes hold ${unit} UTF-16 units, not ${this.length}.`);
    this.unitAt = Uint32Array.from(units);
    this.byteAt = Uint32Array.from(offsets);
  }
}

/** Bytes in the UTF-8 sequence that starts with `lead`. */
function sequenceLength(lead: number): number {
  return lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}
