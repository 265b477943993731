import { useMemo } from 'react';
import type { ActorDefinition } from '../data/incident-types';
import { splitActorLayers } from '../model/actor-layers';
import { formatCount } from '../model/format-count';

interface Props {
  actors: Record<string, ActorDefinition>;
  /** Incidents per actor among the incidents the filters leave. */
  counts: ReadonlyMap<string, number>;
  /** Incidents per actor among all loaded incidents: an actor acting in none is not a layer. */
  totals: ReadonlyMap<string, number>;
  hidden: ReadonlySet<string>;
  onToggle(actorId: string, visible: boolean): void;
  onShowAll(): void;
  onHideAll(): void;
}

/**
 * The actor layers: one labelled checkbox per actor, with its colour and incident count. Actors the
 * data names but never as acting (only as targets) are listed after them, without a checkbox.
 */
export function ActorLayersPanel({ actors, counts, totals, hidden, onToggle, onShowAll, onHideAll }: Props) {
  const { layers: entries, neverActing } = useMemo(() => splitActorLayers(actors, totals), [actors, totals]);
  return (
    <section className="panel actor-layers" aria-labelledby="actor-layers-heading">
      <div className="panel-heading-row">
        <h2 id="actor-layers-heading">Actors</h2>
        <div className="shortcut-buttons">
          <button type="button" onClick={onShowAll} disabled={hidden.size === 0} aria-label="Show all actors">All</button>
          <button type="button" onClick={onHideAll} disabled={entries.every(([id]) => hidden.has(id))} aria-label="Hide all actors">None</button>
        </div>
      </div>
      <ul className="actor-list">
        {entries.map(([id, actor]) => {
          const count = counts.get(id) ?? 0;
          const written = formatCount(count);
          return (
            <li key={id}>
              <label>
                <input type="checkbox" checked={!hidden.has(id)} onChange={(e) => onToggle(id, e.target.checked)} />
                <span className="swatch" style={{ background: actor.colour }} aria-hidden="true" />
                <span className="actor-name">{actor.name}</span>
                <span className="count" aria-label={`${written} ${count === 1 ? 'incident' : 'incidents'}`}>{written}</span>
              </label>
            </li>
          );
        })}
      </ul>
      {neverActing.length > 0 && (
        <p className="hint never-acting">
          Named in the data but never as acting, so not a layer: {neverActing.map((actor) => actor.name).join(', ')}.
        </p>
      )}
      <p className="hint">
        Layers are by who acted (carried out, claimed, took part, spoke). An incident with several such actors stays
        visible while any of them is checked.
      </p>
    </section>
  );
}
