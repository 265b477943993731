import type { ActorDefinition, IncidentFeature, SourceDefinition } from '../data/incident-types';
import {
  DATE_PRECISION_LABEL, describePlacePrecision, isOnlyClaimed, formatIncidentDate, sourceLabel,
} from '../model/describe-incident';

const CASUALTY_STATUS = { reported: '', claimed: 'a claim, ', alleged: 'alleged, ' } as const;

interface Props {
  incident: IncidentFeature;
  actors: Record<string, ActorDefinition>;
  sources: Record<string, SourceDefinition>;
  eventTypeLabel: string;
}

/** The popup's content: what happened, when, where (and how precisely), to whom, and who says so. */
export function IncidentStory({ incident, actors, sources, eventTypeLabel }: Props) {
  const p = incident.properties;
  const onlyClaimed = isOnlyClaimed(p);
  const nameOfSource = (id: string) => { const s = sources[id]; return s ? sourceLabel(s) : id; };
  return (
    <article className="incident-story" aria-labelledby={`story-title-${incident.id}`}>
      <h2 id={`story-title-${incident.id}`} tabIndex={-1}>{p.title}</h2>
      {onlyClaimed && <p className="badge badge-claimed">Claim — reported only as a claim, not as fact</p>}
      <dl className="facts">
        <dt>When</dt>
        <dd>
          {formatIncidentDate(p.date)}
          {p.date && p.date.precision !== 'day' && <span className="muted"> ({DATE_PRECISION_LABEL[p.date.precision]})</span>}
          {p.date?.note && <details className="note"><summary>How this date was set</summary>{p.date.note}</details>}
        </dd>
        <dt>Where</dt>
        <dd>
          {p.place.name}
          {p.place.nameAr && <> · <span lang="ar" dir="rtl">{p.place.nameAr}</span></>}
          <span className="precision">Located: {describePlacePrecision(p.place)}</span>
          {p.place.note && <details className="note"><summary>How this place was located</summary>{p.place.note}</details>}
        </dd>
        <dt>What</dt>
        <dd>{eventTypeLabel}</dd>
        <dt>Who</dt>
        <dd>
          <ul className="plain">
            {p.actors.length === 0 && <li className="muted">No actor is named in the data</li>}
            {p.actors.map((a) => (
              <li key={`${a.actor}-${a.role}`}>
                <span className="swatch" style={{ background: actors[a.actor]?.colour }} aria-hidden="true" />
                {actors[a.actor]?.name ?? a.actor} <span className="muted">({a.role}{a.as ? `: “${a.as}”` : ''})</span>
              </li>
            ))}
            {p.targets.map((t) => (
              <li key={`target-${t.actor}`}>
                Against: {actors[t.actor]?.name ?? t.actor}{t.what && <span className="muted"> ({t.what})</span>}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Casualties</dt>
        <dd>
          {p.casualties.length === 0 ? 'None reported' : (
            <ul className="plain">
              {p.casualties.map((c, i) => (
                <li key={i}>
                  <strong>{c.text}</strong> — {CASUALTY_STATUS[c.status]}according to {nameOfSource(c.source)}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {p.story.trim() !== '' && (
        <>
          <h3>Story</h3>
          {p.story.split(/\n{2,}/).map((paragraph, i) => <p key={i} className="story-text">{paragraph}</p>)}
        </>
      )}
      <h3 className="sources-heading">Sources</h3>
      {p.sources.length === 0 && <p className="muted">No source is named in the data.</p>}
      <ul className="sources">
        {p.sources.map((citation, i) => (
          <li key={i}>
            <span className="source-name">{sources[citation.source]?.name ?? citation.source}</span>
            {sources[citation.source]?.characterisation && <span className="characterisation"> · {sources[citation.source]?.characterisation}</span>}
            <span className={`status status-${citation.status}`}> · {citation.status}</span>
            {citation.says && <blockquote>{citation.says}</blockquote>}
            {citation.url && <a href={citation.url} target="_blank" rel="noopener noreferrer">Read the source</a>}
          </li>
        ))}
      </ul>
      {p.extra && Object.keys(p.extra).length > 0 && (
        <>
          <h3>Other fields</h3>
          <dl className="facts extra">
            {Object.entries(p.extra).map(([key, value]) => (
              <div key={key} className="extra-row"><dt>{key}</dt><dd>{value}</dd></div>
            ))}
          </dl>
        </>
      )}
    </article>
  );
}
