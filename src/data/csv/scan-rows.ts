import type { RowCells } from './row-cells';

const QUOTE = 34, COMMA = 44, CR = 13;

/**
 * Reads comma-separated rows from text[at…] into `cells` (places, not strings: row-cells.ts),
 * calling onRow(start, end) for each, end just after its line break. It reads only what Papa Parse
 * reads without question, and reads it as Papa Parse does (the tests compare the two on random
 * and real files):
 * - a cell that starts with a quote runs to the next quote that is not doubled, which must be
 *   followed by a comma, the line break or the end of the text; any other quote is a character;
 * - a row ends at the line break (`crlf`: "\r\n", else "\n") outside quotes, or the end of the text.
 *
 * It stops at the first row that is anything else, and gives back where that row starts (the
 * text's length when it read every row): a blank line, or a row of one empty cell; a quote never
 * closed within the text; text after a closing quote; in a CRLF file, a line feed without its
 * carriage return outside quotes. The caller hands the rest of the text to Papa Parse, which reads
 * it and says what is wrong. Papa Parse itself costs a string for every cell of every row.
 */
export function scanRows(text: string, at: number, crlf: boolean, cells: RowCells, onRow: (start: number, end: number) => void): number {
  const n = text.length;
  // The next line feed and the next comma at or after `at` (n: none).
  let lf = -1, comma = -1;
  while (at < n) {
    const start = at;
    cells.begin(text);
    for (;;) {
      if (lf < at) lf = after(text.indexOf('\n', at), n);
      if (text.charCodeAt(at) === QUOTE) {
        let q = at + 1, doubled = false;
        for (;;) {
          q = text.indexOf('"', q);
          if (q < 0) return start;
          if (text.charCodeAt(q + 1) !== QUOTE) break;
          q += 2;
          doubled = true;
        }
        cells.push(at + 1, q, doubled);
        at = q + 1;
        if (at === n) break;
        const c = text.charCodeAt(at);
        if (c === COMMA) {
          at += 1;
          continue;
        }
        if (lf < at) lf = after(text.indexOf('\n', at), n);
        if (!crlf && at === lf) at += 1;
        else if (crlf && c === CR && at + 1 === lf && lf < n) at += 2;
        else return start;
        break;
      }
      if (comma < at) comma = after(text.indexOf(',', at), n);
      if (comma < lf) {
        cells.push(at, comma, false);
        at = comma + 1;
        continue;
      }
      // The row's last cell, up to its line break.
      let end = lf;
      if (crlf && lf < n) {
        if (lf === 0 || text.charCodeAt(lf - 1) !== CR || lf - 1 < at) return start;
        end = lf - 1;
      }
      cells.push(at, end, false);
      at = lf < n ? lf + 1 : n;
      break;
    }
    if (cells.length === 1 && cells.from(0) === cells.to(0)) return start;
    onRow(start, at);
  }
  return n;
}

/** An indexOf result, with "none" as the text's end. */
function after(found: number, n: number): number {
  return found < 0 ? n : found;
}
