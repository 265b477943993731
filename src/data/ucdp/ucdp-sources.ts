import type { DefinitionIds } from '../event-definitions';
import type { SourceCitation, SourceDefinition } from '../incident-types';
import { distinctNames, sameName, type RecordReader } from '../record-cells';

export const UCDP_SOURCE_ID = 'ucdp-ged';
export const UCDP_SOURCE: SourceDefinition = {
  name: 'UCDP GED',
  characterisation: 'death estimate coded by UCDP',
  url: 'https://ucdp.uu.se/',
};

export interface UcdpReporting {
  /** One per distinct outlet in `source_office`; UCDP itself when the record names none. */
  citations: SourceCitation[];
  /** The headlines, each once, one paragraph each. */
  story: string;
  /** `source_article` with its literal quotes removed where that is safe; absent when the citations already say all of it. */
  article?: string;
}

interface Article {
  office: string;
  date: string;
  headline: string;
}

/**
 * UCDP's source columns → citations and a story. The columns are parallel `;`-lists
 * (source_office "SOHR;Airwars", source_date, source_headline), but a headline may itself contain
 * ";", so splitting source_headline cannot say which headline is whose. source_article can: it
 * lists each report whole, as "office,date,headline" in literal quotes, separated by ";". A
 * headline is given to an outlet (`says`) only when those entries line up one to one with
 * source_office; otherwise the outlets are cited without words, unless there is only one.
 */
export function readUcdpSources(r: RecordReader, ids: DefinitionIds): UcdpReporting {
  const offices = r.list('source_office');
  const rawArticle = r.text('source_article');
  const articles = splitArticles(rawArticle);
  const paired = offices.length > 0 && articles !== undefined && articles.length === offices.length
    && articles.every((a, i) => sameName(a.office, offices[i] ?? ''));
  const headlines = articles ? distinctTexts(articles.map((a) => a.headline)) : distinctTexts([r.text('source_headline')]);
  const outlets = distinctNames(offices);

  const citations: SourceCitation[] = outlets.map((office) => {
    const says = paired
      ? distinctTexts(articles.filter((a) => sameName(a.office, office)).map((a) => a.headline)).join(' / ')
      : outlets.length === 1 ? r.text('source_headline') : '';
    return { source: ids.outlet(office), status: 'reported', ...(says ? { says } : {}) };
  });
  // Older records name no outlet, only a free-text reference (source_article, kept in extra):
  // cite UCDP rather than tell the reader that no source is named.
  if (citations.length === 0) citations.push({ source: UCDP_SOURCE_ID, status: 'reported' });

  const article = paired ? undefined : articles ? articles.map((a) => `${a.office},${a.date},${a.headline}`).join('; ') : rawArticle;
  return { citations, story: headlines.join('\n\n'), ...(article ? { article } : {}) };
}

/**
 * `"SOHR,2016-07-14,Headline"` or `"A,date,h1";"B,date,h2"` → the reports, quotes removed. Undefined
 * when any entry is not of that form (older free-text references): then nothing is stripped.
 */
function splitArticles(text: string): Article[] | undefined {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return undefined;
  const entries = text.slice(1, -1).split(/"\s*;\s*"/);
  const articles: Article[] = [];
  for (const entry of entries) {
    const match = /^([^]+?),(\d{4}-\d{2}-\d{2}),([^]*)$/.exec(entry.trim());
    if (!match) return undefined;
    articles.push({ office: (match[1] ?? '').trim(), date: match[2] ?? '', headline: (match[3] ?? '').trim() });
  }
  return articles;
}

function distinctTexts(texts: readonly string[]): string[] {
  return [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];
}
