import { useCallback, useEffect, useMemo, useState } from 'react';
import type { IncidentFeature } from '../data/incident-types';
import { citationLine } from '../data/export/citation';
import { actorLayerEntries, filterByActors, isVisibleWithActors } from '../model/actor-layers';
import type { DatasetSummary, IncidentBrief } from '../model/dataset-summary';
import { ConflictMap, type IncidentDisplay } from '../map/ConflictMap';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store';
import { AboutDataset } from '../ui/AboutDataset';
import { ActorLayersPanel } from '../ui/ActorLayersPanel';
import { downloadText } from '../ui/download';
import { ElsewhereList } from '../ui/ElsewhereList';
import { ExportPanel } from '../ui/ExportPanel';
import { IncidentStory } from '../ui/IncidentStory';
import { Legend } from '../ui/Legend';
import { RejectionNotice } from '../ui/RejectionNotice';
import { StackList } from '../ui/StackList';
import type { DatasetService } from '../worker/dataset-client';
import type { ViewQuery } from '../worker/dataset-protocol';

interface Props {
  summary: DatasetSummary;
  service: DatasetService;
  fileName: string;
  /** The built-in dataset needs no "everything loaded" summary; a file the reader opened does. */
  builtIn: boolean;
}

/** A loaded dataset: the map and the panels, wired to the store and the dataset's worker. */
export function DatasetView({ summary, service, fileName, builtIn }: Props) {
  // Only what this view shows: import progress and other store changes must not re-render the map.
  const { hiddenActors, selectedId, resetViewCount, aboutOpen, datasetVersion } = useAppStore(useShallow((s) => ({
    hiddenActors: s.hiddenActors, selectedId: s.selectedId, resetViewCount: s.resetViewCount, aboutOpen: s.aboutOpen, datasetVersion: s.datasetVersion,
  })));
  const { setActorVisible, showAllActors, hideAllActors, select, resetView, setAboutOpen } = useAppStore.getState();

  // Small datasets are filtered here; big ones in the worker, which also serves exports for both.
  const visibleHere = useMemo(() => summary.incidents && filterByActors(summary.incidents, hiddenActors), [summary, hiddenActors]);
  const filterKey = useMemo(() => [...hiddenActors].sort().join('\n'), [hiddenActors]);
  const [applied, setApplied] = useState({ key: '', visible: summary.incidentCount });
  useEffect(function applyFiltersInWorker() {
    let current = true;
    void service.filter([...hiddenActors]).then(({ visible }) => { if (current) setApplied({ key: filterKey, visible }); });
    return () => { current = false; };
  }, [service, hiddenActors, filterKey]);
  const visibleCount = visibleHere?.length ?? applied.visible;

  const selected = useSelectedIncident(summary, service, selectedId, hiddenActors);
  const [stack, setStack] = useState<{ lng: number; lat: number; briefs: IncidentBrief[]; total: number } | null>(null);
  const openStack = useCallback((view: ViewQuery, lng: number, lat: number) => {
    void service.stack(view, lng, lat).then(({ briefs, total }) => setStack({ lng, lat, briefs, total }));
  }, [service]);
  const queryView = useCallback((view: ViewQuery) => service.view(view), [service]);
  const selectIncident = useCallback((id: string) => { setStack(null); select(id); }, [select]);
  const display: IncidentDisplay = visibleHere
    ? { kind: 'markers', incidents: visibleHere }
    : { kind: 'clusters', queryView, filterKey: applied.key, onOpenStack: openStack };

  const counts = useMemo(() => new Map(Object.entries(summary.actorCounts)), [summary]);
  const layerEntries = useMemo(() => actorLayerEntries(summary.actors, counts), [summary, counts]);
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

  const exportView = (format: 'geojson' | 'csv') => {
    void service.exportView(format, `Exported from Conflict Map on ${today()}: ${visibleCount} of ${summary.incidentCount} incidents, as filtered at the time.`)
      .then((text) => downloadText(exportName(fileName, format), format === 'csv' ? 'text/csv' : 'application/geo+json', text));
  };
  const citation = () => citationLine({
    datasetTitle: summary.metadata.title, attribution: summary.metadata.attribution,
    shown: visibleCount, total: summary.incidentCount, date: today(), url: window.location.href,
  });

  return (
    <>
      <ConflictMap
        key={datasetVersion}
        display={display}
        actors={layerEntries}
        eventTypes={summary.eventTypes}
        initialBox={summary.initialBox}
        selectedId={selectedId}
        selected={selected}
        resetViewCount={resetViewCount}
        onSelect={selectIncident}
        onPopupClosed={onPopupClosed}
        renderStory={renderStory}
        {...(stack ? { stack: { lng: stack.lng, lat: stack.lat, onClose: () => setStack(null), content: <StackList briefs={stack.briefs} total={stack.total} onSelect={selectIncident} /> } } : {})}
      />
      <div className="overlay overlay-right">
        <ActorLayersPanel actors={layerEntries} counts={counts} hidden={hiddenActors} onToggle={setActorVisible} onShowAll={showAllActors} onHideAll={hideAllActors} />
        <Legend eventTypes={summary.eventTypes} />
        <ExportPanel shown={visibleCount} total={summary.incidentCount} onGeoJson={() => exportView('geojson')} onCsv={() => exportView('csv')} citation={citation} />
      </div>
      <div className="overlay overlay-top">
        <p className="visible-count" role="status">
          Showing {visibleCount.toLocaleString('en-GB')} of {summary.incidentCount.toLocaleString('en-GB')} incidents
        </p>
        {summary.elsewhere.length > 0 && <ElsewhereList incidents={summary.elsewhere} onSelect={select} onResetView={resetView} />}
        <RejectionNotice
          fileName={fileName}
          loadedCount={summary.incidentCount}
          featureCount={summary.featureCount}
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
      {aboutOpen && <AboutDataset metadata={summary.metadata} incidentCount={summary.incidentCount} onClose={() => setAboutOpen(false)} />}
    </>
  );
}

/** The selected incident in full: from the page's own list, or fetched from the worker for big datasets. */
function useSelectedIncident(summary: DatasetSummary, service: DatasetService, selectedId: string | null, hidden: ReadonlySet<string>) {
  const [fetched, setFetched] = useState<IncidentFeature | undefined>(undefined);
  useEffect(function fetchSelectedFromWorker() {
    if (summary.incidents || !selectedId) return;
    let current = true;
    void service.incident(selectedId).then((incident) => { if (current) setFetched(incident ?? undefined); });
    return () => { current = false; };
  }, [summary, service, selectedId]);
  const incident = summary.incidents ? summary.incidents.find((i) => i.id === selectedId) : (fetched?.id === selectedId ? fetched : undefined);
  return incident && isVisibleWithActors(incident, hidden) ? incident : undefined;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** "syria.csv" → "syria-view-2026-11-27.geojson": says what it is and when it was taken. */
function exportName(fileName: string, extension: string): string {
  const base = fileName.split('/').pop()?.replace(/\.[^.]+$/, '') || 'dataset';
  return `${base}-view-${today()}.${extension}`;
}
