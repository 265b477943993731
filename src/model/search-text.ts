import type { IncidentFeature, SourceDefinition } from '../data/incident-types';

/**
 * Free-text search over incidents. Readers type names the way they know them — "al Mijimir",
 * "Almijimir", "Sina'a", Arabic with or without vowel marks — while the data spells them one way
 * ("al-Mijimir", "al-Sina’a", "المجيمر"). Both sides are therefore folded to a compact string of
 * lower-case letters and digits, and a query matches when each of its folded words is a substring
 * of the incident's folded text. Folding happens once per incident (incidentSearchText); a
 * keystroke only folds the query and runs `includes` over the haystacks, which is what keeps it
 * fast at a million incidents.
 *
 * Only spelling is folded, not transliteration: "Sweida" does not find "Suwayda", because
 * guessing romanisations would find wrong places as readily as right ones.
 */

/**
 * Between the folded fields of one haystack. Folded text holds letters and digits only, so no
 * token contains it and no match can run from the end of the title into the start of the story.
 */
export const FIELD_SEPARATOR = '\u0001';

/** Pure ASCII text (most titles and ACLED notes) skips normalisation. */
const ASCII_ONLY = /^[\0-\x7f]*$/;
/**
 * Kept: letters and digits of any script. Everything else goes — spaces, hyphens, punctuation,
 * apostrophes and combining marks (accents, harakat, shadda, superscript alef: \p{M}) — and so do
 * the few "letters" that are really marks: the Spacing Modifier Letters block (transliteration's
 * ʿ ʾ ʻ ʼ, after NFKD has turned its superscript letters into plain ones), Arabic tatweel (a
 * stretching stroke) and the saltillo ꞌ.
 */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const MARK_LIKE_LETTER = /^[\u02B0-\u02FF\u0640\uA78C]$/u;
/**
 * Letters written in more than one way that NFKD leaves apart. Arabic: alef wasla as alef, alef
 * maqsura and Persian yeh as yeh, teh marbuta as heh, keheh as kaf (the hamza and madda forms of
 * alef, waw and yeh decompose to the base letter plus a mark, dropped); Arabic-Indic digits as
 * ASCII digits. Latin and Greek: letters whose stroke or form is not a combining mark (ł ø đ ħ ı),
 * ligatures (æ œ ß) and final sigma.
 */
const REPLACEMENT: Readonly<Record<string, string>> = {
  '\u0671': '\u0627', '\u0649': '\u064A', '\u06CC': '\u064A', '\u0629': '\u0647', '\u06A9': '\u0643',
  ß: 'ss', ı: 'i', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', æ: 'ae', œ: 'oe', ς: 'σ',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, digit) => [String.fromCharCode(0x0660 + digit), String(digit)])),
  ...Object.fromEntries(Array.from({ length: 10 }, (_, digit) => [String.fromCharCode(0x06f0 + digit), String(digit)])),
};

/**
 * What folding does with each UTF-16 unit, learnt on first sight: a Unicode-property regex over
 * the whole text costs ~5 µs per line of a story, seconds at a million incidents; a table lookup
 * per character costs a fraction of that. Per-character folding is exact here because NFKD and lower
 * case have been applied to the whole text first.
 */
const UNSEEN = 0, KEEP = 1, DROP = 2, REPLACE = 3;
const unitClass = new Uint8Array(0x10000);

function classify(char: string): number {
  if (Object.hasOwn(REPLACEMENT, char)) return REPLACE;
  return LETTER_OR_DIGIT.test(char) && !MARK_LIKE_LETTER.test(char) ? KEEP : DROP;
}

/** The text without what classify drops, with REPLACEMENTs made; copies runs of kept characters whole. */
function keepLettersAndDigits(text: string): string {
  let out = '', run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind: number;
    if (code >= 0xd800 && code <= 0xdfff) {
      // Outside the BMP (rare: historic scripts, CJK extensions): classified as a pair, uncached.
      const next = text.charCodeAt(i + 1);
      const pair = code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      kind = pair && classify(text.slice(i, i + 2)) === KEEP ? KEEP : DROP;
      if (kind === KEEP) {
        i++;
        continue;
      }
      out += text.slice(run, i);
      if (pair) i++;
      run = i + 1;
      continue;
    }
    kind = unitClass[code]!;
    if (kind === UNSEEN) unitClass[code] = kind = classify(text[i]!);
    if (kind === KEEP) continue;
    out += text.slice(run, i);
    if (kind === REPLACE) out += REPLACEMENT[text[i]!]!;
    run = i + 1;
  }
  return run === 0 ? text : out + text.slice(run);
}

/**
 * Text as search compares it: lower case, without diacritics, Arabic letter variants unified, and
 * with everything but letters and digits removed ("al-Mijimir" → "almijimir", "Deir ez-Zor" →
 * "deirezzor", "المُجَيْمِر" → "المجيمر"). Removing spaces is what lets "al Mijimir" and
 * "almijimir" both find "al-Mijimir"; the price is that a word can match across a space inside one
 * field, which a search box forgives.
 */
export function foldForSearch(text: string): string {
  // Lower case after NFKD, and marks dropped after both: "İ" lowers to "i" plus a combining dot.
  return keepLettersAndDigits(ASCII_ONLY.test(text) ? text.toLowerCase() : text.normalize('NFKD').toLowerCase());
}

/**
 * The query's words, folded; empty words (a lone hyphen, an apostrophe) are dropped so they don't
 * match everything by being the empty string. Split on whitespace before folding, so that each
 * word must be found on its own ("deir airport" needs both, anywhere in the incident).
 */
export function queryTokens(query: string): string[] {
  const tokens: string[] = [];
  for (const word of query.split(/\s+/u)) {
    const token = foldForSearch(word);
    if (token !== '') tokens.push(token);
  }
  return tokens;
}

/** Every token occurs in the folded haystack (AND); no tokens, no search: true. */
export function matchesTokens(folded: string, tokens: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!folded.includes(tokens[i]!)) return false;
  }
  return true;
}

/**
 * One incident's haystack: its title, story, place names, the names and characterisations of the
 * sources it cites (the id when the collection doesn't define the source), and what each source
 * says — folded, joined by FIELD_SEPARATOR. A field whose folded text already occurs in an earlier
 * one (a statement quoting the story, a source cited twice) is left out: every token it could
 * match, the earlier field matches too, and at a million incidents the duplicates cost memory.
 */
export function incidentSearchText(incident: IncidentFeature, sources: Record<string, SourceDefinition>): string {
  const p = incident.properties;
  let haystack = '';
  const add = (text: string | undefined) => {
    if (!text) return;
    const folded = foldForSearch(text);
    if (folded === '' || haystack.includes(folded)) return;
    haystack = haystack === '' ? folded : haystack + FIELD_SEPARATOR + folded;
  };
  add(p.title);
  add(p.story);
  add(p.place.name);
  add(p.place.nameAr);
  for (const citation of p.sources) {
    // Own properties only: a source id such as "constructor" must not find Object's.
    const definition = Object.hasOwn(sources, citation.source) ? sources[citation.source] : undefined;
    add(definition?.name ?? citation.source);
    add(definition?.characterisation);
    add(citation.says);
  }
  return haystack;
}
