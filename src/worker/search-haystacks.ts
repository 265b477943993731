import type { IncidentFeature, SourceDefinition } from '../data/incident-types';
import { incidentSearchText, matchesTokens, queryTokens } from '../model/search-text';

/**
 * Each row's folded search text (search-text.ts), in row order, folded a slice at a time as the
 * worker is idle (prepare) or all at once by the first search that needs it (match). A reader who
 * never searches never pays for it: seconds and ~200 MB at a million incidents.
 */
export class SearchHaystacks {
  private texts: string[] = [];

  /** @param read the incident of a row (read again from the file's text, not kept) */
  constructor(private readonly read: (row: number) => IncidentFeature, private readonly sources: Record<string, SourceDefinition>) {}

  /** Folds the text of up to `count` more of the `rows` rows; true once every row's is ready. */
  prepare(count: number, rows: number): boolean {
    const texts = this.texts, end = Math.min(rows, texts.length + count);
    for (let row = texts.length; row < end; row++) texts.push(incidentSearchText(this.read(row), this.sources));
    return texts.length === rows;
  }

  /** How many rows' text is folded. */
  get folded(): number {
    return this.texts.length;
  }

  /** 1 per row (of `rows`) matching the query, or null when it has no words. What is not folded yet is folded now. */
  match(query: string, rows: number): Uint8Array | null {
    const tokens = queryTokens(query);
    if (tokens.length === 0) return null;
    this.prepare(Infinity, rows);
    return Uint8Array.from(this.texts, (text) => (matchesTokens(text, tokens) ? 1 : 0));
  }

  /** The same with the rows sorted by place (row r is old row order[r]): the text moves with them when complete, else is folded again. */
  movedBy(order: Uint32Array): SearchHaystacks {
    const moved = new SearchHaystacks(this.read, this.sources);
    if (this.texts.length === order.length) moved.texts = Array.from(order, (row) => this.texts[row]!);
    return moved;
  }
}
