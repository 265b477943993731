import type { IncidentBrief } from '../model/dataset-summary';
import { formatIncidentDate } from '../model/describe-incident';
import { formatCount } from '../model/format-count';

interface Props {
  briefs: readonly IncidentBrief[];
  total: number;
  onSelect(id: string): void;
}

/** Incidents coded to exactly one point (a town's centroid), as a list to pick from: they never split by zooming. */
export function StackList({ briefs, total, onSelect }: Props) {
  return (
    <section className="stack-list" aria-label={`${total} incidents at this point`}>
      <h2>{formatCount(total)} incidents at this point</h2>
      <p className="hint">They are coded to the same coordinates{briefs[0] ? ` (${briefs[0].placeName})` : ''}, so zooming in won’t separate them.</p>
      <ul className="plain">
        {briefs.map((brief) => (
          <li key={brief.id}>
            <button type="button" className="link-button" onClick={() => onSelect(brief.id)}>{brief.title}</button>
            <span className="muted"> {formatIncidentDate(brief.date)}</span>
          </li>
        ))}
      </ul>
      {total > briefs.length && <p className="hint">The first {briefs.length} are listed.</p>}
    </section>
  );
}
