export interface CitationInput {
  datasetTitle: string;
  attribution: string;
  shown: number;
  total: number;
  /** ISO date of the export (YYYY-MM-DD). */
  date: string;
  /** A link that reopens this view. */
  url: string;
}

/** One line a reader can paste under a chart or into a footnote: what, from whom, when, where to see it. */
export function citationLine({ datasetTitle, attribution, shown, total, date, url }: CitationInput): string {
  const subset = shown === total ? `all ${total} incidents` : `${shown} of ${total} incidents`;
  return `${datasetTitle} (${subset}). ${attribution.replace(/\s+/g, ' ').trim()} Viewed with Conflict Map on ${date}: ${url}`;
}
