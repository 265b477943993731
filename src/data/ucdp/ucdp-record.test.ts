import { describe, expect, it } from 'vitest';
import { EventDefinitions } from '../event-definitions';
import type { IncidentFeature } from '../incident-types';
import type { RecordMapping } from '../record-cells';
import { mapUcdpRecord } from './ucdp-record';
import { UCDP_SOURCE, UCDP_SOURCE_ID } from './ucdp-sources';

/** UCDP GED event 226106 as the Syria CSV carries it (every cell text). */
const ied: Record<string, string> = {
  id: '226106', year: '2016', type_of_violence: '1', conflict_name: 'Syria: Islamic State', dyad_name: 'Government of Syria - IS',
  side_a: 'Government of Syria', side_b: 'IS', number_of_sources: '1',
  source_article: '"SOHR,2016-07-14,More than 23 persons were killed and injured in an IED factory in Deir Ezzor"',
  source_office: 'SOHR', source_date: '2016-07-14', source_headline: 'More than 23 persons were killed and injured in an IED factory in Deir Ezzor',
  source_original: 'SOHR', where_prec: '1', where_coordinates: 'Deir ez Zor town', adm_1: 'Deir ez Zor Governorate', adm_2: 'Deir ez Zor district',
  latitude: '35.335876', longitude: '40.140844', country: 'Syria', event_clarity: '1', date_prec: '1', date_start: '2016-07-14', date_end: '2016-07-14',
  deaths_a: '0', deaths_b: '3', deaths_civilians: '0', deaths_unknown: '0', low: '3', best: '3', high: '3',
};

function map(changes: Record<string, unknown> = {}, coordinates?: unknown): RecordMapping {
  return mapUcdpRecord({ ...ied, ...changes }, 42, new EventDefinitions({ [UCDP_SOURCE_ID]: UCDP_SOURCE }), coordinates);
}

function incident(changes: Record<string, unknown> = {}, coordinates?: unknown): IncidentFeature {
  const mapping = map(changes, coordinates);
  if (!mapping.ok) throw new Error(JSON.stringify(mapping.problems));
  return mapping.incident;
}

function problems(changes: Record<string, unknown>): unknown {
  const mapping = map(changes);
  return mapping.ok ? 'loaded' : mapping.problems;
}

describe('mapUcdpRecord', () => {
  it('maps a UCDP event to an incident with UCDP’s id, place, date, sides, deaths and source', () => {
    const { id, geometry, properties: p } = incident();
    expect(id).toBe('226106');
    expect(geometry.coordinates).toEqual([40.140844, 35.335876]);
    expect(p.title).toBe('State-based armed conflict: Government of Syria - IS, Deir ez Zor town');
    expect(p.date).toEqual({ start: '2016-07-14', end: '2016-07-14', precision: 'day', note: 'UCDP date_prec 1: the exact day is known.' });
    expect(p.place).toEqual({
      name: 'Deir ez Zor town', precision: 'village', uncertaintyKm: 2,
      note: 'UCDP where_prec 1: the exact place is known. In Deir ez Zor district, Deir ez Zor Governorate, Syria.',
    });
    expect(p.eventType).toBe('state-based');
    expect(p.actors).toEqual([{ actor: 'government-of-syria', role: 'party' }, { actor: 'is', role: 'party' }]);
    expect(p.targets).toEqual([]);
    expect(p.casualties).toEqual([{ text: '3 killed (best estimate)', kind: 'killed', best: 3, min: 3, max: 3, source: 'ucdp-ged', status: 'reported' }]);
    expect(p.story).toBe('More than 23 persons were killed and injured in an IED factory in Deir Ezzor');
    expect(p.sources).toEqual([{ source: 'sohr', status: 'reported', says: 'More than 23 persons were killed and injured in an IED factory in Deir Ezzor' }]);
    expect(p.origin).toEqual({ format: 'ucdp-ged', row: 42 });
    expect(p.extra).toMatchObject({ dyad_name: 'Government of Syria - IS', conflict_name: 'Syria: Islamic State', deaths_b: '3', source_date: '2016-07-14' });
    expect(p.extra).not.toHaveProperty('source_article');
  });

  it('reads numbers and numeric text alike (GeoJSON properties vs CSV cells)', () => {
    const fromNumbers = incident({ id: 226106, latitude: 35.335876, longitude: 40.140844, where_prec: 1, date_prec: 1, type_of_violence: 1, best: 3, low: 3, high: 3 });
    expect(fromNumbers).toEqual(incident());
  });

  it('takes a feature’s own coordinates over the latitude and longitude fields', () => {
    expect(incident({ latitude: undefined, longitude: undefined }, [40.1, 35.3]).geometry.coordinates).toEqual([40.1, 35.3]);
    expect(problems({ latitude: '' })).toEqual([{ field: 'latitude', message: 'should be a number, but is empty' }]);
  });

  it('keeps a best estimate of 0 as a figure, and gives low and high when they differ', () => {
    expect(incident({ best: '0', low: '0', high: '0' }).properties.casualties[0]?.text).toBe('0 killed (best estimate)');
    const figure = incident({ low: '10', best: '12', high: '15' }).properties.casualties[0];
    expect(figure).toMatchObject({ text: '12 killed (best estimate; low 10, high 15)', min: 10, best: 12, max: 15 });
  });

  it('loads figures that contradict each other as UCDP gives them, with a warning', () => {
    const mapping = map({ low: '177', best: '142', high: '177' });
    expect(mapping.ok && mapping.warnings).toEqual([{ field: 'low', message: '(177) is above the best estimate (142); the figures are shown as UCDP gives them' }]);
  });

  it('puts side B of one-sided violence among the targets, not the parties', () => {
    const p = incident({ type_of_violence: '3', side_a: 'IS', side_b: 'Civilians', dyad_name: 'IS - Civilians' }).properties;
    expect(p.eventType).toBe('one-sided');
    expect(p.actors).toEqual([{ actor: 'is', role: 'party' }]);
    expect(p.targets).toEqual([{ actor: 'civilians' }]);
  });

  it('shows a month or year code whose span crosses a calendar boundary as a range, saying so', () => {
    expect(incident({ date_prec: '4', date_start: '2016-04-01', date_end: '2016-04-30' }).properties.date?.precision).toBe('month');
    const date = incident({ date_prec: '4', date_start: '2016-01-20', date_end: '2016-02-15' }).properties.date;
    expect(date).toEqual({
      start: '2016-01-20', end: '2016-02-15', precision: 'range',
      note: 'UCDP date_prec 4: known to within a month. The event falls between 2016-01-20 and 2016-02-15, shown as a range because the span does not fit one calendar period.',
    });
    expect(incident({ date_start: '2009-02-20T00:00:00', date_end: '2009-02-20 00:00:00.000' }).properties.date?.start).toBe('2009-02-20');
  });

  it('maps each place precision code to a precision, a radius and a note', () => {
    const place = incident({ where_prec: '4', where_coordinates: 'Deir ez Zor Governorate' }).properties.place;
    expect(place).toMatchObject({ precision: 'province', uncertaintyKm: 100 });
    expect(place.note).toBe('UCDP where_prec 4: only the province (first-order administrative area) is known; the point is its centre. In Deir ez Zor district, Syria.');
    expect(incident({ where_prec: '6', where_coordinates: 'Syria', adm_1: '', adm_2: '' }).properties.place).toMatchObject({ name: 'Syria', precision: 'country', uncertaintyKm: 300 });
    expect(incident({ where_coordinates: '', adm_2: '' }).properties.place.name).toBe('Deir ez Zor Governorate');
  });

  it('rejects a record with every problem named by UCDP’s column', () => {
    expect(problems({ id: '', latitude: 'abc', longitude: '200', date_start: '2016-02-30', type_of_violence: '4', where_prec: '', best: '-1' })).toEqual([
      { field: 'id', message: 'should give the event’s UCDP id, so that links to it keep working, but is empty' },
      { field: 'longitude', message: 'should be between -180 and 180, but is 200' },
      { field: 'latitude', message: 'should be a number, but is the text "abc"' },
      { field: 'date_start', message: 'should be a calendar date written YYYY-MM-DD, but is the text "2016-02-30"' },
      { field: 'where_prec', message: 'should be one of UCDP\'s place precision codes 1–7, but is empty' },
      { field: 'type_of_violence', message: 'should be 1 (state-based), 2 (non-state) or 3 (one-sided), but is 4' },
      { field: 'best', message: 'should be 0 or more, but is -1' },
    ]);
    expect(problems({ date_end: '2016-07-13' })).toEqual([{ field: 'date_end', message: 'is before date_start (2016-07-13 is earlier than 2016-07-14)' }]);
    expect(problems({ latitude: undefined })).toEqual([{ field: 'latitude', message: 'should be a number, but is missing (there is no "latitude" column)' }]);
    expect(problems({})).toBe('loaded');
    const bad = map({}, [40.1]);
    expect(bad.ok ? [] : bad.problems).toEqual([{ field: 'geometry.coordinates', message: 'should be [longitude, latitude] within -180…180 and -90…90, but is [40.1]' }]);
  });

  it('gives each outlet its own headline when source_article lines them up, and strips the literal quotes', () => {
    const p = incident({
      source_office: 'SOHR;Human Rights Watch;SOHR',
      source_headline: 'Clashes; and more clashes;Russia/Syria: Daily Cluster Munition Attacks;Second SOHR report',
      source_article: '"SOHR,2016-01-30,Clashes; and more clashes";"Human Rights Watch,2016-02-08,Russia/Syria: Daily Cluster Munition Attacks";"SOHR,2016-01-31,Second SOHR report"',
    }).properties;
    expect(p.sources).toEqual([
      { source: 'sohr', status: 'reported', says: 'Clashes; and more clashes / Second SOHR report' },
      { source: 'human-rights-watch', status: 'reported', says: 'Russia/Syria: Daily Cluster Munition Attacks' },
    ]);
    expect(p.story).toBe('Clashes; and more clashes\n\nRussia/Syria: Daily Cluster Munition Attacks\n\nSecond SOHR report');
  });

  it('cites outlets without words when their headlines cannot be told apart, and keeps the reference text', () => {
    const p = incident({ source_office: 'AFP;Reuters', source_headline: 'h1;h2', source_article: 'AFP 14/9-09, Reuters 16/9-09' }).properties;
    expect(p.sources).toEqual([{ source: 'afp', status: 'reported' }, { source: 'reuters', status: 'reported' }]);
    expect(p.story).toBe('h1;h2');
    expect(p.extra?.source_article).toBe('AFP 14/9-09, Reuters 16/9-09');
  });

  it('cites UCDP itself when the record names no outlet, keeping UCDP’s free-text reference', () => {
    const p = incident({ source_office: '', source_headline: '', source_date: '', source_article: 'Reuters  25/2-09', source_original: 'anonymous CAR army colonel', number_of_sources: -1 }).properties;
    expect(p.sources).toEqual([{ source: 'ucdp-ged', status: 'reported' }]);
    expect(p.story).toBe('');
    expect(p.extra).toMatchObject({ source_article: 'Reuters  25/2-09', source_original: 'anonymous CAR army colonel', number_of_sources: '-1 (not recorded)' });
  });
});
