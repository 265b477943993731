import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { Map as LeafletMap } from 'leaflet';
import { BENCH_MODE } from '../state/bench-mode';

declare global {
  interface Window {
    /** Present only with ?bench=1: the benchmark drives the map through it (bench/README.md). */
    __cmBench?: { map?: LeafletMap; setHiddenActors?(ids: string[]): void; setTimeRange?(start: string, end: string): void };
  }
}

/** With ?bench=1, hands the benchmark the Leaflet map; nothing otherwise. */
export function BenchHooks() {
  const map = useMap();
  useEffect(function exposeMapToBenchmark() {
    if (!BENCH_MODE) return;
    window.__cmBench = { ...window.__cmBench, map };
  }, [map]);
  return null;
}
