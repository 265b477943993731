import { Suspense, lazy, useCallback, useDeferredValue, useEffect, useMemo, useState, type ComponentProps, type ComponentType, type DragEvent } from 'react';
import { createPortal } from 'react-dom';
import type { Map as LeafletMap } from 'leaflet';
import datasetUrl from '../../data/incidents.geojson?url';
import { useAppStore } from '../state/store';
import { LoadError } from '../ui/LoadError';
import { startImport } from './start-import';
import { readDataParam } from '../state/data-param';
import { BENCH_MODE } from '../state/bench-mode';
import { datasetOfLoad, readViewFromLocation, syncUrlWithStore } from '../state/url-sync';
import { ImportStatus } from '../ui/ImportStatus';
import { OpenFileButton } from '../ui/OpenFileButton';
import { TimelineFrame } from '../ui/TimelineFrame';
import { useMediaQuery } from '../ui/use-media-query';
import { MapHostContext, MapSlot } from './map-host';
import { PHONE_LAYOUT_QUERY } from '../model/screen-layout';

/*
 * The map and its panels (Leaflet, react-leaflet and the app's views) are chunks of their own,
 * asked for as this module runs, so they arrive while the dataset is fetched and read in its
 * worker: the browser compiles and runs the page's script in several tasks rather than one long
 * one. Leaflet first, on its own: run with the views, it made them one task of 35–55 ms. (The
 * views' chunk is asked for once Leaflet's has run: a round trip more, while the data loads.)
 */
const datasetViewModule = import('leaflet').then(() => import('./DatasetView'));
const LazyDatasetView = lazy(() => datasetViewModule.then((m) => ({ default: m.DatasetView })));
type DatasetViewComponent = ComponentType<ComponentProps<typeof LazyDatasetView>>;
type ViewModule = Awaited<typeof datasetViewModule>;
let loadedModule: ViewModule | null = null;
void datasetViewModule.then((m) => { loadedModule = m; });
let chosenDatasetView: DatasetViewComponent | null = null;

/**
 * The chunk itself once it has arrived (it nearly always has by the time a dataset is read), so the
 * map renders at once rather than through Suspense, which holds back what it reveals for up to
 * 300 ms; else the lazy one. Chosen once for the page: a component that changed identity between
 * renders would remount the dataset's view (its layers and panels).
 */
function datasetViewComponent(): DatasetViewComponent {
  chosenDatasetView ??= loadedModule?.DatasetView ?? LazyDatasetView;
  return chosenDatasetView;
}

const BUILT_IN_FILE = 'data/incidents.geojson';

export function App() {
  const load = useAppStore((s) => s.load);
  const setLoad = useAppStore((s) => s.setLoad);
  // A new dataset gets a fresh view: no list pages, timeline zoom or open stack carried over from the last one.
  const datasetVersion = useAppStore((s) => s.datasetVersion);
  // The first dataset's map and panels mount in a render of their own that React can pause (every
  // ~5 ms) to let the page respond: mounting them at a million incidents was one ~140 ms task. Not
  // when one dataset replaces another: the store already holds the new one's view, which the old
  // dataset's layers must not go on showing, even for a moment.
  const deferredLoad = useDeferredValue(load);
  const deferredVersion = useDeferredValue(datasetVersion);
  const replacing = load.status === 'ready' && deferredLoad.status === 'ready';
  const shownLoad = replacing ? load : deferredLoad;
  const shownVersion = replacing ? datasetVersion : deferredVersion;

  useEffect(function exposeFiltersToBenchmark() {
    // With ?bench=1 only: the benchmark (bench/) switches actor layers and the time range as a reader would.
    if (!BENCH_MODE) return;
    const { setFilter } = useAppStore.getState();
    window.__cmBench = {
      ...window.__cmBench!,
      setHiddenActors: (ids) => setFilter({ hiddenActors: ids }),
      setTimeRange: (start, end) => setFilter({ timeRange: { start, end } }),
    };
  }, []);

  useEffect(function loadFirstDatasetAndFollowTheAddress() {
    // The link holds the view (filters, selection, map); ?data= opens someone's dataset instead of the built-in one.
    const data = readViewFromLocation();
    const openData = (value: string | null) => {
      const param = readDataParam(value === null ? '' : `?data=${encodeURIComponent(value)}`, window.location.href);
      if (param.kind === 'url') {
        setLoad({ status: 'loading', fileName: param.fileName });
        startImport({ kind: 'url', url: param.url, fileName: param.fileName, link: value! });
        return;
      }
      if (param.kind === 'refused') {
        setLoad({ status: 'error', fileName: param.value, message: param.message });
        return;
      }
      setLoad({ status: 'loading', fileName: BUILT_IN_FILE });
      startImport({ kind: 'url', url: datasetUrl, fileName: BUILT_IN_FILE });
    };
    openData(data);
    return syncUrlWithStore(() => datasetOfLoad(useAppStore.getState().load));
  }, [setLoad]);

  const mapHost = usePageMap();

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
        <p className="dataset-title">{load.status === 'ready' ? load.summary.metadata.title : load.fileName}</p>
        <OpenFileButton onFile={openFile} />
        {load.status === 'ready' && <AboutButton />}
      </header>
      <main
        className={`map-area${dragging ? ' is-dragging' : ''}`}
        onDragOver={(event) => { if (event.dataTransfer.types.includes('Files')) { event.preventDefault(); setDragging(true); } }}
        onDragLeave={(event) => { if (event.currentTarget === event.target) setDragging(false); }}
        onDrop={onDrop}
      >
        <MapHostContext.Provider value={mapHost.context}>
          {/* The map, with nothing on it yet, while the first dataset is read (once the map's code is here). */}
          {shownLoad.status === 'loading' && (mapHost.arrived ? <LoadingView saying={!importJob} /> : !importJob && <p className="loading" role="status">Loading incidents…</p>)}
          {shownLoad.status === 'error' && <LoadError fileName={shownLoad.fileName} message={shownLoad.message} />}
          {shownLoad.status === 'ready' && (() => {
            const DatasetView = datasetViewComponent();
            const load = shownLoad;
            return (
              <Suspense fallback={<p className="loading" role="status">Loading the map…</p>}>
                <DatasetView key={shownVersion} summary={load.summary} service={load.service} fileName={load.fileName} builtIn={load.fileName === BUILT_IN_FILE} localFile={load.local} />
              </Suspense>
            );
          })()}
        </MapHostContext.Provider>
        {mapHost.shell}
        <div className="overlay overlay-bottom">
          <ImportStatus job={importJob} error={importError} onDismissError={() => useAppStore.getState().setImportError(null)} />
        </div>
        {dragging && <div className="drop-hint" aria-hidden="true">Drop a GeoJSON, UCDP GED or ACLED file to open it</div>}
      </main>
    </div>
  );
}

/**
 * The page's one map (see map-host): made, into its host element, once its code has arrived and a
 * view has given it a place — while the first dataset is still read — and kept from then on.
 */
function usePageMap() {
  const [module, setModule] = useState(loadedModule);
  useEffect(function waitForTheMapsCode() {
    if (!module) void datasetViewModule.then(setModule);
  }, [module]);
  const [host] = useState(() => Object.assign(document.createElement('div'), { className: 'map-host' }));
  const [placed, setPlaced] = useState(false);
  const [map, setMap] = useState<LeafletMap | null>(null);
  const onPlaced = useCallback(() => setPlaced(true), []);
  const context = useMemo(() => ({ host, map, onPlaced }), [host, map, onPlaced]);
  const baseLayer = useAppStore((s) => s.baseLayer);
  const viewRequest = useAppStore((s) => s.mapViewRequest);
  useEffect(function askTheWorkerAhead() {
    // As a dataset is set, before its view has mounted (30–50 ms at 100,000 incidents, while its
    // worker sat idle): what that view asks the worker first, so that the answers are there when it asks.
    return useAppStore.subscribe(({ load, filter, mapView }, before) => {
      if (load.status !== 'ready' || (before.load.status === 'ready' && before.load.service === load.service)) return;
      load.service.askAhead(filter, map && module ? module.openingQuery(map, load, mapView) : null);
    });
  }, [map, module]);
  const MapShell = module?.MapShell;
  const shell = MapShell && placed
    ? createPortal(
      <MapShell initialView={linkView} baseLayer={baseLayer} viewRequest={viewRequest} onBaseLayerChange={useAppStore.getState().setBaseLayer} onMap={setMap} />,
      host,
    )
    : null;
  return { context, arrived: module !== null, shell };
}

/**
 * The explore view's frame with only the map in it (and the timeline's place under it, which the
 * dataset's view fills), while the first dataset is read; `saying`: with a line that says so (when
 * no progress is shown).
 */
function LoadingView({ saying }: { saying: boolean }) {
  const phone = useMediaQuery(PHONE_LAYOUT_QUERY);
  return (
    <div className={`explore${phone ? ' is-phone' : ''}`}>
      {!phone && <div className="explore-side"><p className="hint">Search, filters and the list of incidents appear here once the file is read.</p></div>}
      <div className="explore-main">
        <div className="map-wrap">
          <MapSlot />
          {saying && (
            <div className="overlay overlay-top">
              <p className="visible-count" role="status">Loading incidents…</p>
            </div>
          )}
        </div>
        <TimelineFrame hint="Time: the incidents by date appear here once the file is read." />
      </div>
    </div>
  );
}

/** The view the address asked for, if any (read into the store before the map is made). */
const linkView = () => useAppStore.getState().mapView;

function AboutButton() {
  const setAboutOpen = useAppStore((s) => s.setAboutOpen);
  return <button type="button" className="about-button" onClick={() => setAboutOpen(true)}>About this dataset</button>;
}
