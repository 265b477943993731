import { lastAtOrBefore } from '../sorted-search';

/**
 * A file's text in pieces rather than one string: one JavaScript string holds at most ~536 million
 * characters (V8: 2^29 − 24), and ACLED's worldwide export is larger than that. The pieces are
 * read and parsed one after the other as the file streams in, and kept for reading a row again.
 *
 * PieceSplitter cuts the decoded text only at a line break outside a CSV quoted cell, so that no
 * CSV row spans two pieces and each piece can be parsed on its own. It follows quotes the way
 * Papa Parse reads them: a quote opens a quoted cell only at the start of a cell, `""` inside one
 * is a quote, and a quote followed by a comma, a line break or the end closes it. After a quote it
 * cannot place (a closing quote followed by other text: Papa Parse's "InvalidQuotes") it makes no
 * further cut, so the rest of the file is one piece and is parsed as it would be whole. It cuts
 * only at the text's own line break, taken from its first line: after "\r\n" when the first line
 * ends so (a bare "\n" is then a character of a cell), at any "\n" when it ends with one, and not
 * at all after a bare "\r". Papa Parse guesses from its first piece's first 1 MB, quoted text left
 * out, by which most "\r" are followed by "\n"; the two agree unless a file mixes bare "\r" with
 * "\r\n". For text that is not CSV (GeoJSON) the cuts mean nothing: the pieces joined are always
 * the text.
 */
export class PieceSplitter {
  private parts: string[] = [];
  private size = 0;
  private inQuotes = false;
  /** A quote inside a quoted cell was the last character of a chunk: closing or doubled, the next chunk says. */
  private quoteAtEnd = false;
  /** The text's last two characters (a line feed ends a row of a CRLF file only after a carriage return). */
  private tail = '';
  /** The character before the current chunk: a quote after a comma or line break starts a quoted cell. */
  private before = '\n';
  private stopped = false;
  /** The next quote at or after `quoteFrom` in the current chunk (-1: none): a chunk without quotes is searched once, not once per cut. */
  private nextQuote = -1;
  private quoteFrom = Infinity;
  /** The text's line break, from its first: undefined until one is seen (no cut before). */
  private breaks: 'lf' | 'crlf' | 'cr' | undefined;

  /** The last line break outside quotes that scan() has passed in the current chunk (-1: none). */
  private lastBreak = -1;
  /** A piece is cut at its chunk's last line break once it holds this much; pieces of small chunks are joined until then. */
  private readonly minLength: number;

  /**
   * @param pieceLength characters a piece reaches before it is cut at the next line break it can be
   * cut at. A piece is also cut at the last line break of each chunk (of at least min(pieceLength,
   * 16K) characters: a file's stream gives 64K, a fetch's ~1M), and the rest of the row it leaves
   * is joined to the first row of the next chunk as a piece of its own. So a piece is a part of
   * one chunk (a slice, which V8 does not copy) rather than chunks joined: a copy of the whole
   * file, a tenth of a second a 232 MB file.
   */
  constructor(private readonly pieceLength = 1 << 22, linebreak?: string) {
    this.minLength = Math.min(pieceLength, 1 << 14);
    // The text goes on from a file whose line break is known (CsvHalfReader): not guessed from its first line here.
    if (linebreak !== undefined) this.breaks = linebreak === '\r\n' ? 'crlf' : linebreak === '\n' ? 'lf' : 'cr';
  }

  /** Takes the next chunk of decoded text; returns the pieces it completed (often none). */
  push(chunk: string): string[] {
    if (chunk.length > 0) this.tail = chunk.length >= 2 ? chunk.slice(-2) : this.tail.slice(-1) + chunk;
    const done: string[] = [];
    this.quoteFrom = Infinity;
    this.lastBreak = -1;
    if (this.breaks === undefined) this.findBreaks(chunk);
    // Before the text's line break is known, and in a file of bare "\r" breaks, nothing is cut.
    if (this.breaks === 'cr') this.stopped = true;
    let from = 0;
    let scanned = this.resolveQuoteAtEnd(chunk);
    const cutting = () => !this.stopped && this.breaks !== undefined;
    while (cutting()) {
      // A piece carried from earlier chunks ends at the first line break of a chunk that is not
      // small (a short copy: the rest of a row); one within this chunk runs to pieceLength.
      const carried = this.size > 0 ? (chunk.length >= this.minLength ? 0 : Math.max(0, this.minLength - this.size)) : this.pieceLength;
      const wanted = from + carried;
      if (wanted >= chunk.length) break;
      let cut = -1;
      for (let nl = chunk.indexOf('\n', Math.max(wanted, scanned)); nl !== -1; nl = chunk.indexOf('\n', Math.max(nl + 1, scanned))) {
        scanned = this.scan(chunk, scanned, nl);
        if (this.stopped) break;
        if (!this.inQuotes && this.isBreak(chunk, nl)) {
          cut = nl + 1;
          break;
        }
      }
      if (cut < 0) break;
      from = this.cut(chunk, from, cut, done);
    }
    if (!this.stopped) this.scan(chunk, scanned, chunk.length);
    // The rest of the chunk, up to its last line break outside quotes, as a piece of its own.
    if (cutting() && this.size === 0 && this.lastBreak + 1 - from >= this.minLength) from = this.cut(chunk, from, this.lastBreak + 1, done);
    if (from < chunk.length) {
      this.parts.push(from === 0 ? chunk : chunk.slice(from));
      this.size += chunk.length - from;
    }
    if (chunk.length) this.before = chunk[chunk.length - 1]!;
    return done;
  }

  /** The text's line break, from its first "\r" or "\n" (a "\r" that ends a chunk waits for the next). */
  private findBreaks(chunk: string): void {
    if (this.before === '\r' && this.size > 0) {
      this.breaks = chunk[0] === '\n' ? 'crlf' : 'cr';
      return;
    }
    const lf = chunk.indexOf('\n'), cr = chunk.indexOf('\r');
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      if (cr + 1 < chunk.length) this.breaks = chunk[cr + 1] === '\n' ? 'crlf' : 'cr';
    } else if (lf !== -1) this.breaks = 'lf';
  }

  /** Whether the "\n" at chunk[nl] ends a line: in a CRLF text, only after a "\r". */
  private isBreak(chunk: string, nl: number): boolean {
    return this.breaks === 'lf' || (nl > 0 ? chunk.charCodeAt(nl - 1) === 13 : this.before === '\r');
  }

  /** Ends the piece at chunk[cut] (with what was carried); gives back where the next one starts. */
  private cut(chunk: string, from: number, cut: number, done: string[]): number {
    this.parts.push(chunk.slice(from, cut));
    done.push(this.parts.length === 1 ? this.parts[0]! : this.parts.join(''));
    this.parts = [];
    this.size = 0;
    return cut;
  }

  /**
   * Whether the text so far ends with a line break outside quotes, where a row starts: what follows
   * can be read apart from it (CsvHalfReader). Not in a file of bare "\r" breaks, nor after a quote
   * it could not place (it cuts no more).
   */
  get atRowStart(): boolean {
    const { tail } = this;
    return !this.inQuotes && !this.quoteAtEnd && !this.stopped && ((this.breaks === 'lf' && tail.endsWith('\n')) || (this.breaks === 'crlf' && tail === '\r\n'));
  }

  /** The last piece: whatever is left (possibly empty). */
  end(): string {
    const last = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return last;
  }

  /** chunk[from, to) is outside quotes: its last line break is the last one passed. */
  private passed(chunk: string, from: number, to: number): void {
    let nl = to > from ? chunk.lastIndexOf('\n', to - 1) : -1;
    while (nl >= from && this.breaks !== undefined && !this.isBreak(chunk, nl)) nl = nl > 0 ? chunk.lastIndexOf('\n', nl - 1) : -1;
    if (nl >= from) this.lastBreak = nl;
  }

  private resolveQuoteAtEnd(chunk: string): number {
    if (!this.quoteAtEnd || chunk.length === 0) return 0;
    this.quoteAtEnd = false;
    const next = chunk[0]!;
    if (next === '"') return 1;
    if (next === ',' || next === '\n' || next === '\r') this.inQuotes = false;
    else this.stopped = true;
    return 0;
  }

  /**
   * Follows the quotes of chunk[from, to); returns where it got to (at least `to`, or the chunk's
   * end). Notes the last line break it passes outside quotes (lastBreak).
   */
  private scan(chunk: string, from: number, to: number): number {
    let at = from;
    while (at < to) {
      if (at < this.quoteFrom || (this.nextQuote !== -1 && at > this.nextQuote)) {
        this.nextQuote = chunk.indexOf('"', at);
        this.quoteFrom = at;
      }
      const q = this.nextQuote;
      if (q === -1 || q >= to) {
        if (!this.inQuotes) this.passed(chunk, at, to);
        return to;
      }
      if (!this.inQuotes) {
        this.passed(chunk, at, q);
        const previous = q > 0 ? chunk[q - 1]! : this.before;
        if (previous === ',' || previous === '\n' || previous === '\r' || previous === '\ufeff') this.inQuotes = true;
        at = q + 1;
        continue;
      }
      if (q + 1 === chunk.length) {
        this.quoteAtEnd = true;
        return chunk.length;
      }
      const next = chunk[q + 1]!;
      if (next === '"') at = q + 2;
      else if (next === ',' || next === '\n' || next === '\r') {
        this.inQuotes = false;
        at = q + 1;
      } else {
        this.stopped = true;
        return chunk.length;
      }
    }
    return Math.max(at, to);
  }
}

/** Splits a whole text as a stream of it would be (for tests, the command line and small files). */
export function splitText(text: string, pieceLength?: number): string[] {
  const splitter = new PieceSplitter(pieceLength);
  const pieces = splitter.push(text);
  const last = splitter.end();
  return last || pieces.length === 0 ? [...pieces, last] : pieces;
}

/** The most characters one string may have in V8 (2^29 − 24); Firefox's limit is higher. */
export const MAX_STRING_LENGTH = 2 ** 29 - 24;

/**
 * A file's text kept, piece by piece as it is read, to read rows again from by position:
 * slice(start, end) with offsets into the whole text, as the CSV reader gives rows' spans.
 */
export interface KeptText {
  add(piece: string): void;
  readonly length: number;
  /** Bytes of the JavaScript heap it holds, at least (what the benchmark sets aside as story text). */
  readonly heapBytes: number;
  slice(start: number, end: number): string;
  /** No more pieces will come: what adding them needed can go. */
  finish?(): void;
}

const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** The pieces kept as they are, as strings. A row lies within one piece; a slice across pieces is joined. */
export class PieceText implements KeptText {
  /** Where each piece starts in the whole text. */
  private readonly starts: number[] = [];
  private readonly pieces: string[] = [];
  length = 0;
  heapBytes = 0;

  constructor(pieces: readonly string[] = []) {
    for (const piece of pieces) this.add(piece);
  }

  add(piece: string): void {
    this.starts.push(this.length);
    this.pieces.push(piece);
    this.length += piece.length;
    // V8 keeps a string of Latin-1 characters in one byte each, any other in two (counted low:
    // Latin-1 text beyond ASCII may be two-byte too, depending on how it was decoded).
    this.heapBytes += piece.length * (BEYOND_LATIN1.test(piece) ? 2 : 1);
  }

  slice(start: number, end: number): string {
    let p = lastAtOrBefore(this.starts, start);
    const first = this.pieces[p] ?? '';
    const base = this.starts[p] ?? 0;
    if (end - base <= first.length) return first.slice(start - base, end - base);
    const parts = [first.slice(start - base)];
    for (p += 1; p < this.pieces.length && this.starts[p]! < end; p++) parts.push(this.pieces[p]!.slice(0, end - this.starts[p]!));
    return parts.join('');
  }
}
