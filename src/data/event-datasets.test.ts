import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../test-support/fixtures';
import { ACTOR_PALETTE, OTHER_ACTOR_COLOUR } from './event-definitions';
import {
  UcdpFeatureImport, detectCsvFormat, importAcledCsv, importEventCsv, importUcdpCsv, type UcdpFeatureRecord,
} from './event-datasets';
import { parseCsv } from './csv/parse-csv';
import type { IncidentFeature, IncidentProperties } from './incident-types';
import type { LoadedDataset, RowSpan } from './validate-dataset';
import { validateDataset } from './validate-dataset';

const SYRIA = 'ucdp-ged-syria-2016-2019.csv';
const CAR = 'ucdp-ged-23.1-central-african-republic.geojson';
const syriaText = readFileSync(resolve(sharedDir, 'datasets', SYRIA), 'utf8');
const acledNormal = readFileSync(resolve(import.meta.dirname, 'acled/fixtures/acled-normal.csv'), 'utf8');

/** The records, read by a UcdpFeatureImport one after the other. */
function importUcdpRecords(records: readonly UcdpFeatureRecord[], fileName: string) {
  const importing = new UcdpFeatureImport();
  for (const record of records) importing.add(record);
  return importing.finish(fileName, records.length);
}

function carFeatures(): UcdpFeatureRecord[] {
  const collection = JSON.parse(readFileSync(resolve(sharedDir, 'datasets', CAR), 'utf8'));
  return collection.features.map((feature: any, index: number) => ({
    properties: feature.properties,
    ...(feature.geometry?.type === 'Point' ? { coordinates: feature.geometry.coordinates } : {}),
    index,
  }));
}

/** The import as a file in our own format, put back through the format's validator: what an export would hold. */
function revalidate(dataset: LoadedDataset) {
  const collection = { type: 'FeatureCollection', dataset: dataset.metadata, actors: dataset.actors, sources: dataset.sources, eventTypes: dataset.eventTypes, features: dataset.incidents };
  const result = validateDataset(JSON.parse(JSON.stringify(collection)));
  if (!result.ok) throw new Error(result.error);
  return result.dataset;
}

describe('UCDP GED CSV: the real Syria file, 2016–2019', () => {
  const fractions: number[] = [];
  const dataset = importUcdpCsv(syriaText, SYRIA, (f) => fractions.push(f));
  const byId = (id: string) => dataset.incidents.find((incident) => incident.id === id);

  it('loads all 16,566 rows and rejects none', () => {
    expect(dataset.featureCount).toBe(16_566);
    expect(dataset.rejected).toEqual([]);
    expect(dataset.incidents).toHaveLength(16_566);
  });

  it('warns only about the 101 rows whose low or high estimate contradicts the best, and loads them as UCDP gives them', () => {
    expect(dataset.warnings).toHaveLength(101);
    for (const w of dataset.warnings) expect(w.message).toMatch(/^(low \(\d+\) is above|high \(\d+\) is below) the best estimate \(\d+\); the figures are shown as UCDP gives them$/);
    expect(dataset.warnings[0]).toEqual({ where: 'row 348 (line 349)', message: 'low (177) is above the best estimate (142); the figures are shown as UCDP gives them' });
  });

  it('keeps the line of every row: each incident’s line in the file starts with its UCDP id', () => {
    const lines = syriaText.split('\n');
    const wrong = dataset.incidents.filter((incident) => !lines[(incident.properties.origin?.row ?? 0) - 1]?.startsWith(`${incident.id},`));
    expect(wrong.map((i) => i.id)).toEqual([]);
    // Row 217846's source_original cell ("Waha Report" plus a line break) spans lines 883–884.
    expect(byId('217846')?.properties.origin?.row).toBe(883);
    expect(byId('217848')?.properties.origin?.row).toBe(885);
    expect(dataset.incidents.at(-1)?.properties.origin?.row).toBe(16_608);
  });

  it('maps event 226106 (the IED factory in Deir ez-Zor, 14 July 2016, reported by SOHR)', () => {
    const incident = byId('226106');
    expect(incident?.geometry.coordinates).toEqual([40.140844, 35.335876]);
    expect(incident?.properties).toMatchObject({
      title: 'State-based armed conflict: Government of Syria - IS, Deir ez Zor town',
      date: { start: '2016-07-14', end: '2016-07-14', precision: 'day' },
      place: { name: 'Deir ez Zor town', precision: 'village', uncertaintyKm: 2 },
      eventType: 'state-based',
      actors: [{ actor: 'government-of-syria', role: 'party' }, { actor: 'is', role: 'party' }],
      casualties: [{ text: '3 killed (best estimate)', kind: 'killed', best: 3, min: 3, max: 3, source: 'ucdp-ged', status: 'reported' }],
      story: 'More than 23 persons were killed and injured in an IED factory in Deir Ezzor',
      sources: [{ source: 'sohr', status: 'reported', says: 'More than 23 persons were killed and injured in an IED factory in Deir Ezzor' }],
      origin: { format: 'ucdp-ged', row: 3275 },
      extra: { deaths_a: '0', deaths_b: '3', deaths_civilians: '0', deaths_unknown: '0', source_date: '2016-07-14' },
    });
    expect(dataset.actors['government-of-syria']?.name).toBe('Government of Syria');
    expect(dataset.actors.is?.name).toBe('IS');
    expect(dataset.sources.sohr).toEqual({ name: 'SOHR' });
    expect(dataset.sources['ucdp-ged']).toEqual({ name: 'UCDP GED', characterisation: 'death estimate coded by UCDP', url: 'https://ucdp.uu.se/' });
  });

  it('maps event 226112 (the pilot killed near Deir ez-Zor airbase), keeping the headline’s comma and dropping its trailing space', () => {
    const p = byId('226112')?.properties;
    expect(p).toMatchObject({
      date: { start: '2016-07-14', end: '2016-07-14', precision: 'day' },
      place: { name: 'Deir ez Zor town', precision: 'village' },
      actors: [{ actor: 'government-of-syria', role: 'party' }, { actor: 'is', role: 'party' }],
      casualties: [{ text: '1 killed (best estimate)', best: 1, min: 1, max: 1 }],
      story: 'The pilot of the warplane which was shot down by ISIS near Deir Ezzor airbase is killed, his body is crucified',
      origin: { row: 3280 },
      extra: { deaths_a: '1', deaths_b: '0' },
    });
    expect(p?.sources).toEqual([{ source: 'sohr', status: 'reported', says: 'The pilot of the warplane which was shot down by ISIS near Deir Ezzor airbase is killed, his body is crucified' }]);
  });

  it('produces incidents that our own dataset format accepts, every one', () => {
    const again = revalidate(dataset);
    expect(again.rejected).toEqual([]);
    expect(again.incidents).toHaveLength(16_566);
  });

  it('colours actors by how often they are a party, and greys the rest and target-only actors', () => {
    expect(dataset.actors['government-of-syria']?.colour).toBe(ACTOR_PALETTE[0]);
    const colours = Object.values(dataset.actors).map((a) => a.colour);
    expect(colours.slice(0, ACTOR_PALETTE.length)).toEqual([...ACTOR_PALETTE]);
    expect(new Set(colours.slice(ACTOR_PALETTE.length))).toEqual(new Set([OTHER_ACTOR_COLOUR]));
    expect(dataset.actors.civilians).toEqual({ name: 'Civilians', colour: OTHER_ACTOR_COLOUR });
  });

  it('describes the dataset with UCDP’s citation and the period loaded', () => {
    expect(dataset.metadata.title).toBe(`UCDP GED events: ${SYRIA}`);
    expect(dataset.metadata.attribution).toContain('Sundberg, Ralph and Erik Melander (2013)');
    expect(dataset.metadata.attribution).toContain('Davies, Pettersson & Öberg (2023)');
    expect(dataset.metadata.digestDate).toBe('2016-01-01/2019-12-01');
  });

  it('reports progress at most about a hundred times, ending at 1', () => {
    expect(fractions.length).toBeLessThanOrEqual(101);
    expect(fractions.at(-1)).toBe(1);
  });
});

describe('UCDP GED GeoJSON: the real Central African Republic file', () => {
  const dataset = importUcdpRecords(carFeatures(), CAR);

  it('loads all 1,848 features and rejects none', () => {
    expect(dataset.featureCount).toBe(1_848);
    expect(dataset.incidents.length + dataset.rejected.length).toBe(1_848);
    expect(dataset.rejected).toEqual([]);
    expect(revalidate(dataset).incidents).toHaveLength(1_848);
  });

  it('uses the feature’s geometry, reads "2009-02-20T00:00:00" dates, and cites UCDP where no outlet is named', () => {
    const first = dataset.incidents[0];
    expect(first?.id).toBe('36210');
    expect(first?.geometry.coordinates).toEqual([26.486881, 5.399784]);
    expect(first?.properties.date).toMatchObject({ start: '2009-02-20', end: '2009-02-20', precision: 'day' });
    expect(first?.properties.origin).toEqual({ format: 'ucdp-ged', row: 0 });
    expect(first?.properties.sources).toEqual([{ source: 'ucdp-ged', status: 'reported' }]);
    expect(first?.properties.extra).toMatchObject({ source_article: 'Reuters  25/2-09', source_original: 'anonymous CAR army colonel' });
  });

  it('names features by position and id when rejecting, including a repeated id and missing properties', () => {
    const features = carFeatures().slice(0, 3);
    const copy = { ...features[0]!, index: 3 };
    const result = importUcdpRecords([...features, copy, { properties: null, index: 4 }, { properties: { ...features[1]!.properties, id: 'x9' }, coordinates: [400, 5], index: 5 }], 'small.geojson');
    expect(result.featureCount).toBe(6);
    expect(result.incidents).toHaveLength(3);
    expect(result.rejected).toEqual([
      { where: 'feature 4 (id "36210")', index: 3, id: '36210', reasons: [{ field: 'id', message: 'is "36210", which feature 1 (id "36210") already uses; ids must be unique so that a link finds one incident, so only the first is loaded' }] },
      { where: 'feature 5', index: 4, reasons: [{ field: 'properties', message: 'should be an object of UCDP fields, but is null' }] },
      { where: 'feature 6 (id "x9")', index: 5, id: 'x9', reasons: [{ field: 'geometry.coordinates', message: 'should be [longitude, latitude] within -180…180 and -90…90, but is [400,5]' }] },
    ]);
  });
});

describe('telling the formats apart', () => {
  it('recognises UCDP GED and ACLED headers, and neither', () => {
    expect(detectCsvFormat(parseCsv(syriaText.slice(0, 2000)).header)).toBe('ucdp-ged');
    expect(detectCsvFormat(parseCsv(acledNormal).header)).toBe('acled');
    expect(detectCsvFormat(['id', 'name', 'lat', 'lon'])).toBeUndefined();
  });

  it('imports either kind in one pass, and refuses a CSV that is neither, saying why', () => {
    const ucdp = importEventCsv(syriaText, SYRIA);
    expect(ucdp.ok && ucdp.dataset.incidents.length).toBe(16_566);
    const acled = importEventCsv(acledNormal, 'acled-normal.csv');
    expect(acled.ok && acled.dataset.metadata.title).toBe('ACLED events: acled-normal.csv');
    expect(importEventCsv('name,lat,lon\nDamascus,33.5,36.3\n', 'places.csv')).toEqual({
      ok: false,
      error: 'places.csv is not a UCDP GED or ACLED CSV file, so it cannot be read: its first line names the columns "name", "lat", "lon". '
        + 'A UCDP GED file has the columns id, type_of_violence, side_a, side_b, best, where_prec, date_prec; an ACLED file has event_id_cnty, event_date, event_type, actor1, fatalities, geo_precision.',
    });
  });

  it('says once when a file lacks a column every row needs, and rejects each row naming it', () => {
    const text = acledNormal.replace('latitude,', 'lat,');
    const dataset = importAcledCsv(text, 'no-latitude.csv');
    expect(dataset.incidents).toEqual([]);
    expect(dataset.warnings[0]).toEqual({ where: 'the header (line 1)', message: 'has no "latitude" column, which every ACLED row needs, so no row can be loaded' });
    expect(dataset.rejected[0]?.reasons).toEqual([{ field: 'latitude', message: 'should be a number, but is missing (there is no "latitude" column)' }]);
  });

  it('reads an empty file as no rows, with a warning', () => {
    const dataset = importUcdpCsv('', 'empty.csv');
    expect(dataset).toMatchObject({ featureCount: 0, incidents: [], rejected: [] });
    expect(dataset.warnings).toEqual([{ where: 'empty.csv', message: 'is empty: it has no header line and no rows' }]);
  });
});

/*
 * A sink instead of a list: how the worker reads a big CSV. The same rows load and are rejected
 * for the same reasons; each incident can be read again from its row's span, identical.
 */
describe('importing CSV into a sink, and reading rows again from the text', () => {
  const acledTricky = readFileSync(resolve(import.meta.dirname, 'acled/fixtures/acled-tricky.csv'), 'utf8');
  const cases: Array<[string, string]> = [
    [SYRIA, syriaText],
    ['acled-tricky.csv', acledTricky],
    // A byte order mark and CRLF line ends: spans must still point at each row's own text.
    ['bom-crlf.csv', `\ufeff${acledNormal.replace(/\r?\n/g, '\r\n')}`],
  ];

  it.each(cases)('%s: the same dataset, and every incident read again is the one loaded', (name, text) => {
    const plain = importEventCsv(text, name);
    const taken: Array<{ incident: IncidentFeature; span: RowSpan | undefined }> = [];
    // In full (quick: false): the quick read of UCDP rows has its own tests below.
    const sunk = importEventCsv(text, name, undefined, { add: (incident, span) => taken.push({ incident, span: span && { ...span } }), clear: () => (taken.length = 0) }, { quick: false });
    if (!plain.ok || !sunk.ok) throw new Error('did not import');
    expect(sunk.dataset.incidents).toEqual([]);
    const { incidents, ...definitions } = plain.dataset;
    expect({ ...sunk.dataset, incidents }).toEqual({ ...definitions, incidents });
    expect(taken.map((t) => t.incident)).toEqual(incidents);
    expect(incidents.length).toBeGreaterThan(0);
    // Compared as JSON (which these incidents are made of) rather than by toEqual: 16,566 deep comparisons take seconds.
    const different = taken.filter(({ incident, span }) => !span || JSON.stringify(sunk.reread!(span)) !== JSON.stringify(incident));
    expect(different.map((t) => t.incident.id)).toEqual([]);
  }, 30_000);

  it('has the tricky ACLED file reject rows as it does without a sink', () => {
    const sunk = importEventCsv(acledTricky, 'acled-tricky.csv', undefined, { add: () => {}, clear: () => {} });
    expect(sunk.ok && sunk.dataset.rejected.length).toBeGreaterThan(0);
  });
});

/*
 * The quick read of UCDP rows (ucdp-quick.ts), which a sink gets instead of the full mapping: it
 * must give what the full mapping gives in every field the columns and tallies read, take the
 * plain rows (that is what makes it quick), and leave every other row to the full mapping.
 */
describe('the quick read of UCDP rows, for a sink', () => {
  /** What a sink's columns and the dataset's tallies read of an incident; the text fields are not among them. */
  const columnFields = ({ id, geometry, properties: p }: IncidentFeature) => ({
    id, coordinates: geometry.coordinates, date: p.date && { start: p.date.start, end: p.date.end, precision: p.date.precision },
    place: { precision: p.place.precision, uncertaintyKm: p.place.uncertaintyKm }, eventType: p.eventType, layer: p.layer,
    actors: p.actors, targets: p.targets, sources: p.sources.map((c) => ({ source: c.source, status: c.status })),
    casualties: p.casualties.map((c) => ({ best: c.best, min: c.min, max: c.max, source: c.source, status: c.status })),
  });

  function bothWays(text: string, name: string) {
    const full: IncidentFeature[] = [];
    const quick: IncidentFeature[] = [];
    const fullResult = importEventCsv(text, name, undefined, { add: (incident) => full.push(incident), clear: () => (full.length = 0) }, { quick: false });
    const quickResult = importEventCsv(text, name, undefined, { add: (incident) => quick.push(incident), clear: () => (quick.length = 0) });
    if (!fullResult.ok || !quickResult.ok) throw new Error('did not import');
    return { full, quick, fullDataset: fullResult.dataset, quickDataset: quickResult.dataset, reread: quickResult.reread! };
  }

  it('gives every column field of the real Syria file as the full mapping does, row by row, and takes all but the rows with warnings', () => {
    const { full, quick, fullDataset, quickDataset } = bothWays(syriaText, SYRIA);
    expect(quickDataset).toEqual(fullDataset);
    expect(quick.length).toBe(16_566);
    expect(JSON.stringify(quick.map(columnFields))).toBe(JSON.stringify(full.map(columnFields)));
    // A quick incident has no title; the 101 rows warned about (low or high against best) went the full way.
    const quickly = quick.filter((incident) => incident.properties.title === '').length;
    expect(quickly).toBe(16_566 - 101);
  }, 30_000);

  it('gives rows with the same sides and outlets the same lists, frozen, so no incident can change another\'s', () => {
    const { quick } = bothWays(syriaText, SYRIA);
    const quickly = quick.filter((incident) => incident.properties.title === '').map((incident) => incident.properties);
    // A list is made once per distinct cell text: as many lists as texts, not as rows (~15,900 here).
    const lists = (pick: (p: IncidentProperties) => object) => new Set(quickly.map(pick)).size;
    const texts = (pick: (p: IncidentProperties) => object) => new Set(quickly.map((p) => JSON.stringify(pick(p)))).size;
    expect(lists((p) => p.actors)).toBeLessThan(texts((p) => p.actors) * 3);
    expect(lists((p) => p.sources)).toBeLessThan(texts((p) => p.sources) * 3);
    expect(lists((p) => p.actors) + lists((p) => p.sources)).toBeLessThan(quickly.length / 4);
    const { actors, sources } = quickly[0]!;
    expect(Object.isFrozen(actors) && Object.isFrozen(actors[0]) && Object.isFrozen(sources) && Object.isFrozen(sources[0])).toBe(true);
    expect(() => actors.push({ actor: 'x', role: 'party' })).toThrow(TypeError);
  }, 30_000);

  const header = 'id,type_of_violence,side_a,side_b,source_office,source_headline,where_prec,where_coordinates,country,latitude,longitude,date_prec,date_start,date_end,best,low,high';
  // Each row: whether the quick read may take it, and the row. The odd ones must go the full way
  // (which may load them, warn about them or reject them); the plain ones must not.
  const rows: Array<[boolean, string]> = [
    [true, '1,1,Government of Syria,Syrian insurgents,SOHR,h,1,Barad,Syria,32.6,36.4,1,2016-07-14,2016-07-14,4,3,5'],
    [true, '2,3,IS,Civilians,SOHR;sohr ; Airwars;;,h,4,Deir ez-Zor,Syria,-35.3,-140,4,2016-02-29,2016-03-02,0,,'],
    [true, '3,2,A,a ,,h,7,Sea,Syria,0,180,5,2016-01-01,2017-12-31,12,12,12'],
    [true, '4,1,Government of Syria,,Reuters;Reuters,h,2,X,Syria,90,-180.0,3,2019-12-25,2019-12-31,123456789012345,,'],
    [false, '5,1,Government of Syria,,SOHR,h,1,X,Syria,32.6,36.4,1,2017-02-29,2017-02-29,1,,'],
    [false, '6,1,Government of Syria,,SOHR,h,1,X,Syria,32.6,36.4,1,2016-04-31,2016-04-31,1,,'],
    [false, '7,1,,Syrian insurgents,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,1,,'],
    [false, '8,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,5,6,7'],
    [false, '9,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,5,1,4'],
    [false, '10,1.0,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,5,,'],
    [false, '11, 1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,5,,'],
    [false, '12,1,A,B,SOHR,h,1,X,Syria,.5,36.4,1,2016-07-14,2016-07-14,5,,'],
    [false, '13,1,A,B,SOHR,h,1,X,Syria,32.6, 36.4,1,2016-07-14,2016-07-14,5,,'],
    [false, '14,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14 00:00:00.000,2016-07-14,5,,'],
    [false, '15,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-15,2016-07-14,5,,'],
    [false, '16,1,A,B,SOHR,h,1,X,Syria,32.6,181,1,2016-07-14,2016-07-14,5,,'],
    [false, '17,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,-1,,'],
    [false, '18,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,2.5,,'],
    [false, '19,1,A,B,SOHR,h,8,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,5,,'],
    [false, '20,4,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,5,,'],
    [false, '21,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,6,2016-07-14,2016-07-14,5,,'],
    [false, ',1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,5,,'],
    [false, '23,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,, ,'],
    [false, '24,1,A,B,SOHR,h,1,X,Syria,1e1,36.4,1,2016-07-14,2016-07-14,5,,'],
    [false, '25,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,1234567890123456,,'],
    [true, '1,1,A,B,SOHR,h,1,X,Syria,32.6,36.4,1,2016-07-14,2016-07-14,5,,'],
  ];
  const text = [header, ...rows.map(([, row]) => row)].join('\n');

  it('takes the plain rows and leaves the odd ones (and repeated ids) to the full mapping, with the same dataset either way', () => {
    const { full, quick, fullDataset, quickDataset, reread } = bothWays(text, 'edges.csv');
    expect(quickDataset).toEqual(fullDataset);
    expect(JSON.stringify(quick.map(columnFields))).toBe(JSON.stringify(full.map(columnFields)));
    // Quick incidents are the ones without a title. The last row repeats id 1: rejected either way.
    const expected = rows.slice(0, -1).filter(([plain]) => plain).map(([, row]) => row.split(',')[0]);
    expect(quick.filter((incident) => incident.properties.title === '').map((incident) => incident.id)).toEqual(expected);
    expect(quickDataset.rejected.map((r) => r.id ?? '(none)')).toContain('1');
    // The rows the full mapping loads with a warning are not quick ones, but load all the same.
    expect(quick.map((incident) => incident.id)).toEqual(expect.arrayContaining(['8', '9']));
    expect(quickDataset.warnings.length).toBeGreaterThan(0);
    // A quick incident read again is the full one.
    const [first] = full;
    expect(first && reread({ start: header.length + 1, end: header.length + 1 + rows[0]![1].length + 1, line: 2 })).toEqual(first);
  });

  it.each([['acled-normal.csv', acledNormal], ['acled-tricky.csv', readFileSync(resolve(import.meta.dirname, 'acled/fixtures/acled-tricky.csv'), 'utf8')]])(
    'gives every column field of %s as the full mapping does, with the same dataset',
    (name, csv) => {
      const { full, quick, fullDataset, quickDataset } = bothWays(csv, name);
      expect(quickDataset).toEqual(fullDataset);
      expect(JSON.stringify(quick.map(columnFields))).toBe(JSON.stringify(full.map(columnFields)));
      expect(quick.some((incident) => incident.properties.title === '')).toBe(true);
    },
  );

  const acledHeader = 'event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,country,location,latitude,longitude,geo_precision,source,notes,fatalities';
  const acledRows: Array<[boolean, string]> = [
    [true, 'A1,2016-07-14,1,Battles,Armed clash,Military Forces of Syria (2000-),NDF; Hezbollah,1,Islamic State (Syria),,2,Syria,Deir ez Zor,35.3359,40.1408,1,SOHR; sohr,n,3'],
    [true, 'A2,2016-02-29,2,Violence against civilians,Attack,Unidentified Armed Group (Syria),,3,Civilians (Syria),Farmers,7,Syria,Barad,32.5,36.5,2,,n,'],
    [true, 'A3,2016-12-31,3,Strategic developments,Agreement,Government of Russia,,8,,,0,Russia,Moscow,55.75,37.61,3,Reuters,n,0'],
    [true, 'A4,2016-07-14,1,Ceasefire monitoring,Observation,UN Observers,,8,,,0,Syria,X,-35.3,-180,1,Example,n,1'],
    [false, 'A5,14 July 2016,1,Battles,Armed clash,A,,1,B,,2,Syria,X,35.3,40.1,1,S,n,3'],
    [false, 'A6,2016-07-14,4,Battles,Armed clash,A,,1,B,,2,Syria,X,35.3,40.1,1,S,n,3'],
    [false, 'A7,2016-07-14,1,Battles,Armed clash,A,,1,B,,2,Syria,X,35.3,40.1,0,S,n,3'],
    [false, 'A8,2016-07-14,1, ,Armed clash,A,,1,B,,2,Syria,X,35.3,40.1,1,S,n,3'],
    [false, 'A9,2016-07-14,1,Battles,Armed clash,A,,1,B,,2,Syria,X,35.3,40.1,1,S,n,-3'],
    [false, 'A10,2016-07-14,1,Battles,Armed clash,A,,1,B,,2,Syria,X,35.3,40.1,1,S,n,2.5'],
    [false, 'A11,2016-07-14,1,Battles,Armed clash,A,,1,B,,2,Syria,X, 35.3,40.1,1,S,n,3'],
    [false, 'A12,2016-06-31,1,Battles,Armed clash,A,,1,B,,2,Syria,X,35.3,40.1,1,S,n,3'],
    [false, ',2016-07-14,1,Battles,Armed clash,A,,1,B,,2,Syria,X,35.3,40.1,1,S,n,3'],
    [false, 'A14,2016-07-14,1,Battles,Armed clash,A,,1,B,,2,Syria,X,95,40.1,1,S,n,3'],
    // The same actor cells as A1 (their parties are made once and shared), and cells holding the
    // character the quick read joins them with (read without sharing).
    [true, 'A15,2016-07-15,1,Battles,Armed clash,Military Forces of Syria (2000-),NDF; Hezbollah,1,Islamic State (Syria),,2,Syria,Deir ez Zor,35.3,40.1,1,SOHR,n,1'],
    [true, 'A16,2016-07-15,1,Battles,Armed clash,Military Forces\u0001of Syria,,1,Islamic State (Syria),,2,Syria,X,35.3,40.1,1,SOHR,n,1'],
  ];

  it('takes the plain ACLED rows and leaves the odd ones to the full mapping, with the same dataset either way', () => {
    const csv = [acledHeader, ...acledRows.map(([, row]) => row)].join('\n');
    const { full, quick, fullDataset, quickDataset } = bothWays(csv, 'acled-edges.csv');
    expect(quickDataset).toEqual(fullDataset);
    expect(JSON.stringify(quick.map(columnFields))).toBe(JSON.stringify(full.map(columnFields)));
    expect(quick.filter((incident) => incident.properties.title === '').map((incident) => incident.id)).toEqual(acledRows.filter(([plain]) => plain).map(([, row]) => row.split(',')[0]));
    const byId = (id: string) => quick.find((incident) => incident.id === id)!.properties;
    expect(byId('A15').actors).toBe(byId('A1').actors);
    expect(Object.isFrozen(byId('A1').actors)).toBe(true);
    expect(byId('A16').actors.map((a) => a.actor)).toEqual(full.find((incident) => incident.id === 'A16')!.properties.actors.map((a) => a.actor));
    // The odd rows were judged by the full mapping: "14 July 2016" loads, the rest are rejected for what they are.
    expect(quick.map((incident) => incident.id)).toContain('A5');
    expect(quickDataset.rejected.length).toBeGreaterThan(5);
  });
});
