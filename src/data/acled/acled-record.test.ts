import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importAcledCsv } from '../event-datasets';
import { EventDefinitions } from '../event-definitions';
import { acledSpan, mapAcledRecord, ACLED_SOURCE, ACLED_SOURCE_ID } from './acled-record';

// Hand-made, fictional rows in ACLED's codebook columns (see ./README.md).
const fixture = (name: string) => readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');
const byId = (dataset: ReturnType<typeof importAcledCsv>, id: string) => dataset.incidents.find((incident) => incident.id === id)?.properties;

describe('ACLED import: a normal file', () => {
  const dataset = importAcledCsv(fixture('acled-normal.csv'), 'acled-normal.csv');

  it('loads every row', () => {
    expect(dataset.featureCount).toBe(6);
    expect(dataset.incidents.map((i) => i.id)).toEqual(['XYZ1001', 'XYZ1002', 'XYZ1003', 'XYZ1004', 'XYZ1005', 'XYZ1006']);
    expect(dataset.rejected).toEqual([]);
    expect(dataset.warnings).toEqual([]);
  });

  it('gives the six event types six shapes', () => {
    expect(dataset.eventTypes).toEqual({
      battles: { label: 'Battles', shape: 'square' },
      'explosions-remote-violence': { label: 'Explosions/Remote violence', shape: 'triangle' },
      'violence-against-civilians': { label: 'Violence against civilians', shape: 'diamond' },
      protests: { label: 'Protests', shape: 'circle' },
      riots: { label: 'Riots', shape: 'hexagon' },
      'strategic-developments': { label: 'Strategic developments', shape: 'star' },
    });
  });

  it('maps a battle: place, day, parties, fatalities, source, story and line', () => {
    expect(dataset.incidents[0]?.geometry.coordinates).toEqual([40.1408, 35.3359]);
    const p = byId(dataset, 'XYZ1001');
    expect(p).toMatchObject({
      title: 'Armed clash: Military Forces of Syria (2000-) – Islamic State (Syria), Deir ez Zor',
      date: { start: '2016-07-14', end: '2016-07-14', precision: 'day', note: 'ACLED time_precision 1: the exact day (event_date 2016-07-14).' },
      place: { name: 'Deir ez Zor', precision: 'village', uncertaintyKm: 2, note: 'ACLED geo_precision 1: the named place itself (a town, or a district of a city). In Syria.' },
      eventType: 'battles',
      actors: [{ actor: 'military-forces-of-syria-2000', role: 'party' }, { actor: 'islamic-state-syria', role: 'party' }],
      targets: [],
      casualties: [{ text: '3 fatalities', kind: 'killed', best: 3, source: 'acled', status: 'reported' }],
      sources: [{ source: 'example-monitor', status: 'reported' }],
      story: 'Fictional test row: clashes between government forces and IS fighters near the airbase. 3 IS fighters were killed.',
      origin: { format: 'acled', row: 2 },
      extra: { disorder_type: 'Political violence', sub_event_type: 'Armed clash', admin1: 'Deir ez Zor', admin2: 'Deir ez Zor', admin3: 'Deir ez Zor', source_scale: 'Other' },
    });
    expect(dataset.sources.acled).toEqual(ACLED_SOURCE);
  });

  it('widens a week to three days either side and a month to the calendar month', () => {
    expect(byId(dataset, 'XYZ1002')?.date).toMatchObject({ start: '2016-07-12', end: '2016-07-18', precision: 'week' });
    expect(byId(dataset, 'XYZ1002')?.place).toMatchObject({ precision: 'region', uncertaintyKm: 25 });
    expect(byId(dataset, 'XYZ1004')?.date).toEqual({
      start: '2016-07-01', end: '2016-07-31', precision: 'month', note: 'ACLED time_precision 3: known only to the month (event_date 2016-07-01).',
    });
    expect(byId(dataset, 'XYZ1004')?.place).toMatchObject({ precision: 'province', uncertaintyKm: 100 });
  });

  it('reads ACLED’s "15 July 2016" dates, and puts civilian victims among the targets', () => {
    const p = byId(dataset, 'XYZ1003');
    expect(p?.date).toMatchObject({ start: '2016-07-15', end: '2016-07-15' });
    expect(p?.actors).toEqual([{ actor: 'unidentified-armed-group-syria', role: 'party' }]);
    expect(p?.targets).toEqual([{ actor: 'civilians-syria' }, { actor: 'women-syria' }, { actor: 'children-syria' }]);
    expect(p?.extra?.civilian_targeting).toBe('Civilian targeting');
  });

  it('keeps a 0 as a figure, and lists an actor named on both sides once', () => {
    expect(byId(dataset, 'XYZ1002')?.casualties.map((c) => c.text)).toEqual(['0 fatalities']);
    expect(byId(dataset, 'XYZ1005')?.actors).toEqual([{ actor: 'rioters-syria', role: 'party' }]);
  });

  it('fills the metadata with ACLED’s attribution and the period loaded', () => {
    expect(dataset.metadata).toMatchObject({
      title: 'ACLED events: acled-normal.csv',
      attribution: 'Armed Conflict Location & Event Data Project (ACLED); acleddata.com',
      digestDate: '2016-07-01/2016-07-31',
    });
    expect(dataset.metadata.licence).toContain('See the provider’s terms');
  });
});

describe('ACLED import: tricky rows (BOM, CRLF, quoted commas and line breaks, bad cells)', () => {
  const dataset = importAcledCsv(fixture('acled-tricky.csv'), 'acled-tricky.csv');

  it('accounts for every row: loaded or rejected', () => {
    expect(dataset.featureCount).toBe(11);
    expect(dataset.incidents.map((i) => i.id)).toEqual(['XYZ2001', 'XYZ2002', 'XYZ2003', 'XYZ2009']);
    expect(dataset.incidents.length + dataset.rejected.length).toBe(dataset.featureCount);
  });

  it('reads past the byte order mark, keeps a quoted comma, and splits ; lists into distinct outlets and associated actors', () => {
    const p = byId(dataset, 'XYZ2001');
    expect(p?.story).toBe('Fictional test row: government forces, backed by allies, shelled the town; 1 killed.');
    expect(p?.sources).toEqual([{ source: 'example-monitor', status: 'reported' }, { source: 'example-wire', status: 'reported' }]);
    expect(p?.actors).toEqual([
      { actor: 'military-forces-of-syria-2000', role: 'party' },
      { actor: 'military-forces-of-russia-2000', role: 'associated' },
      { actor: 'ndf-national-defence-forces', role: 'associated' },
      { actor: 'islamic-state-syria', role: 'party' },
    ]);
    expect(p?.origin).toEqual({ format: 'acled', row: 2 });
  });

  it('loads a row with no fatalities given, with no figure', () => {
    expect(byId(dataset, 'XYZ2002')?.casualties).toEqual([]);
  });

  it('keeps line breaks inside notes and counts them, so later rows report the right line', () => {
    expect(byId(dataset, 'XYZ2003')?.story).toBe('Fictional test row, first paragraph.\r\nSecond paragraph, after a CRLF.\nThird, after a bare LF.');
    expect(byId(dataset, 'XYZ2003')?.origin?.row).toBe(4);
    expect(byId(dataset, 'XYZ2009')?.origin?.row).toBe(13);
  });

  it('rejects each bad row naming its row, line and field, in plain words', () => {
    expect(dataset.rejected).toEqual([
      { where: 'row 4 (line 7)', index: 3, id: 'XYZ2004', reasons: [{ field: 'latitude', message: 'should be a number, but is the text "thirty-five"' }] },
      { where: 'row 5 (line 8)', index: 4, id: 'XYZ2005', reasons: [{ field: 'longitude', message: 'should be between -180 and 180, but is 200.5' }] },
      { where: 'row 6 (line 9)', index: 5, id: 'XYZ2006', reasons: [{ field: 'latitude', message: 'should be a number, but is empty' }] },
      {
        where: 'row 7 (line 10)', index: 6, id: 'XYZ2001',
        reasons: [{ field: 'event_id_cnty', message: 'is "XYZ2001", which row 1 (line 2) already uses; ids must be unique so that a link finds one incident, so only the first is loaded' }],
      },
      { where: 'row 8 (line 11)', index: 7, id: 'XYZ2007', reasons: [{ field: 'fatalities', message: 'should be a whole number, but is the text "several"' }] },
      {
        where: 'row 9 (line 12)', index: 8, id: 'XYZ2008',
        reasons: [
          { field: 'event_date', message: 'should be a calendar date written YYYY-MM-DD or like "15 July 2016", but is the text "31 June 2016"' },
          { field: 'time_precision', message: 'should be 1 (day), 2 (week) or 3 (month), but is 4' },
        ],
      },
      {
        where: 'row 11 (line 14)', index: 10, id: 'XYZ2010',
        reasons: [{ field: '(row)', message: 'has 32 cells, but the header has 31 columns, so its cells cannot be matched to columns (a comma inside a cell that is not in quotes?)' }],
      },
    ]);
  });

  it('keeps an event type outside the codebook as its own type, and says so once', () => {
    expect(byId(dataset, 'XYZ2009')?.eventType).toBe('ceasefire-monitoring');
    expect(dataset.eventTypes['ceasefire-monitoring']).toEqual({ label: 'Ceasefire monitoring', shape: 'circle' });
    expect(dataset.warnings).toEqual([{
      where: 'event type "Ceasefire monitoring"',
      message: 'is not one of ACLED\'s six event types; its 1 incident is kept as a type of their own, drawn as a circle like Protests',
    }]);
  });

  it('defines only the actors and sources that loaded incidents use', () => {
    expect(Object.keys(dataset.sources).sort()).toEqual(['acled', 'example-monitor', 'example-wire']);
    expect(Object.keys(dataset.actors)).not.toContain('rioters-syria');
  });
});

describe('mapAcledRecord', () => {
  const ids = () => new EventDefinitions({ [ACLED_SOURCE_ID]: ACLED_SOURCE });

  it('reads a whole record’s missing id and codes as problems, never throwing', () => {
    const mapping = mapAcledRecord({ latitude: '1', longitude: '2', event_date: '2016-07-14', time_precision: '1', geo_precision: '9', event_type: 'Battles' }, 5, ids());
    expect(mapping.ok ? [] : mapping.problems).toEqual([
      { field: 'event_id_cnty', message: 'should give the event’s ACLED id, so that links to it keep working, but is missing (there is no "event_id_cnty" column)' },
      { field: 'geo_precision', message: 'should be 1 (the place itself), 2 (near it) or 3 (a larger region), but is 9' },
    ]);
  });
});

describe('acledSpan', () => {
  it('runs a week three days either side and a month to its last day, across month, year and leap-day edges, as the calendar does', () => {
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const wrong: string[] = [];
    for (let ms = Date.UTC(1999, 11, 1); ms <= Date.UTC(2001, 2, 31); ms += 86_400_000) {
      const day = iso(ms);
      const week = acledSpan(day, 'week');
      if (week.start !== iso(ms - 3 * 86_400_000) || week.end !== iso(ms + 3 * 86_400_000)) wrong.push(`${day} week ${week.start}…${week.end}`);
      const d = new Date(ms);
      const month = acledSpan(day, 'month');
      if (month.start !== iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)) || month.end !== iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0))) wrong.push(`${day} month`);
      if (acledSpan(day, 'day').start !== day) wrong.push(`${day} day`);
    }
    expect(wrong).toEqual([]);
    expect(acledSpan('2016-03-01', 'week')).toEqual({ start: '2016-02-27', end: '2016-03-04' });
    expect(acledSpan('1900-02-10', 'month')).toEqual({ start: '1900-02-01', end: '1900-02-28' });
  });
});
