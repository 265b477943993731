import type { IncidentFeature } from '../data/incident-types';
import type { LoadedDataset } from '../data/validate-dataset';
import { NO_ACTOR, NO_ACTOR_DEFINITION, countByActor } from './actor-layers';

export interface DatasetStats {
  incidents: number;
  rejected: number;
  /** Sorted by count, most first; names rather than ids. */
  byActor: Array<[string, number]>;
  byType: Array<[string, number]>;
  /** By the year the incident started; "no date" for undated ones. Sorted by year. */
  byYear: Array<[string, number]>;
}

function tally<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

const byCount = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

export function datasetStats(dataset: LoadedDataset, incidents: readonly IncidentFeature[] = dataset.incidents): DatasetStats {
  const actorName = (id: string) => (id === NO_ACTOR ? NO_ACTOR_DEFINITION.name : dataset.actors[id]?.name ?? id);
  return {
    incidents: incidents.length,
    rejected: dataset.rejected.filter((r) => r.index !== undefined).length,
    byActor: byCount(new Map([...countByActor(incidents)].map(([id, n]) => [actorName(id), n]))),
    byType: byCount(tally(incidents, (i) => dataset.eventTypes[i.properties.eventType]?.label ?? i.properties.eventType)),
    byYear: [...tally(incidents, (i) => i.properties.date?.start.slice(0, 4) ?? 'no date')].sort((a, b) => a[0].localeCompare(b[0])),
  };
}
