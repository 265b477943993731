/**
 * The first row start at or after byte `mid` of a file: just after a line feed, in a CRLF file
 * after a carriage return and line feed (a bare line feed is then in a cell). Both workers find
 * the same place, each in its own stream; whether it is outside quotes only the first half's
 * reader can tell (DatasetImport.endHalf). Pure, for the two workers of worker/half-reading.ts.
 */
export class RowStartFinder {
  /** The byte before the chunk being searched (-1 at the stream's start). */
  private before = -1;

  constructor(private readonly mid: number, private readonly crlf: boolean) {}

  /** Where the row starts in `chunk`, which starts at byte `offset` of the file; -1 if not in it. */
  find(chunk: Uint8Array, offset: number): number {
    if (offset + chunk.length >= this.mid) {
      for (let lf = chunk.indexOf(10, Math.max(0, this.mid - 1 - offset)); lf !== -1; lf = chunk.indexOf(10, lf + 1)) {
        if (!this.crlf || (lf > 0 ? chunk[lf - 1] : this.before) === 13) return lf + 1;
      }
    }
    if (chunk.length > 0) this.before = chunk[chunk.length - 1]!;
    return -1;
  }
}
