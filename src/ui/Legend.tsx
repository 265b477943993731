import type { EventTypeDefinition } from '../data/incident-types';
import { ShapeIcon } from './ShapeIcon';

interface Props {
  eventTypes: Record<string, EventTypeDefinition>;
}

/** What the marks on the map mean: shape = event type, colour = actor, dashes = claims and uncertainty. */
export function Legend({ eventTypes }: Props) {
  return (
    <section className="panel legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">Legend</h2>
      <ul className="legend-types">
        {Object.entries(eventTypes).map(([id, type]) => (
          <li key={id}><ShapeIcon shape={type.shape} />{type.label}</li>
        ))}
      </ul>
      <ul>
        <li><ShapeIcon shape="circle" dashed />Only claimed, not reported as fact</li>
        <li>
          <svg viewBox="0 0 24 24" width={18} height={18} aria-hidden="true" focusable="false" className="shape-icon">
            <circle cx="12" cy="12" r="10" fill="#5b6170" fillOpacity="0.1" stroke="#5b6170" strokeWidth="1.5" strokeDasharray="3 2.5" />
          </svg>
          Dashed circle: the place is only roughly known
        </li>
      </ul>
      <p className="hint">Colour shows the actor; a marker with several actors is split into their colours.</p>
    </section>
  );
}
