import { useCallback, useEffect, useMemo } from 'react';
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

const BUILT_IN_FILE = 'data/incidents.geojson';

export function App() {
  const load = useAppStore((s) => s.load);
  const setLoad = useAppStore((s) => s.setLoad);

  useEffect(function loadBuiltInDataset() {
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

  return (
    <div className="app">
      <header className="app-header">
        <h1>Conflict Map</h1>
        {load.status === 'ready' && <p className="dataset-title">{load.dataset.metadata.title}</p>}
        {load.status === 'ready' && <AboutButton />}
      </header>
      <main className="map-area">
        {load.status === 'loading' && <p className="loading" role="status">Loading incidents…</p>}
        {load.status === 'error' && <LoadError fileName={load.fileName} message={load.message} />}
        {load.status === 'ready' && <DatasetView dataset={load.dataset} fileName={load.fileName} />}
      </main>
    </div>
  );
}

function AboutButton() {
  const setAboutOpen = useAppStore((s) => s.setAboutOpen);
  return <button type="button" className="about-button" onClick={() => setAboutOpen(true)}>About this dataset</button>;
}

function DatasetView({ dataset, fileName }: { dataset: LoadedDataset; fileName: string }) {
  const { hiddenActors, selectedId, resetViewCount, aboutOpen } = useAppStore();
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

  return (
    <>
      <ConflictMap
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
      </div>
      <div className="overlay overlay-top">
        <p className="visible-count" role="status">
          Showing {visible.length} of {dataset.incidents.length} incidents
        </p>
        {elsewhere.length > 0 && <ElsewhereList incidents={elsewhere} onSelect={select} onResetView={resetView} />}
        <RejectionNotice
          fileName={fileName}
          loadedCount={dataset.incidents.length}
          featureCount={dataset.featureCount}
          rejected={dataset.rejected}
          warnings={dataset.warnings}
        />
      </div>
      {aboutOpen && <AboutDataset metadata={dataset.metadata} incidentCount={dataset.incidents.length} onClose={() => setAboutOpen(false)} />}
    </>
  );
}
