import { describe, expect, it } from 'vitest';
import { builtInDatasetJson, readSharedFile } from '../test-support/fixtures';
import { validateDataset } from './validate-dataset';

/**
 * The built-in dataset must stay faithful to the digest it is built from (../shared/seed): story
 * text in the digest's own words, statements attributed to the outlet the digest names for them,
 * claims and allegations kept as such. These checks read the digest itself.
 */
const digest = readSharedFile('seed/syria-digest-2016-07.txt');
const normalise = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
const digestText = normalise(digest);
const digestSentences = digest.split('\n').filter((line) => line.trim());

const result = validateDataset(builtInDatasetJson());
if (!result.ok) throw new Error(result.error);
const { incidents, sources, metadata } = result.dataset;

describe('fidelity to the digest', () => {
  it.each(incidents.map((i) => [i.id, i] as const))('%s: every story paragraph is the digest’s own words', (_, incident) => {
    for (const paragraph of incident.properties.story.split(/\n{2,}/)) {
      expect(digestText).toContain(normalise(paragraph));
    }
  });

  it('tells every sentence the digest reports about an incident in some story', () => {
    const stories = normalise(incidents.map((i) => i.properties.story).join(' '));
    const reportLines = digestSentences.slice(0, digestSentences.indexOf('Recommended Reads:'))
      .filter((line) => line.split(' ').length > 12); // headings are short; reports are sentences
    for (const line of reportLines) expect(stories).toContain(normalise(line));
  });

  it('attributes each outlet’s statement to an outlet the digest names in that story', () => {
    for (const incident of incidents) {
      for (const citation of incident.properties.sources) {
        if (citation.source === 'digest') continue;
        const name = sources[citation.source]!.name;
        // The outlet is named in the story it is cited for (SOHR also as "the Observatory").
        const mentioned = [name, name.replace(/^the /i, ''), ...(name.includes('Observatory') ? ['Observatory'] : [])];
        expect(mentioned.some((m) => normalise(incident.properties.story).includes(m)), `${incident.id} cites ${name}`).toBe(true);
      }
    }
  });

  it('keeps "claimed" and "allegedly" as such', () => {
    const claimed = incidents.filter((i) => /claiming|claimed/.test(i.properties.story));
    expect(claimed.length).toBeGreaterThan(0);
    for (const incident of claimed) expect(incident.properties.sources.some((s) => s.status === 'claimed')).toBe(true);
    const alleged = incidents.filter((i) => /allegedly/.test(i.properties.story));
    expect(alleged.length).toBeGreaterThan(0);
    for (const incident of alleged) expect(incident.properties.sources.some((s) => s.status === 'alleged')).toBe(true);
  });

  it('gives casualty figures as reported: "at least" stays in the text', () => {
    const figures = incidents.flatMap((i) => i.properties.casualties);
    const iedFigure = figures.find((c) => c.text.includes('23'));
    expect(iedFigure).toMatchObject({ text: expect.stringMatching(/^at least 23 killed and injured/), kind: 'killed and injured', min: 23, source: 'sohr' });
    for (const figure of figures.filter((c) => c.min !== undefined && c.status === 'reported')) {
      expect(digestText).toMatch(new RegExp(`at least ${figure.min === 1 ? 'one' : figure.min === 3 ? 'three' : figure.min}`, 'i'));
    }
  });

  it('characterises sources as the digest does', () => {
    expect(sources.sohr).toMatchObject({ name: 'Syrian Observatory for Human Rights', characterisation: 'UK-based' });
    expect(sources['al-masdar']).toMatchObject({ characterisation: 'pro-government' });
    expect(digestText).toContain('pro-government al-Masdar News');
  });

  it('puts the digest’s recommended reads in the metadata, not on the map', () => {
    const reads = digestSentences.slice(digestSentences.indexOf('Recommended Reads:') + 1);
    expect(metadata.recommendedReads?.map((r) => normalise(`- ${r.outlet}: ${r.title}`))).toEqual(reads.map(normalise));
  });

  it('names no place the digest leaves unnamed: the neighbouring town stays unnamed and imprecise', () => {
    const town = incidents.find((i) => /neighboring town/.test(i.properties.story));
    expect(town?.properties.place.name).toMatch(/unnamed/i);
    expect(town?.properties.place.precision).toBe('region');
    expect(town?.properties.place.uncertaintyKm).toBeGreaterThanOrEqual(5);
  });
});
