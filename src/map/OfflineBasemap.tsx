import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import { Marker, Pane, useMap, useMapEvents } from 'react-leaflet';
import { divIcon, type DivIcon } from 'leaflet';
import { chooseLabels, estimateLabelWidth } from '../model/place-labels';
import { BasemapCanvas, type BasemapShapes } from './BasemapCanvas';
import { onNextFrame } from './next-frame';
import type { Place } from '../model/basemap-place';
import type { BasemapReply, BasemapRequest } from '../worker/basemap-protocol';

interface BasemapData {
  /** Land and borders, projected once per page. */
  shapes: BasemapShapes;
  places: Place[];
}

export const OFFLINE_ATTRIBUTION =
  'Basemap: <a href="https://www.naturalearthdata.com/">Natural Earth</a> · Places: <a href="https://www.geonames.org/">GeoNames</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)';

/** The lowest zoom at which each rank of label appears, so labels don't pile up when zoomed out. */
const MIN_ZOOM_FOR_RANK = { 1: 3, 2: 6, 3: 8 } as const;
const LABEL_HEIGHT_PX = 14;

let basemap: Promise<BasemapData> | undefined;

/**
 * Fetched, parsed and projected in a worker of its own (basemap-worker.ts): on the main thread the
 * land's GeoJSON made a ~50 ms task while a dataset was being read.
 */
function loadAndProject(): Promise<BasemapData> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../worker/basemap-worker.ts', import.meta.url), { type: 'module' });
    const done = () => worker.terminate();
    worker.onmessage = (event: MessageEvent<BasemapReply>) => {
      done();
      const reply = event.data;
      if (reply.ok) resolve({ shapes: { land: reply.land, borders: reply.borders }, places: reply.places });
      else reject(new Error(reply.error));
    };
    worker.onerror = (event) => {
      done();
      reject(new Error(event.message || 'the basemap worker stopped'));
    };
    worker.onmessageerror = () => {
      done();
      reject(new Error('the basemap worker’s answer could not be read'));
    };
    const request: BasemapRequest = { base: new URL(`${import.meta.env.BASE_URL}basemap/`, location.href).href };
    worker.postMessage(request);
  });
}

/**
 * Fetched, parsed and projected once per page: the map is made once a page too, but the layer
 * switcher holding this basemap is made again when Back/Forward asks for a view (MapShell).
 */
function loadBasemapOnce(): Promise<BasemapData> {
  basemap ??= loadAndProject();
  basemap.catch(() => { basemap = undefined; });
  return basemap;
}

// Asked for as soon as the map's chunk arrives, which is at the page's start: the land is fetched
// and projected while the dataset is read, and is there when the first incidents are drawn rather
// than a moment after them (over an empty sea).
if (typeof window !== 'undefined') loadBasemapOnce().catch(() => {});

/**
 * The built-in basemap: Natural Earth land and borders drawn on canvas over a sea-coloured map
 * background, and GeoNames town labels. Needs no network beyond this site.
 */
export const OfflineBasemap = memo(function OfflineBasemap() {
  const [data, setData] = useState<BasemapData | null>(null);
  const map = useMap();

  useEffect(function loadBasemap() {
    let cancelled = false;
    loadBasemapOnce()
      .then((loaded) => { if (!cancelled) setData(loaded); })
      .catch((error: unknown) => console.error('The offline basemap could not be loaded:', error));
    return () => { cancelled = true; };
  }, []);

  useEffect(function creditSources() {
    map.attributionControl?.addAttribution(OFFLINE_ATTRIBUTION);
    return () => { map.attributionControl?.removeAttribution(OFFLINE_ATTRIBUTION); };
  }, [map]);

  if (!data) return null;
  return (
    <>
      <Pane name="basemap-land" style={{ zIndex: 150 }}>
        <BasemapCanvas shapes={data.shapes} pane="basemap-land" />
      </Pane>
      <Pane name="basemap-labels" style={{ zIndex: 390 }}>
        <PlaceLabels places={data.places} />
      </Pane>
    </>
  );
});

/** Labels added per frame (PlaceLabels). */
const LABELS_PER_FRAME = 60;

function PlaceLabels({ places }: { places: Place[] }) {
  const map = useMap();
  // Labels are placed for an area three views wide and only placed again when the view leaves it
  // or the zoom changes: re-placing hundreds of label markers on every pan cost ~45 ms.
  const [area, setArea] = useState(() => ({ zoom: map.getZoom(), bounds: map.getBounds().pad(1) }));
  useMapEvents({
    moveend: () => {
      const zoom = map.getZoom();
      const view = map.getBounds();
      setArea((current) => (current.zoom === zoom && current.bounds.contains(view) ? current : { zoom, bounds: view.pad(1) }));
    },
  });
  // Only labels clear of bigger towns' labels; places.json is sorted biggest first, which is the
  // priority order chooseLabels expects. World pixels at the area's zoom: panning doesn't move them.
  const shown = useMemo(() => {
    const candidates = places.filter((p) => area.zoom >= MIN_ZOOM_FOR_RANK[p.rank] && area.bounds.contains([p.lat, p.lng]));
    const keep = chooseLabels(candidates.map((p) => {
      const point = map.project([p.lat, p.lng], area.zoom);
      return { key: placeKey(p), x: point.x - 3, y: point.y, width: estimateLabelWidth(p.name, p.rank), height: LABEL_HEIGHT_PX };
    }));
    return candidates.filter((p) => keep.has(placeKey(p)));
  }, [map, places, area]);
  // Labels join the map a batch a frame, biggest towns first, rather than all in one commit: a few
  // hundred label markers (their DOM, then its layout) made one of the longest tasks while a dataset
  // opened — the first view, and the zoom to the dataset's extent. Those already there stay.
  const [drawn, setDrawn] = useState<ReadonlySet<string>>(() => new Set());
  const onMap = shown.filter((place) => drawn.has(placeKey(place)));
  const waiting = shown.length - onMap.length;
  useEffect(function addLabelsFrameByFrame() {
    if (waiting === 0) return;
    // A transition, so React renders the batch in slices, behind anything the reader is waiting for.
    // From the labels drawn, not from this render's list: a batch that runs after a newer move
    // must not take off labels the newer list has (only the shown ones are drawn at all).
    return onNextFrame(() => startTransition(() => setDrawn((before) => {
      const next = new Set(before);
      let added = 0;
      for (const place of shown) {
        if (added >= LABELS_PER_FRAME) break;
        const key = placeKey(place);
        if (!next.has(key)) { next.add(key); added++; }
      }
      return next;
    })));
  }, [shown, waiting]);
  return onMap.map((place) => (
    <Marker
      key={placeKey(place)}
      position={[place.lat, place.lng]}
      icon={labelIcon(place)}
      interactive={false}
      keyboard={false}
      pane="basemap-labels"
    />
  ));
}

function placeKey(place: Place): string {
  return `${place.name}|${place.lat}|${place.lng}|${place.rank}`;
}

const labelIcons = new Map<string, DivIcon>();

/** A dot and the town's name, built as DOM text (never HTML). Cached: labels come and go with zoom. */
function labelIcon(place: Place): DivIcon {
  const key = placeKey(place);
  let icon = labelIcons.get(key);
  if (!icon) {
    const label = document.createElement('span');
    label.className = `place-label rank-${place.rank}`;
    const name = document.createElement('span');
    name.className = 'place-name';
    name.textContent = place.name;
    label.append(document.createElement('i'), name);
    icon = divIcon({ html: label, className: 'place-label-icon', iconSize: [0, 0], iconAnchor: [0, 0] });
    labelIcons.set(key, icon);
  }
  return icon;
}
