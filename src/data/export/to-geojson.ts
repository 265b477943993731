import type { ActorDefinition, DatasetMetadata, EventTypeDefinition, IncidentCollection, IncidentFeature, SourceDefinition } from '../incident-types';
import type { LoadedDataset } from '../validate-dataset';

/**
 * The current view as a dataset in our own format (data/README.md): the chosen incidents with the
 * actors, sources and event types they refer to — no more, so the file stands on its own — and
 * the metadata, noting that it is an export. Re-importing it gives the same incidents back.
 * (A large export is written a batch at a time: export-writer.ts.)
 */
export function toIncidentCollection(dataset: LoadedDataset, incidents: readonly IncidentFeature[], exportNote?: string): IncidentCollection {
  const used = new DefinitionsUsed();
  for (const incident of incidents) used.add(incident);
  return { type: 'FeatureCollection', dataset: exportedMetadata(dataset, exportNote), ...used.pick(dataset), features: [...incidents] };
}

/** The dataset's metadata, its description noting the export. */
export function exportedMetadata(dataset: LoadedDataset, exportNote: string | undefined): DatasetMetadata {
  return {
    ...dataset.metadata,
    description: exportNote ? `${dataset.metadata.description}\n\n${exportNote}`.trim() : dataset.metadata.description,
  };
}

/** The actors, sources and event types incidents refer to, gathered as they are added. */
export class DefinitionsUsed {
  private readonly actorIds = new Set<string>();
  private readonly sourceIds = new Set<string>();
  private readonly typeIds = new Set<string>();

  add({ properties: p }: IncidentFeature): void {
    p.actors.forEach((a) => this.actorIds.add(a.actor));
    p.targets.forEach((t) => this.actorIds.add(t.actor));
    p.sources.forEach((s) => this.sourceIds.add(s.source));
    p.casualties.forEach((c) => this.sourceIds.add(c.source));
    this.typeIds.add(p.eventType);
  }

  /** The dataset's definitions of what was added, in the dataset's order. */
  pick(dataset: LoadedDataset): { actors: Record<string, ActorDefinition>; sources: Record<string, SourceDefinition>; eventTypes: Record<string, EventTypeDefinition> } {
    const pick = <T>(all: Record<string, T>, ids: Set<string>) => Object.fromEntries(Object.entries(all).filter(([id]) => ids.has(id)));
    return { actors: pick(dataset.actors, this.actorIds), sources: pick(dataset.sources, this.sourceIds), eventTypes: pick(dataset.eventTypes, this.typeIds) };
  }
}
