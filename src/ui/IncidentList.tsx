import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ActorDefinition } from '../data/incident-types';
import { formatIncidentDate } from '../model/describe-incident';
import { NO_ACTOR_DEFINITION } from '../model/actor-layers';
import type { ListSort } from '../model/view-state';
import type { ListRow } from '../worker/dataset-protocol';
import { formatCount } from '../model/format-count';
import { useFixedRows } from './use-fixed-rows';

interface Props {
  /** Fetches a window of the list from the dataset's worker. */
  fetchRows(sort: ListSort, offset: number, limit: number): Promise<{ rows: ListRow[]; total: number }>;
  /** Where an incident is in the list (-1: not shown). */
  positionOf(sort: ListSort, id: string): Promise<number>;
  /** Changes whenever the filtered set does: the list is fetched again. */
  listKey: string;
  total: number;
  sort: ListSort;
  onSort(sort: ListSort): void;
  actors: Record<string, ActorDefinition>;
  selectedId: string | null;
  /** Select a row: `focus` 'none' while stepping with the arrows, 'sources' on Enter. */
  onSelect(id: string, focus: 'story' | 'sources' | 'none'): void;
}

const ROW_PX = 58;
/** Browsers cap an element's height (Firefox ~17.9M px): past this many rows the list would not scroll. */
const MAX_ROWS = 250_000;
const SETTLE_MS = 150;
const PAGE = 100;
const SORTS: Array<[ListSort, string]> = [['newest', 'Newest first'], ['oldest', 'Oldest first'], ['casualties', 'Most casualties']];

/**
 * The incidents that match, as a list that moves with the map: only the rows in sight are in the
 * DOM (virtualised) and only their pages are fetched from the worker, so tens of thousands of rows
 * stay fast. Arrow keys move the selection (the popup opens and the map follows); Enter reads the
 * sources; selecting a marker scrolls its row into view.
 */
export function IncidentList({ fetchRows, positionOf, listKey: latestKey, total: latestTotal, sort, onSort, actors, selectedId, onSelect }: Props) {
  // During a timeline scrub or playback the set changes many times a second: the map follows each
  // step, the list only once it settles, so its requests don't queue in front of the map's.
  const { listKey, total } = useSettled({ listKey: latestKey, total: latestTotal }, SETTLE_MS);
  const [pages, setPages] = useState<{ key: string; rows: Map<number, ListRow[]> }>({ key: '', rows: new Map() });
  const requested = useRef(new Set<string>());
  // The row the arrow keys move from: the selected incident's (none while nothing is selected).
  const [activeIndex, setActive] = useState(-1);
  const active = selectedId ? activeIndex : -1;
  const cacheKey = `${listKey}|${sort}`;
  const rows = pages.key === cacheKey ? pages.rows : null;

  const { ref: scroller, element: scrollerElement, items, totalPx, scrollToIndex } = useFixedRows(Math.min(total, MAX_ROWS), ROW_PX, 6);
  const rowAt = (index: number): ListRow | undefined => rows?.get(Math.floor(index / PAGE))?.[index % PAGE];

  const loadPage = useCallback((page: number) => {
    const tag = `${cacheKey}#${page}`;
    if (requested.current.has(tag)) return;
    requested.current.add(tag);
    void fetchRows(sort, page * PAGE, PAGE).then(({ rows: fetched }) => {
      setPages((current) => {
        const base = current.key === cacheKey ? current.rows : new Map<number, ListRow[]>();
        const next = new Map(base);
        next.set(page, fetched);
        return { key: cacheKey, rows: next };
      });
    });
  }, [cacheKey, fetchRows, sort]);

  const firstIndex = items[0]?.index ?? 0, lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(function fetchPagesInSight() {
    if (lastIndex < 0) return;
    for (let page = Math.floor(firstIndex / PAGE); page <= Math.floor(lastIndex / PAGE); page++) loadPage(page);
  }, [firstIndex, lastIndex, loadPage]);
  useEffect(function forgetOldRequests() { requested.current = new Set(); }, [cacheKey]);

  useEffect(function followSelection() {
    // A marker (or a link) selected an incident: find its row and bring it into sight.
    if (!selectedId) return;
    let current = true;
    void positionOf(sort, selectedId).then((position) => {
      if (!current) return;
      setActive(position);
      if (position >= 0) scrollToIndex(position);
    });
    return () => { current = false; };
  }, [selectedId, positionOf, sort, cacheKey, scrollToIndex]);

  const moveTo = async (index: number, focus: 'none' | 'sources') => {
    if (total === 0) return;
    const target = Math.max(0, Math.min(Math.min(total, MAX_ROWS) - 1, index));
    let row = rowAt(target);
    if (!row) row = (await fetchRows(sort, target, 1)).rows[0];
    if (!row) return;
    setActive(target);
    scrollToIndex(target);
    onSelect(row.id, focus);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const pageRows = Math.max(1, Math.floor((scrollerElement?.clientHeight ?? ROW_PX * 5) / ROW_PX) - 1);
    const last = Math.min(total, MAX_ROWS) - 1;
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + pageRows, PageUp: active - pageRows, Home: 0, End: last };
    if (event.key in moves) {
      event.preventDefault();
      void moveTo(active < 0 && event.key !== 'End' ? 0 : moves[event.key]!, 'none');
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void moveTo(Math.max(0, active), 'sources');
    }
  };

  const activeRow = active >= 0 ? rowAt(active) : undefined;
  return (
    <section className="panel incident-list" aria-labelledby="list-heading">
      <div className="panel-heading-row">
        <h2 id="list-heading">Incidents</h2>
        <label className="sort">
          <span className="visually-hidden">Sort the list</span>
          <select value={sort} onChange={(e) => onSort(e.target.value as ListSort)}>
            {SORTS.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
          </select>
        </label>
      </div>
      {total > MAX_ROWS && <p className="hint">The list holds the first {formatCount(MAX_ROWS)} of {formatCount(total)}; narrow the filters to list the rest.</p>}
      {total === 0 ? (
        <p className="hint">No incident matches. Widen the time range or clear a filter.</p>
      ) : (
        <div
          ref={scroller}
          className="list-scroller"
          role="listbox"
          tabIndex={0}
          aria-label={`${formatCount(total)} incidents. Arrow keys move through them; Enter reads the sources.`}
          {...(activeRow ? { 'aria-activedescendant': rowDomId(activeRow.id) } : {})}
          onKeyDown={onKeyDown}
        >
          <div style={{ height: totalPx, position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <div
                  key={item.index}
                  className={`list-row${row && row.id === selectedId ? ' is-selected' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_PX }}
                  role="option"
                  aria-selected={row !== undefined && row.id === selectedId}
                  aria-posinset={item.index + 1}
                  aria-setsize={total}
                  {...(row ? { id: rowDomId(row.id) } : {})}
                  onClick={() => { if (row) { setActive(item.index); onSelect(row.id, 'story'); } }}
                >
                  {row ? <RowContent row={row} actors={actors} /> : <span className="muted">Loading…</span>}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}

/** `value`, once it has stopped changing for `ms` (the first value at once). */
function useSettled<T extends object>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(function settleAfterAPause() {
    const timer = setTimeout(() => setSettled(JSON.parse(key) as T), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled;
}

function RowContent({ row, actors }: { row: ListRow; actors: Record<string, ActorDefinition> }) {
  const colours = (row.actorIds.length ? row.actorIds : ['']).slice(0, 3).map((id) => (actors[id] ?? NO_ACTOR_DEFINITION).colour);
  return (
    <>
      <span className="row-swatches" aria-hidden="true">{colours.map((colour, i) => <span key={i} className="swatch" style={{ background: colour }} />)}</span>
      <span className="row-text">
        <span className="row-title">{row.title}{row.claimed && <span className="row-claimed"> (claimed)</span>}</span>
        <span className="row-meta">
          {formatIncidentDate(row.date)} · {row.placeName}
          {row.casualties !== undefined && ` · ${row.casualties}`}
        </span>
      </span>
    </>
  );
}

/** DOM ids from incident ids, which may hold any character. */
function rowDomId(id: string): string {
  return `list-row-${Array.from(id, (c) => (/[A-Za-z0-9-]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}_`)).join('')}`;
}
