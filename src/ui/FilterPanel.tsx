import { useEffect, useState } from 'react';
import type { EventTypeDefinition, SourceDefinition } from '../data/incident-types';
import { narrowsBeyondActors, toggleKept, type IncidentFilter } from '../model/incident-filter';
import { ShapeIcon } from './ShapeIcon';
import { formatCount } from '../model/format-count';

interface Props {
  filter: IncidentFilter;
  eventTypes: Record<string, EventTypeDefinition>;
  sources: Record<string, SourceDefinition>;
  shown: number;
  total: number;
  /** True while the worker hasn't answered the latest filter yet. */
  pending: boolean;
  onChange(patch: Partial<IncidentFilter>): void;
  /** The search box got focus: the search can get ready while the reader types. */
  onSearchFocus?(): void;
  /** Listens for how much of the search text is ready (0…1) while the worker folds it; returns the way to stop. */
  subscribeSearchProgress?(listener: (fraction: number) => void): () => void;
  onClearAll(): void;
}

/** Typing settles for this long before the search runs (a million haystacks a keystroke is wasteful). */
const SEARCH_DELAY_MS = 200;

/**
 * Search and filters: what happened (event type), according to whom (source, single-source only),
 * how precisely placed; the count of what is left, and one button to clear everything.
 */
export function FilterPanel({ filter, eventTypes, sources, shown, total, pending, onChange, onClearAll, onSearchFocus, subscribeSearchProgress }: Props) {
  const [query, setQuery] = useState(filter.query);
  // How much of the search text is ready: a first search waits for all of it (seconds, at a million).
  const [prepared, setPrepared] = useState(1);
  useEffect(() => subscribeSearchProgress?.(setPrepared), [subscribeSearchProgress]);
  // The link or Back can change the query from outside: show it (adjusted while rendering, as React advises).
  const [outsideQuery, setOutsideQuery] = useState(filter.query);
  if (outsideQuery !== filter.query) {
    setOutsideQuery(filter.query);
    setQuery(filter.query);
  }
  useEffect(function runSearchWhenTypingSettles() {
    if (query === filter.query) return;
    const timer = setTimeout(() => onChange({ query }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, filter.query, onChange]);

  const typeIds = Object.keys(eventTypes);
  // Opened or closed by the reader only (seeded from the filter): driven by the filter, a group snapped shut when a choice emptied it.
  const [typesOpen, setTypesOpen] = useState(() => filter.eventTypes !== null || typeIds.length <= 8);
  const [sourcesOpen, setSourcesOpen] = useState(() => filter.sources !== null || filter.singleSource);
  const sourceIds = Object.keys(sources).sort((a, b) => sources[a]!.name.localeCompare(sources[b]!.name));
  const narrowed = filter.hiddenActors.length > 0 || narrowsBeyondActors(filter) || query !== '';
  const searching = pending && filter.query.trim() !== '';
  // Said to screen readers while a first search waits for its text (seconds, at a million), at each
  // quarter rather than each percent; not for a filter change while a search is set, which is
  // answered at once (a timeline scrub would say it at every step). The map's count says the result.
  const searchNews = searching && prepared < 1 ? `Searching: ${25 * Math.floor(prepared * 4)}% of the text prepared` : '';

  return (
    <section className="panel filters" aria-labelledby="filters-heading">
      <div className="panel-heading-row">
        <h2 id="filters-heading">Find incidents</h2>
        <button type="button" className="clear-all" onClick={() => { setQuery(''); onClearAll(); }} disabled={!narrowed}>Clear all</button>
      </div>
      <label className="search">
        <span className="visually-hidden">Search title, story, place and source</span>
        <input
          type="search"
          value={query}
          placeholder="Search: place, story, source…"
          onChange={(e) => setQuery(e.target.value)}
          onFocus={onSearchFocus}
          onKeyDown={(e) => { if (e.key === 'Enter') onChange({ query }); }}
        />
      </label>
      <p className="match-count" aria-busy={pending}>
        <strong>{formatCount(shown)}</strong> of {formatCount(total)} incidents
        {searching && <span className="searching" aria-hidden="true"> · searching…{prepared < 1 && ` ${Math.floor(prepared * 100)}%`}</span>}
      </p>
      <p className="visually-hidden" role="status">{searchNews}</p>
      <details className="filter-group" open={typesOpen} onToggle={(e) => setTypesOpen(e.currentTarget.open)}>
        <summary>Event type{filter.eventTypes !== null && ` (${filter.eventTypes.length} of ${typeIds.length})`}</summary>
        <ul className="plain check-list">
          {typeIds.map((id) => (
            <li key={id}>
              <label>
                <input type="checkbox" checked={filter.eventTypes === null || filter.eventTypes.includes(id)} onChange={(e) => onChange({ eventTypes: toggleKept(filter.eventTypes, typeIds, id, e.target.checked) })} />
                <ShapeIcon shape={eventTypes[id]!.shape} />
                {eventTypes[id]!.label}
              </label>
            </li>
          ))}
        </ul>
      </details>
      <details className="filter-group" open={sourcesOpen} onToggle={(e) => setSourcesOpen(e.currentTarget.open)}>
        <summary>According to{filter.sources !== null && ` (${filter.sources.length} of ${sourceIds.length})`}</summary>
        <ul className="plain check-list">
          {sourceIds.map((id) => (
            <li key={id}>
              <label>
                <input type="checkbox" checked={filter.sources === null || filter.sources.includes(id)} onChange={(e) => onChange({ sources: toggleKept(filter.sources, sourceIds, id, e.target.checked) })} />
                <span>{sources[id]!.name}{sources[id]!.characterisation && <span className="characterisation"> ({sources[id]!.characterisation})</span>}</span>
              </label>
            </li>
          ))}
        </ul>
        <label className="check">
          <input type="checkbox" checked={filter.singleSource} onChange={(e) => onChange({ singleSource: e.target.checked })} />
          Only incidents reported by a single source
        </label>
      </details>
      <label className="check">
        <input type="checkbox" checked={filter.preciseOnly} onChange={(e) => onChange({ preciseOnly: e.target.checked })} />
        Precise locations only (site, village or district)
      </label>
    </section>
  );
}
