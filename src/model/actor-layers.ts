import type { ActorDefinition, IncidentFeature } from '../data/incident-types';

/** The layer of incidents whose data names no actor (plain GeoJSON), so they can be switched too. */
export const NO_ACTOR = '(no actor named)';
export const NO_ACTOR_DEFINITION: ActorDefinition = { name: 'No actor named', colour: '#777777' };

/**
 * Actor layers: an incident belongs to the layer of every party that acted in it (carried out,
 * claimed, took part, spoke). Targets are part of the story, not of the layer: unchecking ISIS
 * hides what ISIS did, not what was done to ISIS. An incident with several acting parties stays
 * visible while any of them is checked.
 */
export function actorIdsOf(incident: IncidentFeature): string[] {
  return incident.properties.actors.length ? incident.properties.actors.map((a) => a.actor) : [NO_ACTOR];
}

export function isVisibleWithActors(incident: IncidentFeature, hidden: ReadonlySet<string>): boolean {
  if (hidden.size === 0) return true;
  return actorIdsOf(incident).some((id) => !hidden.has(id));
}

export function filterByActors(incidents: readonly IncidentFeature[], hidden: ReadonlySet<string>): IncidentFeature[] {
  return hidden.size === 0 ? [...incidents] : incidents.filter((incident) => isVisibleWithActors(incident, hidden));
}

/** Incidents per acting party; an incident with two parties counts once for each. */
export function countByActor(incidents: readonly IncidentFeature[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    for (const id of new Set(actorIdsOf(incident))) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** The entries of the actor control: the dataset's actors, plus "No actor named" when some incidents name none. */
export function actorLayerEntries(actors: Record<string, ActorDefinition>, counts: ReadonlyMap<string, number>): Record<string, ActorDefinition> {
  return counts.has(NO_ACTOR) ? { ...actors, [NO_ACTOR]: NO_ACTOR_DEFINITION } : actors;
}

/**
 * The actor control's entries split in two: those that are layers (acting in at least one loaded
 * incident, by `totals`) and those that never act, whose layer would hold nothing: UCDP's
 * "Civilians" is only ever the target of one-sided violence. A checkbox with "0" beside it would
 * do nothing and read as "no incidents involve civilians"; they are named apart instead, by name.
 */
export function splitActorLayers(entries: Record<string, ActorDefinition>, totals: ReadonlyMap<string, number>): {
  layers: [string, ActorDefinition][];
  neverActing: ActorDefinition[];
} {
  const layers: [string, ActorDefinition][] = [];
  const neverActing: ActorDefinition[] = [];
  for (const [id, actor] of Object.entries(entries)) {
    if ((totals.get(id) ?? 0) > 0) layers.push([id, actor]);
    else neverActing.push(actor);
  }
  neverActing.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return { layers, neverActing };
}

/** The dataset's actors that never act in it (UCDP's civilians, only ever a target), so have no layer. */
export function neverActingIds(summary: { actors: Record<string, ActorDefinition>; actorCounts: Record<string, number> }): string[] {
  const layers = new Set(actorLayerIds(summary));
  return Object.keys(summary.actors).filter((id) => !layers.has(id));
}

/** The ids of the actor layers (the checkboxes): actors acting in some incident, and NO_ACTOR when some incidents name none. */
export function actorLayerIds(summary: { actors: Record<string, ActorDefinition>; actorCounts: Record<string, number> }): string[] {
  const totals = new Map(Object.entries(summary.actorCounts));
  return splitActorLayers(actorLayerEntries(summary.actors, totals), totals).layers.map(([id]) => id);
}
