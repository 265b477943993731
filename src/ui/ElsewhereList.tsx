import type { IncidentBrief } from '../model/dataset-summary';

interface Props {
  /** Incidents outside the first view (diplomacy abroad), so none is out of sight unknowingly. */
  incidents: readonly IncidentBrief[];
  onSelect(id: string): void;
  onResetView(): void;
}

/** "2 more outside this view: Moscow · Geneva" — each a button that goes there and opens it. */
export function ElsewhereList({ incidents, onSelect, onResetView }: Props) {
  return (
    <nav className="elsewhere" aria-label="Incidents outside the first view">
      <span>{incidents.length} outside this view:</span>
      {incidents.map((incident) => (
        <button
          key={incident.id}
          type="button"
          className="link-button"
          onClick={() => onSelect(incident.id)}
          title={incident.title}
          aria-label={`Go to ${incident.placeName}: ${incident.title}`}
        >
          {incident.placeName}
        </button>
      ))}
      <button type="button" className="link-button" onClick={onResetView}>Back to the conflict area</button>
    </nav>
  );
}
