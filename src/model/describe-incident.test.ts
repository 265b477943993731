import { describe, expect, it } from 'vitest';
import { describePlacePrecision, formatIncidentDate, isImprecise } from './describe-incident';

describe('formatIncidentDate', () => {
  it('writes a known day in full, in UTC whatever the reader’s time zone', () => {
    expect(formatIncidentDate({ start: '2016-07-15', end: '2016-07-15', precision: 'day' })).toBe('Friday 15 July 2016');
  });
  it('writes a range as a range, not as one day', () => {
    expect(formatIncidentDate({ start: '2016-07-14', end: '2016-07-15', precision: 'range' })).toBe('between 14 and 15 July 2016');
    expect(formatIncidentDate({ start: '2016-06-30', end: '2016-07-02', precision: 'range' })).toBe('between 30 June 2016 and 2 July 2016');
  });
  it('writes a month or a year no more precisely than known', () => {
    expect(formatIncidentDate({ start: '2016-07-01', end: '2016-07-31', precision: 'month' })).toBe('July 2016');
    expect(formatIncidentDate({ start: '2016-01-01', end: '2016-12-31', precision: 'year' })).toBe('2016');
  });
});

describe('place precision', () => {
  it('says how precise the point is and how far off it may be', () => {
    expect(describePlacePrecision({ name: 'Barad', precision: 'village', uncertaintyKm: 1.5 })).toBe('the village or town itself, within about 1.5 km');
    expect(describePlacePrecision({ name: 'x', precision: 'site', uncertaintyKm: 0.3 })).toBe('a known site, within about 300 m');
  });
  it('draws an uncertainty circle for regions and cities, not for a village or a site', () => {
    expect(isImprecise({ name: 'x', precision: 'region', uncertaintyKm: 15 })).toBe(true);
    expect(isImprecise({ name: 'x', precision: 'city', uncertaintyKm: 1 })).toBe(true);
    expect(isImprecise({ name: 'x', precision: 'village', uncertaintyKm: 1.5 })).toBe(false);
  });
});
