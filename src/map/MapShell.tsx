import { memo, useEffect, useState, type ReactNode } from 'react';
import { LayersControl, LayerGroup, MapContainer, ScaleControl, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import type { Map as LeafletMap } from 'leaflet';
import type { BaseLayer, MapView } from '../model/view-state';
import { BenchHooks } from './BenchHooks';
import { OfflineBasemap } from './OfflineBasemap';
import { afterNextPaint } from './next-frame';

const BASE_NAMES: Record<BaseLayer, string> = { offline: 'Offline map (Natural Earth, GeoNames)', osm: 'OpenStreetMap (needs internet)' };

/** Where the map looks before a dataset says (a link's view says at once): the whole world. */
const WORLD: MapView = { lat: 20, lng: 20, zoom: 2 };

interface Props {
  /** The link's view, if it has one; asked once, when the map is made. */
  initialView(): MapView | null;
  baseLayer: BaseLayer;
  /** Bumped when Back/Forward asks for a view: the layer switcher is made again with its base layer. */
  viewRequest: number;
  onBaseLayerChange(base: BaseLayer): void;
  onMap(map: LeafletMap): void;
}

/**
 * The page's one map: basemaps, the layer switcher and the scale, with no dataset on it. It is made
 * while the first dataset is read and kept from then on; each dataset's layers join it (ConflictMap).
 */
export const MapShell = memo(function MapShell({ initialView, baseLayer, viewRequest, onBaseLayerChange, onMap }: Props) {
  const [view] = useState(() => initialView() ?? WORLD);
  return (
    <MapContainer
      className="conflict-map"
      center={[view.lat, view.lng]}
      zoom={view.zoom}
      minZoom={2}
      maxZoom={14}
      worldCopyJump
      preferCanvas
      keyboard
    >
      <AfterFirstPaint>
        {/* Made again when Back/Forward asks (LayersControl reads `checked` when made); not when the reader picks a layer, which would drop keyboard focus. */}
        <LayersControl position="topleft" key={viewRequest}>
          <LayersControl.BaseLayer checked={baseLayer === 'offline'} name={BASE_NAMES.offline}>
            <LayerGroup>
              <OfflineBasemap />
            </LayerGroup>
          </LayersControl.BaseLayer>
          <LayersControl.BaseLayer checked={baseLayer === 'osm'} name={BASE_NAMES.osm}>
            <TileLayer
              url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
              attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
              maxZoom={19}
            />
          </LayersControl.BaseLayer>
        </LayersControl>
        <ScaleControl position="bottomright" imperial={false} />
      </AfterFirstPaint>
      <ShellEvents onBaseLayerChange={onBaseLayerChange} onMap={onMap} />
      <BenchHooks />
    </MapContainer>
  );
});

/** Its children once the browser has painted the page with the bare map: making them in the map's own task made it one of 40–70 ms. */
function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [painted, setPainted] = useState(false);
  useEffect(function waitForAPaint() {
    return afterNextPaint(() => setPainted(true));
  }, []);
  return painted ? children : null;
}

function ShellEvents({ onBaseLayerChange, onMap }: Pick<Props, 'onBaseLayerChange' | 'onMap'>) {
  const map = useMap();
  useMapEvents({ baselayerchange: (event) => onBaseLayerChange(event.name === BASE_NAMES.osm ? 'osm' : 'offline') });
  useEffect(function followContainerSize() {
    // Leaflet only notices window resizes; the timeline appearing and the phone's sheet opening
    // resize the map too, and without this its bounds (and the link's centre) would be off.
    // Not while the map is out of the page (between views, or behind a load error): Leaflet would
    // keep a size of 0 and open the next dataset at a wrong zoom.
    const observer = new ResizeObserver(() => { if (map.getContainer().isConnected) map.invalidateSize({ pan: false }); });
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  useEffect(function nameTheMap() {
    // On the element itself: MapContainer passes only its class, id and style to the element (an
    // aria-label given to it went to Leaflet's options, and the map had no accessible name).
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-roledescription', 'map');
    container.setAttribute('aria-label', 'Map of reported incidents');
  }, [map]);
  useEffect(function handTheMapOver() { onMap(map); }, [map, onMap]);
  return null;
}
