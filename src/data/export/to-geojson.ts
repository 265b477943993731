import type { IncidentCollection, IncidentFeature } from '../incident-types';
import type { LoadedDataset } from '../validate-dataset';

/**
 * The current view as a dataset in our own format (data/README.md): the chosen incidents with the
 * actors, sources and event types they refer to — no more, so the file stands on its own — and
 * the metadata, noting that it is an export. Re-importing it gives the same incidents back.
 */
export function toIncidentCollection(dataset: LoadedDataset, incidents: readonly IncidentFeature[], exportNote?: string): IncidentCollection {
  const actorIds = new Set<string>();
  const sourceIds = new Set<string>();
  const typeIds = new Set<string>();
  for (const { properties: p } of incidents) {
    p.actors.forEach((a) => actorIds.add(a.actor));
    p.targets.forEach((t) => actorIds.add(t.actor));
    p.sources.forEach((s) => sourceIds.add(s.source));
    p.casualties.forEach((c) => sourceIds.add(c.source));
    typeIds.add(p.eventType);
  }
  const pick = <T>(all: Record<string, T>, ids: Set<string>) =>
    Object.fromEntries(Object.entries(all).filter(([id]) => ids.has(id)));
  return {
    type: 'FeatureCollection',
    dataset: {
      ...dataset.metadata,
      description: exportNote ? `${dataset.metadata.description}\n\n${exportNote}`.trim() : dataset.metadata.description,
    },
    actors: pick(dataset.actors, actorIds),
    sources: pick(dataset.sources, sourceIds),
    eventTypes: pick(dataset.eventTypes, typeIds),
    features: [...incidents],
  };
}
