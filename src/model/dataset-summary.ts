import type { IncidentDate, IncidentFeature } from '../data/incident-types';
import type { LoadedDataset } from '../data/validate-dataset';
import { countByActor } from './actor-layers';
import { OTHER_LAYER } from './index/incident-columns';
import type { IncidentRows } from './index/incident-rows';
import { initialExtent, outsideExtent, type LngLatBox } from './view-extent';

/** Enough to list an incident (outside the view, in a stack) without its story. */
export interface IncidentBrief {
  id: string;
  title: string;
  placeName: string;
  date?: IncidentDate;
}

/**
 * What the page needs of a loaded dataset, without its incidents when there are many: the worker
 * keeps those and answers queries (clusters for the view, one incident's story, an export).
 */
export interface DatasetSummary extends Omit<LoadedDataset, 'incidents'> {
  incidentCount: number;
  /** Incidents per actor layer (NO_ACTOR included), among all loaded incidents. */
  actorCounts: Record<string, number>;
  initialBox: LngLatBox | undefined;
  /** Incidents outside the first view (diplomacy abroad), at most ELSEWHERE_LIMIT. */
  elsewhere: IncidentBrief[];
  /** Present when the dataset is small enough for one marker per incident on the page. */
  incidents?: IncidentFeature[];
}

/**
 * Up to this many incidents, each is its own focusable marker on the page and the page holds them
 * all; above it, the worker holds them and the map shows clusters (a DOM marker each would freeze
 * the page: measured with ~16,000 UCDP events).
 */
export const PAGE_INCIDENT_LIMIT = 1500;
const ELSEWHERE_LIMIT = 20;

export function briefOf({ id, properties: p }: IncidentFeature): IncidentBrief {
  return { id, title: p.title, placeName: p.place.name, ...(p.date ? { date: p.date } : {}) };
}

/** @param actorCounts the counts per actor layer when already known (the worker's index counts them from its columns). */
export function summariseDataset(dataset: LoadedDataset, actorCounts?: Record<string, number>): DatasetSummary {
  const { incidents, ...rest } = dataset;
  const initialBox = initialExtent(incidents);
  return {
    ...rest,
    incidentCount: incidents.length,
    actorCounts: actorCounts ?? Object.fromEntries(countByActor(incidents)),
    initialBox,
    elsewhere: outsideExtent(incidents, initialBox).slice(0, ELSEWHERE_LIMIT).map(briefOf),
    ...(incidents.length <= PAGE_INCIDENT_LIMIT ? { incidents } : {}),
  };
}

/**
 * The same summary from a dataset's rows (columns and a store, as the worker keeps them), without
 * its incidents as objects: the first view's box from the columns, the few incidents outside it
 * and — for a small dataset — every incident from the store.
 */
export function summariseRows(dataset: Omit<LoadedDataset, 'incidents'>, { columns, store }: IncidentRows, actorCounts: Record<string, number>): DatasetSummary {
  const { length: n, lng, lat, flags } = columns;
  let conflict = false;
  for (let i = 0; i < n && !conflict; i++) conflict = (flags[i]! & OTHER_LAYER) === 0;
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (let i = 0; i < n; i++) {
    if (conflict && (flags[i]! & OTHER_LAYER) !== 0) continue;
    const x = lng[i]!, y = lat[i]!;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  const initialBox = n > 0 ? { west, south, east, north } : undefined;
  const elsewhere: IncidentBrief[] = [];
  for (let i = 0; i < n && initialBox && elsewhere.length < ELSEWHERE_LIMIT; i++) {
    if (lng[i]! < west || lng[i]! > east || lat[i]! < south || lat[i]! > north) elsewhere.push(briefOf(store.get(i)));
  }
  return {
    ...dataset,
    incidentCount: n,
    actorCounts,
    initialBox,
    elsewhere,
    ...(n <= PAGE_INCIDENT_LIMIT ? { incidents: Array.from({ length: n }, (_, i) => store.get(i)) } : {}),
  };
}
