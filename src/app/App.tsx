import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import datasetUrl from '../../data/incidents.geojson?url';
import type { IncidentFeature } from '../data/incident-types';
import type { LoadedDataset } from '../data/validate-dataset';
import { actorLayerEntries, countByActor, filterByActors } from '../model/actor-layers';
import { initialExtent, outsideExtent } from '../model/view-extent';
import { ConflictMap } from '../map/ConflictMap';
import { useAppStore } from '../state/store';
import { AboutDataset } from '../ui/AboutDataset';
import { ActorLayersPanel } from '../ui/ActorLayersPanel';
import { ElsewhereList } from '../ui/ElsewhereList';
import { IncidentStory } from '../ui/IncidentStory';
import { Legend } from '../ui/Legend';
import { LoadError } from '../ui/LoadError';
import { RejectionNotice } from '../ui/RejectionNotice';
import { loadDataset } from './load-dataset';
import { startImport } from './start-import';
import { citationLine } from '../data/export/citation';
import { toIncidentCollection } from '../data/export/to-geojson';
import { incidentsToCsv, rejectionsToCsv } from '../data/export/to-csv';
import { readDataParam } from '../state/data-param';
import { downloadText } from '../ui/download';
import { ExportPanel } from '../ui/ExportPanel';
import { ImportStatus } from '../ui/ImportStatus';
import { OpenFileButton } from '../ui/OpenFileButton';

const BUILT_IN_FILE = 'data/incidents.geojson';

export function App() {
  const load = useAppStore((s) => s.load);
  const setLoad = useAppStore((s) => s.setLoad);

  useEffect(function loadFirstDataset() {
    // ?data= opens someone's dataset instead of the built-in one (a shared link).
    const param = readDataParam(window.location.search, window.location.href);
    if (param.kind === 'url') {
      setLoad({ status: 'loading', fileName: param.fileName });
      startImport({ kind: 'url', url: param.url, fileName: param.fileName });
      return;
    }
    if (param.kind === 'refused') {
      setLoad({ status: 'error', fileName: param.value, message: param.message });
      return;
    }
    let cancelled = false;
    setLoad({ status: 'loading', fileName: BUILT_IN_FILE });
    loadDataset(datasetUrl, BUILT_IN_FILE).then((result) => {
      if (cancelled) return;
      setLoad(result.ok
        ? { status: 'ready', fileName: BUILT_IN_FILE, dataset: result.dataset }
        : { status: 'error', fileName: BUILT_IN_FILE, message: result.error });
    });
    return () => { cancelled = true; };
  }, [setLoad]);

  const importJob = useAppStore((s) => s.importJob);
  const importError = useAppStore((s) => s.importError);
  const [dragging, setDragging] = useState(false);
  const openFile = useCallback((file: File) => startImport({ kind: 'file', file }), []);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) openFile(file);
  };

  return (
    <div className="app">
      <header className="app-header">
        <h1>Conflict Map</h1>
        <p className="dataset-title">{load.status === 'ready' ? load.dataset.metadata.title : load.fileName}</p>
        <OpenFileButton onFile={openFile} />
        {load.status === 'ready' && <AboutButton />}
      </header>
      <main
        className={`map-area${dragging ? ' is-dragging' : ''}`}
        onDragOver={(event) => { if (event.dataTransfer.types.includes('Files')) { event.preventDefault(); setDragging(true); } }}
        onDragLeave={(event) => { if (event.currentTarget === event.target) setDragging(false); }}
        onDrop={onDrop}
      >
        {load.status === 'loading' && !importJob && <p className="loading" role="status">Loading incidents…</p>}
        {load.status === 'error' && <LoadError fileName={load.fileName} message={load.message} />}
        {load.status === 'ready' && <DatasetView dataset={load.dataset} fileName={load.fileName} />}
        <div className="overlay overlay-bottom">
          <ImportStatus job={importJob} error={importError} onDismissError={() => useAppStore.getState().setImportError(null)} />
        </div>
        {dragging && <div className="drop-hint" aria-hidden="true">Drop a GeoJSON, UCDP GED or ACLED file to open it</div>}
      </main>
    </div>
  );
}

function AboutButton() {
  const setAboutOpen = useAppStore((s) => s.setAboutOpen);
  return <button type="button" className="about-button" onClick={() => setAboutOpen(true)}>About this dataset</button>;
}

function DatasetView({ dataset, fileName }: { dataset: LoadedDataset; fileName: string }) {
  const { hiddenActors, selectedId, resetViewCount, aboutOpen, datasetVersion } = useAppStore();
  const { setActorVisible, showAllActors, hideAllActors, select, resetView, setAboutOpen } = useAppStore.getState();

  const visible = useMemo(() => filterByActors(dataset.incidents, hiddenActors), [dataset, hiddenActors]);
  const counts = useMemo(() => countByActor(dataset.incidents), [dataset]);
  const layerEntries = useMemo(() => actorLayerEntries(dataset.actors, counts), [dataset, counts]);
  const initialBox = useMemo(() => initialExtent(dataset.incidents), [dataset]);
  const elsewhere = useMemo(() => outsideExtent(dataset.incidents, initialBox), [dataset, initialBox]);

  // A popup closing after another incident was selected must not clear the new selection.
  const onPopupClosed = useCallback((id: string) => {
    if (useAppStore.getState().selectedId === id) select(null);
  }, [select]);
  const renderStory = useCallback((incident: IncidentFeature) => (
    <IncidentStory
      incident={incident}
      actors={dataset.actors}
      sources={dataset.sources}
      eventTypeLabel={dataset.eventTypes[incident.properties.eventType]?.label ?? incident.properties.eventType}
    />
  ), [dataset]);

  const exportGeoJson = () => downloadText(exportName(fileName, 'geojson'), 'application/geo+json',
    `${JSON.stringify(toIncidentCollection(dataset, visible, exportNote(visible.length, dataset.incidents.length)), null, 2)}\n`);
  const exportCsv = () => downloadText(exportName(fileName, 'csv'), 'text/csv', incidentsToCsv(dataset, visible));
  const citation = () => citationLine({
    datasetTitle: dataset.metadata.title,
    attribution: dataset.metadata.attribution,
    shown: visible.length,
    total: dataset.incidents.length,
    date: today(),
    url: window.location.href,
  });

  return (
    <>
      <ConflictMap
        key={datasetVersion}
        incidents={visible}
        actors={dataset.actors}
        eventTypes={dataset.eventTypes}
        initialBox={initialBox}
        selectedId={selectedId}
        resetViewCount={resetViewCount}
        onSelect={select}
        onPopupClosed={onPopupClosed}
        renderStory={renderStory}
      />
      <div className="overlay overlay-right">
        <ActorLayersPanel
          actors={layerEntries}
          counts={counts}
          hidden={hiddenActors}
          onToggle={setActorVisible}
          onShowAll={showAllActors}
          onHideAll={hideAllActors}
        />
        <Legend eventTypes={dataset.eventTypes} />
        <ExportPanel shown={visible.length} total={dataset.incidents.length} onGeoJson={exportGeoJson} onCsv={exportCsv} citation={citation} />
      </div>
      <div className="overlay overlay-top">
        <p className="visible-count" role="status">
          Showing {visible.length.toLocaleString('en-GB')} of {dataset.incidents.length.toLocaleString('en-GB')} incidents
        </p>
        {elsewhere.length > 0 && <ElsewhereList incidents={elsewhere} onSelect={select} onResetView={resetView} />}
        <RejectionNotice
          fileName={fileName}
          loadedCount={dataset.incidents.length}
          featureCount={dataset.featureCount}
          rejected={dataset.rejected}
          warnings={dataset.warnings}
          showWhenClean={fileName !== BUILT_IN_FILE}
          onDownload={() => downloadText(exportName(fileName, 'not-loaded.csv'), 'text/csv', rejectionsToCsv(fileName, dataset.rejected, dataset.warnings))}
        />
      </div>
      {aboutOpen && <AboutDataset metadata={dataset.metadata} incidentCount={dataset.incidents.length} onClose={() => setAboutOpen(false)} />}
    </>
  );
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** "syria.csv" → "syria-view-2026-11-27.geojson": says what it is and when it was taken. */
function exportName(fileName: string, extension: string): string {
  const base = fileName.split('/').pop()?.replace(/\.[^.]+$/, '') || 'dataset';
  return `${base}-view-${today()}.${extension}`;
}

function exportNote(shown: number, total: number): string {
  return `Exported from Conflict Map on ${today()}: ${shown} of ${total} incidents, as filtered at the time.`;
}
