import type { DefinitionIds } from './event-definitions';
import type { IncidentFeature, IncidentProperties } from './incident-types';
import { daysInMonth } from './record-cells';

/**
 * Reads a CSV row (its cells in column order) the quick way: the incident as far as the map's
 * columns need it (text fields empty), or undefined to leave the row to the full mapping.
 */
export type QuickReader = (values: readonly string[], row: number, ids: DefinitionIds) => IncidentFeature | undefined;

/*
 * Cells read the quick way (ucdp-quick.ts, acled-quick.ts): only the plain forms a dataset's own
 * exports use, each checked character by character. Anything else is "not plain" (NaN or
 * undefined), and the row is left to the full mapping, which reads every form and says what is wrong.
 */

/** What a quick read fills in: the fields the columns and tallies read. */
export type QuickFields = Pick<IncidentProperties, 'date' | 'eventType' | 'actors' | 'targets' | 'casualties' | 'sources' | 'origin'>
  & { id: string; lng: number; lat: number; place: Pick<IncidentProperties['place'], 'precision' | 'uncertaintyKm'> };

/** The incident of a quick read: its text (title, story, place name, notes) left empty, as the row is read in full when shown. */
export function quickIncident(f: QuickFields): IncidentFeature {
  // Spelt out rather than spread: one object shape for a million rows.
  return {
    type: 'Feature',
    id: f.id,
    geometry: { type: 'Point', coordinates: [f.lng, f.lat] },
    properties: {
      title: '', date: f.date, place: { name: '', precision: f.place.precision, uncertaintyKm: f.place.uncertaintyKm }, eventType: f.eventType, layer: 'conflict',
      actors: f.actors, targets: f.targets, casualties: f.casualties, story: '', sources: f.sources, origin: f.origin,
    },
  };
}

const ZERO = 48;

/** A one-digit code's value; NaN for anything else (which no code table has). */
export function digit(cell: string): number {
  const c = cell.length === 1 ? cell.charCodeAt(0) - ZERO : -1;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** "-12.5", "36", "0.75": an optional minus, digits, and at most one point between digits. NaN for anything else. */
export function plainDecimal(cell: string): number {
  let i = cell.charCodeAt(0) === 45 ? 1 : 0;
  const digitsFrom = i;
  let point = -1;
  for (; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 46 && point < 0) point = i;
    else if (c < ZERO || c > ZERO + 9) return NaN;
  }
  if (i === digitsFrom || point === digitsFrom || point === cell.length - 1) return NaN;
  return Number(cell);
}

/** A count written as 1–15 digits (so exact as a double); NaN for anything else. */
export function plainCount(cell: string): number {
  if (cell.length === 0 || cell.length > 15) return NaN;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c < ZERO || c > ZERO + 9) return NaN;
  }
  return Number(cell);
}

/** "2016-07-14" when it is a real calendar day (no 31 April, no year 0); undefined for anything else. */
export function plainDay(cell: string): string | undefined {
  if (cell.length !== 10 || cell.charCodeAt(4) !== 45 || cell.charCodeAt(7) !== 45) return undefined;
  const year = digits(cell, 0, 4), month = digits(cell, 5, 7), day = digits(cell, 8, 10);
  if (!(year >= 1 && month >= 1 && month <= 12 && day >= 1)) return undefined;
  return day <= daysInMonth(year, month) ? cell : undefined;
}

function digits(cell: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = cell.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}
