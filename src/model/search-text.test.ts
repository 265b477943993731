import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IncidentCollection, IncidentFeature } from '../data/incident-types';
import { FIELD_SEPARATOR, foldForSearch, incidentSearchText, matchesTokens, queryTokens } from './search-text';

const collection = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data/incidents.geojson'), 'utf8')) as IncidentCollection;
const { features, sources } = collection;

function find(predicate: (incident: IncidentFeature) => boolean, what: string): IncidentFeature {
  const found = features.find(predicate);
  if (!found) throw new Error(`data/incidents.geojson has no ${what}`);
  return found;
}

const mijimir = find((f) => f.properties.place.nameAr === 'المجيمر' && f.properties.title.includes('al-Mijimir'), 'al-Mijimir incident');
const moscow = find((f) => f.properties.place.name === 'Moscow', 'Moscow incident');
const geneva = find((f) => f.properties.place.name === 'Geneva', 'Geneva incident');
const airport = find((f) => f.properties.place.name.includes('airport'), 'incident at Deir Ezzor airport');
const sinaa = find((f) => f.properties.place.name.startsWith('al-Sina’a'), 'al-Sina’a incident');

function search(query: string, incidents: readonly IncidentFeature[] = features): string[] {
  const tokens = queryTokens(query);
  return incidents.filter((f) => matchesTokens(incidentSearchText(f, sources), tokens)).map((f) => f.id);
}

function incident(properties: Partial<IncidentFeature['properties']>): IncidentFeature {
  return {
    type: 'Feature', id: 'hand-made', geometry: { type: 'Point', coordinates: [36, 35] },
    properties: {
      title: '', place: { name: '', precision: 'village', uncertaintyKm: 1 }, eventType: 'battle', layer: 'conflict',
      actors: [], targets: [], casualties: [], story: '', sources: [], ...properties,
    },
  };
}

describe('foldForSearch', () => {
  it('drops case, spaces, hyphens and apostrophes', () => {
    for (const spelling of ['al-Mijimir', 'al Mijimir', 'Al-Mijimir', 'AL MIJIMIR', 'almijimir']) expect(foldForSearch(spelling)).toBe('almijimir');
    expect(foldForSearch('Deir ez-Zor')).toBe('deirezzor');
    expect(foldForSearch('Deir Ezzor')).toBe('deirezzor');
    expect(foldForSearch('U.N.-brokered, “peace” talks!')).toBe('unbrokeredpeacetalks');
  });

  it('drops transliteration marks: straight and curly apostrophes, backtick, ʿayn and hamza', () => {
    for (const spelling of ["Sina'a", 'Sina’a', 'Sina‘a', 'Sina`a', 'Sinaʿa', 'Sinaʾa', 'Sinaʻa', 'Sinaʼa', 'Sinaa']) expect(foldForSearch(spelling)).toBe('sinaa');
  });

  it('folds Latin diacritics, and only diacritics', () => {
    expect(foldForSearch('café')).toBe('cafe');
    expect(foldForSearch('café')).toBe(foldForSearch('cafe'));
    expect(foldForSearch('ÇA')).toBe('ca');
    expect(foldForSearch('Genève')).toBe('geneve');
    // Decomposed input (e + combining grave) folds the same as precomposed.
    expect(foldForSearch('Gene\u0300ve')).toBe('geneve');
    expect(foldForSearch('Genève')).not.toBe(foldForSearch('Geneva'));
    expect(foldForSearch('Ḥalab Ṣāliḥ')).toBe('halabsalih');
    expect(foldForSearch('İdlib')).toBe('idlib');
  });

  it('folds letters NFKD leaves apart: stroke letters, dotless i, ligatures, final sigma', () => {
    expect(foldForSearch('Łódź')).toBe('lodz');
    expect(foldForSearch('Kırıkkale')).toBe('kirikkale');
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('Øresund')).toBe('oresund');
    expect(foldForSearch('ΟΔΟΣ')).toBe(foldForSearch('οδος'));
    expect(foldForSearch('ﬁle')).toBe('file');
  });

  it('strips Arabic harakat, shadda, superscript alef and tatweel', () => {
    expect(foldForSearch('المُجَيْمِر')).toBe('المجيمر');
    expect(foldForSearch('الْمُجَيِّمِر')).toBe('المجيمر');
    expect(foldForSearch('هٰذا')).toBe('هذا');
    expect(foldForSearch('المـــجيمر')).toBe('المجيمر');
  });

  it('unifies Arabic letter variants', () => {
    expect(foldForSearch('أحمد')).toBe('احمد');
    expect(foldForSearch('إدلب')).toBe('ادلب');
    expect(foldForSearch('آمنة')).toBe('امنه');
    expect(foldForSearch('ٱلله')).toBe('الله');
    expect(foldForSearch('مصطفى')).toBe('مصطفي');
    expect(foldForSearch('حي الصناعة')).toBe('حيالصناعه');
    expect(foldForSearch('مؤتمر')).toBe('موتمر');
    expect(foldForSearch('رئيس')).toBe('رييس');
    expect(foldForSearch('سوریا')).toBe(foldForSearch('سوريا'));
    expect(foldForSearch('٢٠١٦')).toBe('2016');
    // Presentation forms (as some PDFs give them) are the plain letters.
    expect(foldForSearch('\uFEFB')).toBe('لا');
  });

  it('leaves letters and digits of any script', () => {
    expect(foldForSearch('Дамаск 2016')).toBe('дамаск2016');
    // Outside the BMP: a CJK Extension B ideograph and a mathematical bold digit are kept (the
    // digit as 1, by NFKD); an emoji and a lone surrogate are not letters.
    expect(foldForSearch('a\u{2070E}b 😀 \u{1D7CF}\uD800c')).toBe('a\u{2070E}b1c');
    expect(foldForSearch('\u{2070E}😀')).toBe('\u{2070E}');
    expect(foldForSearch('')).toBe('');
    expect(foldForSearch(' - ’ ')).toBe('');
  });
});

describe('queryTokens and matchesTokens', () => {
  it('splits on whitespace, folds each word and drops empty ones', () => {
    expect(queryTokens('  Deir   ez-Zor\tairport ')).toEqual(['deir', 'ezzor', 'airport']);
    expect(queryTokens(" - ' ")).toEqual([]);
    expect(queryTokens('')).toEqual([]);
  });

  it('needs every token (AND)', () => {
    expect(matchesTokens('deirezzormilitaryairport', ['deir', 'airport'])).toBe(true);
    expect(matchesTokens('deirezzor', ['deir', 'airport'])).toBe(false);
  });

  it('matches everything without tokens', () => {
    expect(matchesTokens('', [])).toBe(true);
    expect(matchesTokens('anything', [])).toBe(true);
  });

  it('does not match across fields of a haystack', () => {
    const haystack = ['almijimir', 'barad'].join(FIELD_SEPARATOR);
    expect(matchesTokens(haystack, ['mijimir'])).toBe(true);
    expect(matchesTokens(haystack, queryTokens('mijimirbarad'))).toBe(false);
    expect(matchesTokens(haystack, queryTokens('mijimir barad'))).toBe(true);
  });
});

describe('incidentSearchText', () => {
  it('finds al-Mijimir however it is spelled, in English or Arabic, and not Moscow', () => {
    for (const query of ['Mijimir', 'al-Mijimir', 'AL MIJIMIR', 'almijimir', 'المجيمر', 'مجيمر', 'المُجَيْمِر']) {
      const found = search(query);
      expect(found, query).toContain(mijimir.id);
      expect(found, query).not.toContain(moscow.id);
    }
  });

  it('finds Arabic place names only where the data has them', () => {
    // The Barad incident names al-Mijimir in English but its Arabic place name is Barad's.
    expect(search('المجيمر')).toEqual([mijimir.id]);
  });

  it('finds incidents by the name of a source they cite', () => {
    const citingSohr = features.filter((f) => f.properties.sources.some((c) => c.source === 'sohr')).map((f) => f.id);
    expect(citingSohr.length).toBeGreaterThan(0);
    expect(search('Syrian Observatory')).toEqual(citingSohr);
    expect(search('Syrian Observatory')).not.toContain(moscow.id);
  });

  it('takes source names from the collection, and characterisations too, not from the story', () => {
    const quiet = incident({ title: 'Shelling', story: 'Shelling was reported.', sources: [{ source: 'sohr', status: 'reported' }] });
    expect(search('Syrian Observatory', [quiet])).toEqual(['hand-made']);
    expect(search('UK-based', [quiet])).toEqual(['hand-made']);
    const elsewhere = incident({ title: 'Shelling', story: 'Shelling was reported.', sources: [{ source: 'reuters', status: 'reported' }] });
    expect(search('Syrian Observatory', [elsewhere])).toEqual([]);
  });

  it('falls back to the source id when the collection does not define it', () => {
    const undefinedSource = incident({ sources: [{ source: 'local-council', status: 'claimed' }] });
    expect(incidentSearchText(undefinedSource, sources)).toBe('localcouncil');
    const prototypeName = incident({ sources: [{ source: 'constructor', status: 'claimed' }] });
    expect(incidentSearchText(prototypeName, sources)).toBe('constructor');
  });

  it('includes what each source says', () => {
    const saying = incident({ title: 'Clashes', sources: [{ source: 'ap', status: 'reported', says: 'Fighting near the bakery' }] });
    expect(search('bakery', [saying])).toEqual(['hand-made']);
    expect(search('Associated Press', [saying])).toEqual(['hand-made']);
  });

  it('folds each field and separates them', () => {
    const text = incidentSearchText(incident({
      title: 'Title one', story: 'Story two', place: { name: 'al-Bab', nameAr: 'البَاب', precision: 'city', uncertaintyKm: 0 },
      sources: [{ source: 'al-masdar', status: 'reported', says: 'It says three' }],
    }), sources);
    expect(text.split(FIELD_SEPARATOR)).toEqual(['titleone', 'storytwo', 'albab', 'الباب', 'almasdarnews', 'progovernment', 'itsaysthree']);
  });

  it('leaves out a field already contained in an earlier one', () => {
    const text = incidentSearchText(incident({
      title: 'Shelling of Barad', story: 'Opposition factions: shelling of Barad, at night.',
      sources: [{ source: 'sohr', status: 'reported', says: 'Shelling of Barad' }, { source: 'sohr', status: 'reported' }],
    }), sources);
    expect(text.split(FIELD_SEPARATOR)).toEqual(['shellingofbarad', 'oppositionfactionsshellingofbaradatnight', 'syrianobservatoryforhumanrights', 'ukbased']);
  });

  it('needs every word of a multi-word query', () => {
    expect(search('deir airport')).toEqual([airport.id]);
    expect(search('Deir Ezzor')).toContain(sinaa.id);
    expect(search('Deir ez-Zor')).toContain(sinaa.id);
  });

  it("finds al-Sina’a as Sinaa or Sina'a", () => {
    expect(search('Sinaa')).toEqual([sinaa.id]);
    expect(search("Sina'a")).toEqual([sinaa.id]);
    expect(search('الصناعة')).toEqual([sinaa.id]);
  });

  it('folds accents only: Genève is not Geneva', () => {
    expect(search('Geneva')).toContain(geneva.id);
    expect(search('GENEVA')).toContain(geneva.id);
    expect(search('Genève')).toEqual([]);
  });

  it('finds Sweida as the data spells it, and does not guess other romanisations', () => {
    const sweida = search('Sweida');
    expect(sweida.length).toBeGreaterThan(0);
    expect(sweida.every((id) => id.startsWith('sweida-'))).toBe(true);
    expect(search('Suwayda')).toEqual([]);
  });

  it('matches every incident with an empty or blank query', () => {
    const all = features.map((f) => f.id);
    expect(search('')).toEqual(all);
    expect(search('   ')).toEqual(all);
    expect(search(' - ')).toEqual(all);
  });

  it('finds nothing for a word no incident has', () => {
    expect(search('Aleppo')).toEqual([]);
  });
});
