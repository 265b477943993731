import { describe, expect, it } from 'vitest';
import { builtInDatasetJson } from '../test-support/fixtures';
import { validateDataset } from '../data/validate-dataset';
import type { IncidentFeature } from '../data/incident-types';
import { NO_ACTOR, actorLayerEntries, actorLayerIds, countByActor, filterByActors, isVisibleWithActors, neverActingIds, splitActorLayers } from './actor-layers';

function builtInIncidents(): IncidentFeature[] {
  const result = validateDataset(builtInDatasetJson());
  if (!result.ok) throw new Error(result.error);
  return result.dataset.incidents;
}

const ids = (incidents: IncidentFeature[]) => incidents.map((i) => i.id).sort();

describe('actor layers on the built-in dataset', () => {
  const incidents = builtInIncidents();
  const actedBy = (actor: string) => incidents.filter((i) => i.properties.actors.some((a) => a.actor === actor));

  it('shows everything when no actor is hidden', () => {
    expect(filterByActors(incidents, new Set())).toHaveLength(incidents.length);
  });

  it('hiding ISIS removes exactly the incidents only ISIS acted in', () => {
    const isisOnly = incidents.filter((i) => i.properties.actors.every((a) => a.actor === 'isis'));
    expect(isisOnly.length).toBeGreaterThanOrEqual(2);
    const shown = filterByActors(incidents, new Set(['isis']));
    expect(ids(shown)).toEqual(ids(incidents.filter((i) => !isisOnly.includes(i))));
  });

  it('keeps an incident whose target is hidden: layers are by who acted', () => {
    const targetingIsis = incidents.filter((i) => i.properties.targets.some((t) => t.actor === 'isis'));
    expect(targetingIsis.length).toBeGreaterThan(0);
    for (const incident of targetingIsis) expect(isVisibleWithActors(incident, new Set(['isis']))).toBe(true);
  });

  it('keeps an incident with several actors while any of them is checked', () => {
    const moscow = incidents.find((i) => i.properties.actors.length > 1);
    expect(moscow).toBeDefined();
    const [first, second] = moscow!.properties.actors.map((a) => a.actor);
    expect(isVisibleWithActors(moscow!, new Set([first!]))).toBe(true);
    expect(isVisibleWithActors(moscow!, new Set([first!, second!]))).toBe(false);
  });

  it('hiding every actor hides every incident', () => {
    const everyone = new Set(incidents.flatMap((i) => i.properties.actors.map((a) => a.actor)));
    expect(filterByActors(incidents, everyone)).toEqual([]);
  });

  it('counts incidents per acting party, once per incident', () => {
    const counts = countByActor(incidents);
    for (const actor of ['syrian-government', 'isis', 'opposition', 'united-states', 'russia', 'united-nations']) {
      expect(counts.get(actor)).toBe(actedBy(actor).length);
    }
    expect(counts.get('isis')).toBe(2);
  });
});

describe('incidents whose data names no actor', () => {
  const [template] = builtInIncidents();
  const plain: IncidentFeature = { ...template!, id: 'plain', properties: { ...template!.properties, actors: [] } };

  it('form a layer of their own that can be switched off and counted', () => {
    expect(isVisibleWithActors(plain, new Set(['isis']))).toBe(true);
    expect(isVisibleWithActors(plain, new Set([NO_ACTOR]))).toBe(false);
    const counts = countByActor([plain, template!]);
    expect(counts.get(NO_ACTOR)).toBe(1);
    expect(Object.keys(actorLayerEntries({}, counts))).toContain(NO_ACTOR);
    expect(Object.keys(actorLayerEntries({}, countByActor([template!])))).not.toContain(NO_ACTOR);
  });
});

describe('actors that never act', () => {
  it('are not layers but are named apart, by name; every actor acting in an incident stays a layer, in its order', () => {
    const actors = {
      gov: { name: 'Government of Syria', colour: '#D55E00' },
      civ: { name: 'Civilians', colour: '#999999' },
      reb: { name: 'Syrian insurgents', colour: '#0072B2' },
      bystander: { name: 'Associated press', colour: '#999999' },
    };
    const { layers, neverActing } = splitActorLayers(actors, new Map([['gov', 12], ['reb', 1], ['civ', 0]]));
    expect(layers.map(([id]) => id)).toEqual(['gov', 'reb']);
    expect(neverActing.map((actor) => actor.name)).toEqual(['Associated press', 'Civilians']);
  });

  it('are left out of the layer ids ("None" hides those), which take "No actor named" only when some incident names none', () => {
    const actors = { gov: { name: 'Government of Syria', colour: '#D55E00' }, civ: { name: 'Civilians', colour: '#999999' } };
    expect(actorLayerIds({ actors, actorCounts: { gov: 3, civ: 0 } })).toEqual(['gov']);
    expect(actorLayerIds({ actors, actorCounts: { gov: 3, civ: 0, [NO_ACTOR]: 2 } })).toEqual(['gov', NO_ACTOR]);
  });

  it('are the ids a link may not hide (no layer to hide): the dataset\'s actors that are not layers, never "No actor named"', () => {
    const actors = { gov: { name: 'Government of Syria', colour: '#D55E00' }, civ: { name: 'Civilians', colour: '#999999' } };
    expect(neverActingIds({ actors, actorCounts: { gov: 3, civ: 0, [NO_ACTOR]: 2 } })).toEqual(['civ']);
    expect(neverActingIds({ actors, actorCounts: { gov: 3, civ: 1 } })).toEqual([]);
  });
});
