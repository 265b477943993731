import { flushSync } from 'react-dom';
import { Suspense, startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentFeature } from '../data/incident-types';
import { citationLine } from '../data/export/citation';
import { errorMessage } from '../data/error-message';
import { actorLayerEntries, filterByActors } from '../model/actor-layers';
import type { DatasetSummary, IncidentBrief } from '../model/dataset-summary';
import { sameFilter, type IncidentFilter, type TimeRange } from '../model/incident-filter';
import { ConflictMap, type IncidentDisplay } from '../map/ConflictMap';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store';
import { currentViewUrl } from '../state/url-sync';
import { ActorLayersPanel } from '../ui/ActorLayersPanel';
import { downloadBlob, downloadText } from '../ui/download';
import type { ExportState } from '../ui/ExportPanel';
import { ElsewhereList } from '../ui/ElsewhereList';
import { IncidentStory } from '../ui/IncidentStory';
import { Legend } from '../ui/Legend';
import { LinkNotices } from '../ui/LinkNotices';
import { RejectionNotice } from '../ui/RejectionNotice';
import { SheetTabs } from '../ui/SheetTabs';
import { StackList } from '../ui/StackList';
import { TimelineFrame } from '../ui/TimelineFrame';
import { UndatedRange } from '../ui/UndatedRange';
import { useMediaQuery } from '../ui/use-media-query';
import type { AppliedFilter, DatasetService } from '../worker/dataset-client';
import type { FilterOutcome, TimelineCounts, ViewQuery } from '../worker/dataset-protocol';
import { AboutDataset, ExportPanel, FilterPanel, IncidentList, Timeline } from './lazy-panels';
import { startImport } from './start-import';
import { MapSlot, useMapHost } from './map-host';
import { formatCount } from '../model/format-count';
import { PHONE_LAYOUT_QUERY } from '../model/screen-layout';

// The page's map comes with this chunk (App makes it while the first dataset is read).
export { MapShell } from '../map/MapShell';
export { openingQuery } from './ask-ahead';

interface Props {
  summary: DatasetSummary;
  service: DatasetService;
  fileName: string;
  /** The built-in dataset needs no "everything loaded" summary; a file the reader opened does. */
  builtIn: boolean;
  /** Opened from the reader's computer: no link can fetch it. */
  localFile: boolean;
}

type SheetTab = 'list' | 'filters' | 'layers';

const COUNTING_DATES = 'Time: counting the incidents by date…';

/** A loaded dataset: the map, the timeline and the panels, wired to the store and the dataset's worker. */
export function DatasetView({ summary, service, fileName, builtIn, localFile }: Props) {
  // Only what this view shows: import progress and other store changes must not re-render the map.
  const { filter, selectedId, resetViewCount, aboutOpen, sort, playing, storyFocus, linkNotices, fileNotice, mapViewRequest } = useAppStore(useShallow((s) => ({
    filter: s.filter, selectedId: s.selectedId, resetViewCount: s.resetViewCount, aboutOpen: s.aboutOpen,
    sort: s.sort, playing: s.playing, storyFocus: s.storyFocus, linkNotices: s.linkNotices, fileNotice: s.fileNotice, mapViewRequest: s.mapViewRequest,
  })));
  const { setActorVisible, showAllActors, hideAllActors, select, resetView, setAboutOpen, setFilter, clearFilters, setSort, setPlaying, setMapView } = useAppStore.getState();
  // The page's map, made while the dataset was read (null for the moment it takes to make it).
  const { map } = useMapHost();
  // Not subscribed: the map reports every pan into the store, and re-rendering the panels for each would slow panning.
  // It is read when this dataset's view opens (OpenInView) and when a link or Back asks to move it (mapViewRequest).
  const mapView = useAppStore.getState().mapView;
  const hiddenActors = useMemo(() => new Set(filter.hiddenActors), [filter.hiddenActors]);
  const phone = useMediaQuery(PHONE_LAYOUT_QUERY);

  const [timelineSpan, setTimelineSpan] = useState<TimeRange | null>(null);
  const { outcome, appliedKey, histogram, pending, mapOutcome, mapKey, barsDue } = useFilterInWorker(service, filter, timelineSpan);
  const visibleCount = outcome?.visible ?? summary.incidentCount;

  // Small datasets are drawn marker by marker from the page's copy; the worker says which are shown.
  const visibleHere = useMemo(() => {
    if (!summary.incidents) return undefined;
    if (!mapOutcome?.shownIds) return filterByActors(summary.incidents, hiddenActors);
    const shown = new Set(mapOutcome.shownIds);
    return summary.incidents.filter((incident) => shown.has(incident.id));
  }, [summary, mapOutcome, hiddenActors]);

  const selected = useSelectedIncident(summary, service, selectedId, visibleHere, appliedKey);
  const [stack, setStack] = useState<{ lng: number; lat: number; briefs: IncidentBrief[]; total: number } | null>(null);
  const openStack = useCallback((view: ViewQuery, lng: number, lat: number) => {
    void service.stack(view, lng, lat).then(({ briefs, total }) => setStack({ lng, lat, briefs, total }));
  }, [service]);
  const queryView = useCallback((view: ViewQuery) => service.view(view), [service]);
  const workerError = useAppStore((s) => s.workerError);
  useEffect(function sayWhatTheWorkerCouldNotAnswer() {
    return service.onFailure((message) => useAppStore.getState().setWorkerError(message));
  }, [service]);
  const selectIncident = useCallback((id: string) => { setStack(null); select(id); }, [select]);

  // Stable objects, so the map (memoised) re-renders only when what it draws changes — not on every store change.
  const display = useMemo((): IncidentDisplay => (visibleHere
    ? { kind: 'markers', incidents: visibleHere }
    : { kind: 'clusters', queryView, filterKey: mapKey, prefetched: mapOutcome?.markers, onOpenStack: openStack }), [visibleHere, queryView, mapKey, mapOutcome, openStack]);
  const stackPopup = useMemo(() => stack && {
    lng: stack.lng, lat: stack.lat, onClose: () => setStack(null),
    content: <StackList briefs={stack.briefs} total={stack.total} onSelect={selectIncident} />,
  }, [stack, selectIncident]);

  const counts = useMemo(() => new Map(Object.entries(outcome?.actorCounts ?? summary.actorCounts)), [summary, outcome]);
  const totals = useMemo(() => new Map(Object.entries(summary.actorCounts)), [summary]);
  const layerEntries = useMemo(() => actorLayerEntries(summary.actors, totals), [summary, totals]);
  const onPopupClosed = useCallback((id: string) => {
    if (useAppStore.getState().selectedId === id) select(null);
  }, [select]);
  const renderStory = useCallback((incident: IncidentFeature) => (
    <IncidentStory
      incident={incident}
      actors={summary.actors}
      sources={summary.sources}
      eventTypeLabel={summary.eventTypes[incident.properties.eventType]?.label ?? incident.properties.eventType}
    />
  ), [summary]);
  const fetchRows = useCallback((s: typeof sort, offset: number, limit: number) => service.list(s, offset, limit), [service]);
  const positionOf = useCallback((s: typeof sort, id: string) => service.position(s, id), [service]);
  const onFilterChange = useCallback((patch: Partial<IncidentFilter>) => setFilter(patch), [setFilter]);
  const prepareSearch = useCallback(() => service.prepareSearch(), [service]);
  const subscribeSearchProgress = useCallback((listener: (fraction: number) => void) => service.onSearchProgress(listener), [service]);
  const onRange = useCallback((timeRange: IncidentFilter['timeRange']) => setFilter({ timeRange }), [setFilter]);

  // Seconds at a million (the worker reads each incident again). Kept here, not in the panel: on a
  // phone the panel goes when its sheet closes, and the export, its progress and its end must not.
  const [exporting, setExporting] = useState<ExportState | null>(null);
  const exportBusy = exporting !== null && 'fraction' in exporting;
  const startExport = (format: 'geojson' | 'csv') => {
    if (exportBusy) return;
    const name = exportName(fileName, format);
    setExporting({ format, fraction: 0 });
    // The panel moves in tenths: a state per part would render the whole view ~70 times at a million.
    let tenths = 0;
    service.exportView(format, today(), (fraction) => {
      if (Math.floor(fraction * 10) === tenths) return;
      tenths = Math.floor(fraction * 10);
      setExporting({ format, fraction });
    }).then(
      (blob) => {
        downloadBlob(name, blob);
        setExporting({ format, savedAs: name });
      },
      (error: unknown) => setExporting({ format, error: errorMessage(error) }),
    );
  };
  const citation = () => citationLine({
    datasetTitle: summary.metadata.title, attribution: summary.metadata.attribution,
    shown: visibleCount, total: summary.incidentCount, date: today(), url: currentViewUrl(),
  });

  // The panels join in a render of their own, which React may pause, once the map has opened its
  // view and asked what it shows: mounting them (~50–70 ms at 100,000 incidents) kept the page from
  // drawing the frame the map opens in, and the first view waited for it. (At once when there is
  // no map yet to wait for; once shown, they stay.)
  const [panelsWanted, setPanelsWanted] = useState(() => !map);
  const onMapOpened = useCallback(() => setPanelsWanted(true), []);
  const panelsShown = useDeferredValue(panelsWanted, false);

  const [tab, setTab] = useState<SheetTab>('list');
  const [sheetOpen, setSheetOpen] = useState(false);
  const sheetTabs: Array<{ id: SheetTab; label: string }> = [
    { id: 'list', label: `List (${formatCount(visibleCount)})` }, { id: 'filters', label: 'Filters' }, { id: 'layers', label: 'Layers & share' },
  ];
  // The open tab again closes the sheet; the arrow keys change the tab but leave the sheet open or closed.
  const chooseTab = (id: SheetTab, how: 'toggle' | 'move') => {
    setTab(id);
    if (how === 'toggle') setSheetOpen(!(sheetOpen && tab === id));
  };
  // On a phone, opening an incident from the list closes the sheet so its popup has the whole map;
  // stepping with the arrow keys ('none') keeps the list there.
  const selectFromList = useCallback((id: string, focus: 'story' | 'sources' | 'none') => {
    setStack(null);
    select(id, focus);
    if (phone && focus !== 'none') setSheetOpen(false);
  }, [select, phone]);
  const filters = (
    <Suspense fallback={null}><FilterPanel
      filter={filter}
      eventTypes={summary.eventTypes}
      sources={summary.sources}
      shown={visibleCount}
      total={summary.incidentCount}
      pending={pending}
      onChange={onFilterChange}
      onClearAll={clearFilters}
      onSearchFocus={prepareSearch}
      subscribeSearchProgress={subscribeSearchProgress}
    /></Suspense>
  );
  const list = (
    <Suspense fallback={null}><IncidentList
      fetchRows={fetchRows}
      positionOf={positionOf}
      listKey={appliedKey}
      total={visibleCount}
      sort={sort}
      onSort={setSort}
      actors={layerEntries}
      selectedId={selectedId}
      onSelect={selectFromList}
    /></Suspense>
  );
  const layers = (
    <>
      <ActorLayersPanel actors={layerEntries} counts={counts} totals={totals} hidden={hiddenActors} onToggle={setActorVisible} onShowAll={showAllActors} onHideAll={hideAllActors} />
      <Legend eventTypes={summary.eventTypes} />
      <Suspense fallback={null}><ExportPanel
        shown={visibleCount}
        total={summary.incidentCount}
        onExport={startExport}
        exporting={exporting}
        link={currentViewUrl}
        citation={citation}
        localFile={localFile ? fileName : null}
      /></Suspense>
    </>
  );

  return (
    <div className={`explore${phone ? ' is-phone' : ''}`}>
      {!phone && <aside className="explore-side" aria-label="Search, filters and the incident list">{panelsShown && filters}{panelsShown && list}</aside>}
      <div className="explore-main">
        <div className="map-wrap">
          <MapSlot />
          {map && <ConflictMap
            map={map}
            display={display}
            actors={layerEntries}
            eventTypes={summary.eventTypes}
            initialBox={summary.initialBox}
            selectedId={selectedId}
            selected={selected}
            storyFocus={storyFocus}
            resetViewCount={resetViewCount}
            view={mapView}
            viewRequest={mapViewRequest}
            onViewChange={setMapView}
            onOpened={onMapOpened}
            onSelect={selectIncident}
            onPopupClosed={onPopupClosed}
            renderStory={renderStory}
            {...(stackPopup ? { stack: stackPopup } : {})}
          />}
          {!phone && <div className="overlay overlay-right">{panelsShown && layers}</div>}
          <div className="overlay overlay-top">
            <p className="visible-count" role="status">
              Showing {formatCount(visibleCount)} of {formatCount(summary.incidentCount)} incidents
            </p>
            {(linkNotices.length > 0 || fileNotice) && (
              <LinkNotices
                notices={linkNotices}
                file={fileNotice}
                onOpenFile={(file) => startImport({ kind: 'file', file })}
                // The view waiting for its file keeps waiting: the notice has been read, not refused.
                onDismiss={() => useAppStore.setState({ linkNotices: [], fileNotice: null })}
              />
            )}
            {workerError && (
              <section className="notice notice-error" role="alert">
                <div className="notice-row">
                  <p><strong>Something went wrong behind the map</strong>, so what it shows may be out of date: {workerError}. Reload the page to start again.</p>
                  <button type="button" onClick={() => useAppStore.getState().setWorkerError(null)}>Dismiss</button>
                </div>
              </section>
            )}
            {summary.elsewhere.length > 0 && <ElsewhereList incidents={summary.elsewhere} onSelect={select} onResetView={resetView} />}
            <RejectionNotice
              fileName={fileName}
              loadedCount={summary.incidentCount}
              featureCount={summary.featureCount}
              itemUnit={summary.itemUnit}
              rejected={summary.rejected}
              warnings={summary.warnings}
              showWhenClean={!builtIn}
              onDownload={() => {
                // Loaded on demand: the CSV writer (papaparse) isn't needed for the first view.
                void import('../data/export/to-csv').then(({ rejectionsToCsv }) =>
                  downloadText(exportName(fileName, 'not-loaded.csv'), 'text/csv', rejectionsToCsv(fileName, summary.rejected, summary.warnings)));
              }}
            />
          </div>
        </div>
        {histogram
          ? <Suspense fallback={<TimelineFrame hint={COUNTING_DATES} />}><Timeline counts={histogram} range={filter.timeRange} onRange={onRange} playing={playing} onPlaying={setPlaying} onZoom={setTimelineSpan} /></Suspense>
          : barsDue && <TimelineFrame hint={COUNTING_DATES} />}
        {/* An answer with no bars to come: no incident has a date (bars follow an answer whenever one does). */}
        {outcome && !histogram && !barsDue && filter.timeRange && <UndatedRange range={filter.timeRange} onClear={() => onRange(null)} />}
        {phone && (
          <section className={`sheet${sheetOpen ? ' is-open' : ''}`} aria-label="Panels">
            <SheetTabs tabs={sheetTabs} current={tab} open={sheetOpen} onChoose={chooseTab}>
              {panelsShown && (tab === 'list' ? list : tab === 'filters' ? filters : layers)}
            </SheetTabs>
          </section>
        )}
      </div>
      {aboutOpen && <Suspense fallback={null}><AboutDataset metadata={summary.metadata} incidentCount={summary.incidentCount} onClose={() => setAboutOpen(false)} /></Suspense>}
    </div>
  );
}


/**
 * Sends each filter to the worker (the newest wins: see DatasetService.filter) and keeps its
 * answer: counts, the timeline's bars (kept while only time changes), and a key that changes when
 * the shown set does, for the map and the list to fetch again.
 */
function useFilterInWorker(service: DatasetService, filter: IncidentFilter, timelineSpan: TimeRange | null) {
  const filterKey = useMemo(() => JSON.stringify(filter), [filter]);
  type Applied = { service: DatasetService | null; outcome: AppliedFilter | null; appliedKey: string; histogram: TimelineCounts | null; histogramOf: number };
  const [state, setState] = useState<Applied>({ service: null, outcome: null, appliedKey: '', histogram: null, histogramOf: 0 });
  // The map's part of each answer is applied at once; the rest (counts, the list, the bars) in a
  // transition, which React renders just after: the map shows the change a frame sooner, rather
  // than waiting for every panel to re-render with it.
  const [mapState, setMapState] = useState<{ service: DatasetService | null; outcome: FilterOutcome | null; appliedKey: string }>({ service: null, outcome: null, appliedKey: '' });
  const answers = useRef(0);
  const send = useCallback((sent: IncidentFilter, span: TimeRange | null) => {
    const sentKey = JSON.stringify(sent);
    // Every answer is applied, in order, even when the filter has changed again since it was asked:
    // during a scrub the next change comes before each answer, and dropping them would freeze the map.
    // (Requests replaced before they were sent resolve to null; a replaced dataset's worker never answers.)
    void service.filter(sent, span).then((outcome) => {
      if (!outcome) return;
      const answer = ++answers.current;
      // At once, as ClusterLayer draws a view's answer: not after whatever React has under way (the
      // panels' render of the filter just changed, a list page), which the map waited ~10–40 ms behind.
      // An answer with nothing to draw (no view had been asked for: the map's first ask, sent after
      // it, shows this filter) goes with the rest: flushed, it held up that first view ~10–40 ms.
      const mapState = { service, outcome, appliedKey: sentKey };
      if (outcome.markers || outcome.shownIds) flushSync(() => setMapState(mapState));
      else startTransition(() => setMapState(mapState));
      startTransition(() => setState((previous) => ({
        service, outcome, appliedKey: sentKey,
        histogram: outcome.histogram ?? (previous.service === service ? previous.histogram : null),
        histogramOf: outcome.histogram ? answer : previous.histogramOf,
      })));
      // The bars the worker sends just after the map's answer: kept unless newer bars came first.
      void outcome.histogramLater?.then((histogram) => startTransition(() => setState((previous) => (
        previous.service === service && previous.histogramOf < answer ? { ...previous, histogram, histogramOf: answer } : previous
      ))));
    });
  }, [service]);
  const latestSpan = useRef(timelineSpan);
  useEffect(function keepLatestSpan() { latestSpan.current = timelineSpan; }, [timelineSpan]);
  useEffect(function applyFilterInWorker() {
    // Now (a new dataset, or the timeline zoomed), and then on each filter change as the store
    // changes, before React renders it: the worker starts on each step of a scrub ~5–10 ms sooner
    // at a million incidents, where the panels take that long to render the new filter.
    send(useAppStore.getState().filter, timelineSpan);
    return useAppStore.subscribe((now, before) => {
      // Only while this view's dataset is the one set: a dataset opening sets its starting filter
      // while the view it replaces is still here, whose worker would filter (and this view draw)
      // for nothing. Nor for an equal filter in a new object.
      if (now.load.status !== 'ready' || now.load.service !== service) return;
      if (now.filter !== before.filter && !sameFilter(now.filter, before.filter)) send(now.filter, latestSpan.current);
    });
  }, [send, service, timelineSpan]);
  const current = state.service === service ? state : { outcome: null, appliedKey: '', histogram: null };
  const map = mapState.service === service ? mapState : { outcome: null, appliedKey: '' };
  return {
    outcome: current.outcome, appliedKey: current.appliedKey, histogram: current.histogram, pending: current.appliedKey !== filterKey,
    mapOutcome: map.outcome, mapKey: map.appliedKey,
    // Bars are still to come: no answer yet, or one whose bars follow it (none follow when no incident has a date).
    barsDue: !current.histogram && (!current.outcome || current.outcome.histogramLater !== undefined),
  };
}

/** The selected incident in full, while it is shown: from the page's own list, or fetched from the worker for big datasets. */
function useSelectedIncident(summary: DatasetSummary, service: DatasetService, selectedId: string | null, visibleHere: readonly IncidentFeature[] | undefined, appliedKey: string) {
  const [fetched, setFetched] = useState<{ incident: IncidentFeature; shown: boolean } | undefined>(undefined);
  useEffect(function fetchSelectedFromWorker() {
    if (summary.incidents || !selectedId) return;
    let current = true;
    void service.incident(selectedId).then(({ incident, shown }) => {
      if (!current) return;
      // Asked again after each filter change (is it still shown?): the same incident keeps its
      // object, so that the popup's story is not rendered again and the map not moved to it again
      // (bringSelectedIntoView follows the object). The popup itself compares its position by value.
      setFetched((before) => {
        if (!incident) return undefined;
        if (before?.incident.id !== incident.id) return { incident, shown };
        return before.shown === shown ? before : { incident: before.incident, shown };
      });
    });
    return () => { current = false; };
  }, [summary, service, selectedId, appliedKey]);
  if (visibleHere) return visibleHere.find((i) => i.id === selectedId);
  return fetched?.incident.id === selectedId && fetched.shown ? fetched.incident : undefined;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** "syria.csv" → "syria-view-2026-11-27.geojson": says what it is and when it was taken. */
function exportName(fileName: string, extension: string): string {
  const base = fileName.split('/').pop()?.replace(/\.[^.]+$/, '') || 'dataset';
  return `${base}-view-${today()}.${extension}`;
}
