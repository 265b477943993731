import { growTo } from '../typed-arrays';

/**
 * A CSV row's cells as places in a text rather than as strings: a reader that wants a number from
 * a cell reads its digits where they are, and only the cells it keeps as text become strings.
 * Making a string of every cell of every row (as a parser must that hands over arrays of strings)
 * is most of what reading a million-row file costs.
 *
 * One RowCells is filled again for each row (scanRows, or fill() from strings): what a reader wants
 * to keep it must take while the row is its, as a string (cell()) or a number.
 */
export class RowCells {
  /** The text the cells are in. */
  text = '';
  /** How many cells the row has. */
  length = 0;
  /** Cell k is text[bounds[2k], bounds[2k + 1]): a quoted cell without its quotes. */
  private bounds = new Int32Array(64);
  /** Whether cell k is quoted with a doubled quote ("") inside, which stands for one quote. */
  private doubled = new Uint8Array(32);

  from(k: number): number {
    return this.bounds[2 * k]!;
  }

  to(k: number): number {
    return this.bounds[2 * k + 1]!;
  }

  /** Cell k's value, as a CSV parser gives it (a quoted cell unquoted, "" read as "); '' past the row's end. */
  cell(k: number): string {
    if (k >= this.length) return '';
    const value = this.text.slice(this.bounds[2 * k]!, this.bounds[2 * k + 1]!);
    return this.doubled[k] ? value.replaceAll('""', '"') : value;
  }

  /** Every cell's value, in order. */
  values(): string[] {
    const values = new Array<string>(this.length);
    for (let k = 0; k < this.length; k++) values[k] = this.cell(k);
    return values;
  }

  /** Starts a row in `text`. */
  begin(text: string): void {
    this.text = text;
    this.length = 0;
  }

  /** Adds the next cell: text[from, to), with `doubled` quotes to read as one. */
  push(from: number, to: number, doubled: boolean): void {
    const k = this.length++;
    if (2 * k + 2 > this.bounds.length) {
      this.bounds = growTo(this.bounds, 2 * k + 2);
      this.doubled = growTo(this.doubled, k + 1);
    }
    this.bounds[2 * k] = from;
    this.bounds[2 * k + 1] = to;
    this.doubled[k] = doubled ? 1 : 0;
  }

  /** The cells of a row already read as strings (by Papa Parse), laid end to end in one text. */
  fill(values: readonly string[]): void {
    this.begin(values.join(''));
    let at = 0;
    for (const value of values) {
      this.push(at, at + value.length, false);
      at += value.length;
    }
  }
}
