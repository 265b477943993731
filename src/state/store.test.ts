import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../model/dataset-summary';
import type { DatasetService } from '../worker/dataset-client';
import { useAppStore } from './store';

describe('the store\'s actor switches', () => {
  it('"None" hides every layer and nothing else, so checking each layer again shows everything', () => {
    const summary = {
      actors: { gov: { name: 'Government of Syria', colour: '#D55E00' }, reb: { name: 'Syrian insurgents', colour: '#0072B2' }, civ: { name: 'Civilians', colour: '#999999' } },
      actorCounts: { gov: 5, reb: 2, civ: 0 },
    } as unknown as DatasetSummary;
    useAppStore.setState({ load: { status: 'ready', fileName: 'x.csv', summary, service: {} as DatasetService, link: null, local: false } });
    const { hideAllActors, setActorVisible } = useAppStore.getState();
    hideAllActors();
    expect(useAppStore.getState().filter.hiddenActors).toEqual(['gov', 'reb']);
    setActorVisible('gov', true);
    setActorVisible('reb', true);
    expect(useAppStore.getState().filter.hiddenActors).toEqual([]);
  });
});
