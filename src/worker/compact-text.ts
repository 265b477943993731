import { lastAtOrBefore } from '../data/sorted-search';
import type { KeptText } from '../data/csv/text-pieces';

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
  private readonly pieces: Array<string | Utf8Piece> = [];
  length = 0;
  /** The strings' bytes only: the byte pieces are ArrayBuffers, outside the heap. */
  heapBytes = 0;
  /** Bytes held outside the heap. */
  outsideBytes = 0;
  /** Where pieces are encoded (encoded()). */
  private scratch = new Uint8Array(0);

  constructor(pieces: readonly string[] = []) {
    for (const piece of pieces) this.add(piece);
  }

  add(piece: string): void {
    this.starts.push(this.length);
    this.length += piece.length;
    // A string with a lone surrogate would not come back from UTF-8 as it was: keep it as it is.
    if (BEYOND_LATIN1.test(piece) && isWellFormed(piece)) {
      const kept = new Utf8Piece(this.encoded(piece), piece.length);
      this.pieces.push(kept);
      this.outsideBytes += kept.bytes.byteLength;
    } else {
      this.pieces.push(piece);
      this.heapBytes += piece.length;
    }
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
    for (let p = Math.max(0, lastAtOrBefore(this.starts, start)); p < this.pieces.length && this.starts[p]! < end; p++) {
      const piece = this.pieces[p]!, base = this.starts[p]!;
      const from = Math.max(0, start - base), to = Math.min(piece.length, end - base);
      parts.push(typeof piece === 'string' ? piece.slice(from, to) : piece.slice(from, to));
    }
    return parts.length === 1 ? parts[0]! : parts.join('');
  }
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
    this.unitAt = Uint32Array.from(units);
    this.byteAt = Uint32Array.from(offsets);
  }
}

/** Bytes in the UTF-8 sequence that starts with `lead`. */
function sequenceLength(lead: number): number {
  return lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}
