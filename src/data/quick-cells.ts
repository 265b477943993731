import type { DefinitionIds } from './event-definitions';
import type { IncidentFeature, IncidentProperties, SourceCitation } from './incident-types';
import type { RowCells } from './csv/row-cells';
import { ZERO, digitsAt, distinctNames, isIsoDayAt, plainDecimal, splitList } from './record-cells';

/**
 * Reads a CSV row (its cells as places in its text: csv/row-cells.ts) the quick way: the incident
 * as far as the map's columns need it (text fields empty), or undefined to leave the row to the
 * full mapping. `row` is the line the row starts on.
 */
export type QuickReader = (cells: RowCells, row: number, ids: DefinitionIds) => IncidentFeature | undefined;

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

/** A one-digit code's value; NaN for anything else (which no code table has). */
export function digit(cells: RowCells, k: number): number {
  const from = cells.from(k);
  const c = cells.to(k) - from === 1 ? cells.text.charCodeAt(from) - ZERO : -1;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Cell k as a plain decimal (plainDecimal): read where the cell is, as its digits are checked, with no string made. */
export function decimalOf(cells: RowCells, k: number): number {
  return plainDecimal(cells.text, cells.from(k), cells.to(k));
}

/**
 * What a quick reader makes of cells that recur across rows (a dyad's two sides, an outlet list),
 * made once per distinct text instead of once per row: naming an actor or outlet (trimming,
 * folding case, making its id) costs far more than finding the text again, and a conflict dataset
 * repeats a few hundred dyads and outlet lists a million times. What is kept is frozen by the
 * caller (frozenList), as every incident with the same text shares it. At most `limit` texts are
 * kept, so a file whose every row differs costs a bounded memory and makes each value afresh,
 * unfrozen: nothing downstream (ColumnBuilder.sharedSet) keeps a list that is not shared.
 */
export class RepeatedCells<T> {
  private readonly made = new Map<string, T>();

  constructor(private readonly limit = 50_000) {}

  get(text: string): T | undefined {
    return this.made.get(text);
  }

  /** Keeps what `text` made, if there is room; false if not (the value is then the caller's alone). */
  keep(text: string, value: T): boolean {
    if (this.made.size >= this.limit) return false;
    this.made.set(text, value);
    return true;
  }
}

/**
 * The outlets of a `;`-list cell as sources, each once (names compared as names compare), all
 * 'reported'; `fallback` (a dataset's own coders) when the cell names none. Shared across rows with
 * the same cell (`known`).
 */
export function quickSources(cell: string, ids: DefinitionIds, known: RepeatedCells<SourceCitation[]>, fallback?: string): SourceCitation[] {
  const shared = known.get(cell);
  if (shared) return shared;
  const sources: SourceCitation[] = distinctNames(splitList(cell.trim())).map((outlet) => ({ source: ids.outlet(outlet), status: 'reported' }));
  if (sources.length === 0 && fallback !== undefined) sources.push({ source: fallback, status: 'reported' });
  // Frozen only when shared: a frozen list is also what the column builder remembers (sharedSet).
  if (known.keep(cell, sources)) frozenList(sources);
  return sources;
}

/** Freezes a list and its entries, for values that many incidents share (RepeatedCells). */
export function frozenList<T extends object>(list: T[]): T[] {
  for (const entry of list) Object.freeze(entry);
  Object.freeze(list);
  return list;
}

/** Cell k as a count written as 1–15 digits (so exact as a double); NaN for anything else. */
export function countOf(cells: RowCells, k: number): number {
  const from = cells.from(k), to = cells.to(k);
  return to === from || to - from > 15 ? NaN : digitsAt(cells.text, from, to);
}

/** Whether cell k is empty. */
export function isEmptyCell(cells: RowCells, k: number): boolean {
  return cells.from(k) === cells.to(k);
}

/** Cell k, "2016-07-14", when it is a real calendar day (no 31 April, no year 0); undefined for anything else. */
export function dayOf(cells: RowCells, k: number): string | undefined {
  const from = cells.from(k), to = cells.to(k);
  return to - from === 10 && isIsoDayAt(cells.text, from) ? cells.text.slice(from, to) : undefined;
}
