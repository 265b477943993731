import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Marker, useMap, useMapEvents } from 'react-leaflet';
import type { LeafletKeyboardEvent, Marker as LeafletMarker } from 'leaflet';
import type { ActorDefinition, EventTypeDefinition } from '../data/incident-types';
import { NO_ACTOR_DEFINITION } from '../model/actor-layers';
import type { ViewMarker, ViewQuery } from '../worker/dataset-protocol';
import { viewQuery } from './opening-view';
import { ClusterGlyph, clusterIcon, clusterSize, type Share } from './cluster-icon';
import { incidentIcon } from './incident-icon';
import { formatCount } from '../model/format-count';


interface Props {
  /**
   * Whether the map is in the dataset's view (OpenInView sets it just before the move). Before, a
   * filter's answer is not drawn nor asked for: it would be for the view the map leaves. The
   * opening move itself asks for its view (its moveend).
   */
  viewOpened: { readonly current: boolean };
  /** Asks the dataset's worker what to draw for a view. */
  queryView(view: ViewQuery): Promise<{ markers: ViewMarker[] }>;
  /** Changes whenever the filters do, so the view is asked for again. */
  filterKey: string;
  /** The clusters that came with the filter's answer, for the view they name: used instead of asking when the map is still there. */
  prefetched: { view: ViewQuery; markers: ViewMarker[] } | undefined;
  actors: Record<string, ActorDefinition>;
  eventTypes: Record<string, EventTypeDefinition>;
  selectedId: string | null;
  onSelect(id: string): void;
  /** A stack of incidents at one point was opened: list them. */
  onOpenStack(view: ViewQuery, lng: number, lat: number, count: number): void;
}

/**
 * Big datasets as clusters: only what the worker computed for the current view reaches Leaflet —
 * a few hundred focusable markers at most, whatever the dataset's size. Marks `cm:first-view` and
 * `cm:view-updated` (User Timing) for the benchmark.
 */
export function ClusterLayer({ viewOpened, queryView, filterKey, prefetched, actors, eventTypes, selectedId, onSelect, onOpenStack }: Props) {
  const map = useMap();
  const [markers, setMarkers] = useState<ViewMarker[]>([]);
  const [view, setView] = useState<ViewQuery | null>(null);
  const sequence = useRef(0);
  const drawnSequence = useRef(0);
  const drawn = useRef(false);

  const currentQuery = useCallback((): ViewQuery => viewQuery(map.getBounds(), map.getZoom()), [map]);
  const refresh = useCallback(() => {
    const query = currentQuery();
    const id = ++sequence.current;
    void queryView(query).then((result) => {
      // Draw every answer newer than the one drawn. Waiting for the newest only would starve the
      // map while the view keeps changing (a timeline scrub asks again before each answer is back).
      if (id <= drawnSequence.current) return;
      drawnSequence.current = id;
      // At once, ahead of any render React has under way (the panels joining, a list page): the
      // map's answer is what the reader is waiting for.
      flushSync(() => {
        setView(query);
        setMarkers(result.markers);
      });
    });
  }, [currentQuery, queryView]);

  // Not before the move into the dataset's view: the map's size changing as the view mounts is a
  // move too, and would ask for the view the map is leaving.
  useMapEvents({ moveend: () => { if (viewOpened.current) refresh(); } });
  const latestPrefetched = useRef(prefetched);
  // A layout effect, before the one below: a passive one would run after it, leaving it the answer before.
  useLayoutEffect(function keepLatestPrefetched() { latestPrefetched.current = prefetched; }, [prefetched]);
  // In the commit that brought the filter's answer (a layout effect): its clusters are drawn in the
  // same task, not in another render after the browser has painted the panels.
  useLayoutEffect(function drawOrQueryOnFilterChange() {
    if (!viewOpened.current) return;
    const answered = latestPrefetched.current;
    // Asked for without a view: none had been asked for then, and the map's first ask, sent after
    // the filter, shows it (the worker answers in order; a search it parks until its text is ready
    // comes back with the clusters of the last view asked). Asking again would draw it twice.
    if (!answered) return;
    const query = currentQuery();
    if (sameQuery(answered.view, query)) {
      drawnSequence.current = ++sequence.current;
      setView(answered.view);
      setMarkers(answered.markers);
    } else refresh();
  }, [refresh, currentQuery, filterKey, viewOpened]);
  useEffect(function markDrawn() {
    if (!view) return;
    if (!drawn.current) performance.mark('cm:first-view');
    drawn.current = true;
    performance.mark('cm:view-updated');
  }, [view, markers]);

  const colourOf = useCallback((id: string) => (actors[id] ?? NO_ACTOR_DEFINITION).colour, [actors]);
  const open = useCallback((marker: ViewMarker) => {
    if (marker.single) return onSelect(marker.single.id);
    if (marker.stack) return view && onOpenStack(view, marker.lng, marker.lat, marker.count);
    const [west, south, east, north] = marker.bbox;
    map.fitBounds([[south, west], [north, east]], { padding: [40, 40], maxZoom: Math.max(map.getZoom() + 2, 12) });
  }, [map, onSelect, onOpenStack, view]);

  return markers.map((marker) => (
    <MemoViewMarkerItem
      key={marker.single ? marker.single.id : marker.key}
      marker={marker}
      selected={marker.single?.id === selectedId}
      colourOf={colourOf}
      actors={actors}
      eventTypes={eventTypes}
      onOpen={open}
    />
  ));
}

function sameQuery(a: ViewQuery, b: ViewQuery): boolean {
  return a.west === b.west && a.south === b.south && a.east === b.east && a.north === b.north && a.zoom === b.zoom && a.cellPx === b.cellPx;
}

interface ItemProps {
  marker: ViewMarker;
  selected: boolean;
  colourOf(id: string): string;
  actors: Record<string, ActorDefinition>;
  eventTypes: Record<string, EventTypeDefinition>;
  onOpen(marker: ViewMarker): void;
}

/**
 * A pan answers with new marker objects, most of them equal to the ones drawn: those skip
 * rendering altogether (their label, their effects, react-leaflet's prop checks).
 */
const MemoViewMarkerItem = memo(ViewMarkerItem, sameItem);

function sameItem(a: ItemProps, b: ItemProps): boolean {
  if (a.selected !== b.selected || a.colourOf !== b.colourOf || a.actors !== b.actors || a.eventTypes !== b.eventTypes || a.onOpen !== b.onOpen) return false;
  return sameMarker(a.marker, b.marker);
}

/** Everything a marker shows or acts on is the same. */
function sameMarker(m: ViewMarker, n: ViewMarker): boolean {
  if (m === n) return true;
  if (m.key !== n.key || m.lng !== n.lng || m.lat !== n.lat || m.count !== n.count || m.other !== n.other || m.stack !== n.stack) return false;
  if (m.bbox.some((v, k) => v !== n.bbox[k]) || m.actors.length !== n.actors.length) return false;
  if (m.actors.some(([id, count], k) => id !== n.actors[k]![0] || count !== n.actors[k]![1])) return false;
  const s = m.single, t = n.single;
  if (!s || !t) return s === t;
  return s.id === t.id && s.title === t.title && s.eventType === t.eventType && s.claimed === t.claimed && s.actorIds.join('\n') === t.actorIds.join('\n');
}

function ViewMarkerItem({ marker, selected, colourOf, actors, eventTypes, onOpen }: ItemProps) {
  const { single } = marker;
  // A pan returns equal markers as new objects: rebuild an incident's icon (a DOM swap) only when
  // what it shows changed. A cluster keeps its icon while its size does, and is drawn again in place.
  const look = single
    ? `${single.id}|${single.actorIds.join(',')}|${single.eventType}|${single.claimed}|${selected}`
    : `${marker.count}|${marker.stack}|${marker.other}|${marker.actors.map(([id, n]) => `${id}:${n}`).join(',')}`;
  const latest = useRef(marker);
  useEffect(function keepLatestMarker() { latest.current = marker; }, [marker]);
  const size = single ? 0 : clusterSize(marker.count);
  const glyph = useMemo(() => (size ? new ClusterGlyph(size, marker.stack) : null), [size, marker.stack]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `look` is the icon's content; the marker object changes on every answer.
  const icon = useMemo(() => (glyph ? clusterIcon(glyph) : singleIcon(marker, selected, colourOf, eventTypes)), [glyph, glyph ? '' : look, selected, colourOf, eventTypes]);
  useLayoutEffect(function drawCluster() {
    glyph?.draw(marker.count, sharesOf(marker, colourOf));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `look` is what is drawn; the marker object changes on every answer.
  }, [glyph, look, colourOf]);
  const position = useMemo((): [number, number] => [marker.lat, marker.lng], [marker.lat, marker.lng]);
  const label = single
    ? `${single.title}. ${eventTypes[single.eventType]?.label ?? single.eventType}${single.claimed ? ', claimed' : ''}.`
    : `${marker.stack ? 'Stack' : 'Cluster'} of ${formatCount(marker.count)} incidents${marker.stack ? ' at one point' : ''}: `
      + `${marker.actors.map(([id, n]) => `${(actors[id] ?? NO_ACTOR_DEFINITION).name} ${formatCount(n)}`).join(', ')}`
      + `${marker.other ? `, others ${formatCount(marker.other)}` : ''}. ${marker.stack ? 'Enter lists them.' : 'Enter zooms in.'}`;
  const eventHandlers = useMemo(() => ({
    click: () => onOpen(latest.current),
    keypress: (event: LeafletKeyboardEvent) => {
      if (event.originalEvent.key === 'Enter' || event.originalEvent.key === ' ') {
        event.originalEvent.preventDefault();
        onOpen(latest.current);
      }
    },
  }), [onOpen]);
  const ref = useRef<LeafletMarker>(null);
  useEffect(function nameMarkerElement() {
    const element = ref.current?.getElement();
    if (!element) return;
    element.setAttribute('aria-label', label);
    if (single) element.dataset.incidentId = single.id;
    else element.dataset.clusterCount = String(marker.count);
  }, [label, single, marker.count, icon]);
  return <Marker ref={ref} position={position} icon={icon} keyboard title={single?.title ?? ''} zIndexOffset={selected ? 1000 : single ? 0 : 500} eventHandlers={eventHandlers} />;
}

function singleIcon(marker: ViewMarker, selected: boolean, colourOf: (id: string) => string, eventTypes: Record<string, EventTypeDefinition>) {
  const single = marker.single!;
  return incidentIcon({
    id: single.id,
    colours: single.actorIds.length ? single.actorIds.map(colourOf) : [colourOf('')],
    shape: eventTypes[single.eventType]?.shape ?? 'circle',
    claimed: single.claimed,
    selected,
  });
}

function sharesOf(marker: ViewMarker, colourOf: (id: string) => string): Share[] {
  return [...marker.actors.map(([id, count]) => ({ colour: colourOf(id), count })), ...(marker.other ? [{ colour: '#bbbbbb', count: marker.other }] : [])];
}
