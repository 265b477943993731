/**
 * What the reader has narrowed the incidents down to, besides where the map looks. The same value
 * drives the worker's filter pass, the counts, the list and the link (src/model/view-state.ts).
 * Each part is "keep an incident when …"; parts combine with AND.
 */
export interface IncidentFilter {
  /** Actor layers switched off (ids; NO_ACTOR for incidents naming none). An incident stays while any of its actors is on. */
  hiddenActors: string[];
  /**
   * Only incidents whose date span overlaps [start, end] (ISO days, both included): a "July 2016"
   * incident is in any range that touches July. Undated incidents are left out while a range is set.
   * null: all time, undated included.
   */
  timeRange: TimeRange | null;
  /** Only these event types (ids); null: every type. */
  eventTypes: string[] | null;
  /** Only incidents citing at least one of these sources (ids); null: whoever reports it. */
  sources: string[] | null;
  /** Only incidents reported by exactly one source (one outlet, however many statements). */
  singleSource: boolean;
  /** Only incidents placed to the site, village or district (not just a city, region, province or country, nor of unknown precision). */
  preciseOnly: boolean;
  /** Free text over title, story, place names and source names; empty: no search. */
  query: string;
}

/** ISO days (YYYY-MM-DD), both included, start ≤ end. */
export interface TimeRange {
  start: string;
  end: string;
}

export const NO_FILTER: IncidentFilter = {
  hiddenActors: [],
  timeRange: null,
  eventTypes: null,
  sources: null,
  singleSource: false,
  preciseOnly: false,
  query: '',
};

/**
 * A "keep only these" list after switching one id on or off: null (everything) when all of `all`
 * are kept again, else the kept ids in `all`'s order.
 */
export function toggleKept(kept: readonly string[] | null, all: readonly string[], id: string, on: boolean): string[] | null {
  const next = new Set(kept ?? all);
  if (on) next.add(id);
  else next.delete(id);
  return all.every((x) => next.has(x)) ? null : all.filter((x) => next.has(x));
}

/** True when the filter narrows anything beyond the actor layers (for "Clear all"). */
export function narrowsBeyondActors(filter: IncidentFilter): boolean {
  return filter.timeRange !== null || filter.eventTypes !== null || filter.sources !== null
    || filter.singleSource || filter.preciseOnly || filter.query.trim() !== '';
}

/** Whether the filter keeps every incident (as the worker starts): no layer off, nothing else narrowed. */
export function showsEverything(filter: IncidentFilter): boolean {
  return filter.hiddenActors.length === 0 && !narrowsBeyondActors(filter);
}

/** Whether two filters are the same in every part (ids in the same order, the query as typed). */
export function sameFilter(a: IncidentFilter, b: IncidentFilter): boolean {
  return sameList(a.hiddenActors, b.hiddenActors) && sameList(a.eventTypes, b.eventTypes) && sameList(a.sources, b.sources)
    && a.timeRange?.start === b.timeRange?.start && a.timeRange?.end === b.timeRange?.end
    && a.singleSource === b.singleSource && a.preciseOnly === b.preciseOnly && a.query === b.query;
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((id, k) => id === b[k]);
}
