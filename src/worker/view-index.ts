import type { IncidentFeature } from '../data/incident-types';
import type { LoadedDataset } from '../data/validate-dataset';
import { NO_ACTOR, countByActor, isVisibleWithActors } from '../model/actor-layers';
import { briefOf, type IncidentBrief } from '../model/dataset-summary';
import type { ViewMarker, ViewQuery } from './dataset-protocol';

const RING_ACTORS = 4;
const STACK_LIST_LIMIT = 500;

/** Web Mercator world pixels at a zoom, as Leaflet computes them (256-pixel tiles). */
function project(lng: number, lat: number, zoom: number): [number, number] {
  const size = 256 * 2 ** zoom;
  const clamped = Math.max(-85.0511, Math.min(85.0511, lat)) * (Math.PI / 180);
  return [((lng + 180) / 360) * size, ((1 - Math.log(Math.tan(clamped) + 1 / Math.cos(clamped)) / Math.PI) / 2) * size];
}

/**
 * The worker's view of a dataset: which incidents pass the filters, and what the map should draw
 * for a view — clusters on a world-anchored grid, so cells don't jump while panning.
 */
export class ViewIndex {
  private readonly incidents: IncidentFeature[];
  private readonly rowById = new Map<string, number>();
  private visible: Uint8Array;
  visibleCount: number;

  constructor(dataset: LoadedDataset) {
    this.incidents = dataset.incidents;
    this.incidents.forEach((incident, row) => this.rowById.set(incident.id, row));
    this.visible = new Uint8Array(this.incidents.length).fill(1);
    this.visibleCount = this.incidents.length;
  }

  setHiddenActors(hiddenActors: readonly string[]): { visible: number; actorCounts: Record<string, number> } {
    const hidden = new Set(hiddenActors);
    let count = 0;
    this.incidents.forEach((incident, row) => {
      const shown = isVisibleWithActors(incident, hidden);
      this.visible[row] = shown ? 1 : 0;
      if (shown) count++;
    });
    this.visibleCount = count;
    return { visible: count, actorCounts: Object.fromEntries(countByActor(this.visibleIncidents())) };
  }

  visibleIncidents(): IncidentFeature[] {
    return this.incidents.filter((_, row) => this.visible[row] === 1);
  }

  incident(id: string): IncidentFeature | null {
    const row = this.rowById.get(id);
    return row === undefined ? null : this.incidents[row] ?? null;
  }

  markers(view: ViewQuery): ViewMarker[] {
    const cells = new Map<string, number[]>();
    this.forEachInView(view, (row, x, y) => {
      const key = `${Math.floor(x / view.cellPx)}:${Math.floor(y / view.cellPx)}`;
      const cell = cells.get(key);
      if (cell) cell.push(row);
      else cells.set(key, [row]);
    });
    return [...cells.values()].map((rows) => this.markerOf(rows));
  }

  /** The incidents stacked at exactly one point, as a list. */
  stack(view: ViewQuery, lng: number, lat: number): { briefs: IncidentBrief[]; total: number } {
    const rows: number[] = [];
    this.forEachInView(view, (row) => {
      const [x, y] = this.incidents[row]!.geometry.coordinates;
      if (x === lng && y === lat) rows.push(row);
    });
    return { briefs: rows.slice(0, STACK_LIST_LIMIT).map((row) => briefOf(this.incidents[row]!)), total: rows.length };
  }

  private forEachInView(view: ViewQuery, visit: (row: number, x: number, y: number) => void): void {
    const wide = view.east - view.west >= 360;
    for (let row = 0; row < this.incidents.length; row++) {
      if (this.visible[row] !== 1) continue;
      const [lng, lat] = this.incidents[row]!.geometry.coordinates;
      if (lat < view.south || lat > view.north || (!wide && (lng < view.west || lng > view.east))) continue;
      const [x, y] = project(lng, lat, view.zoom);
      visit(row, x, y);
    }
  }

  private markerOf(rows: number[]): ViewMarker {
    const members = rows.map((row) => this.incidents[row]!);
    let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
    let sumLng = 0;
    let sumLat = 0;
    const actorCounts = new Map<string, number>();
    for (const { geometry: { coordinates: [lng, lat] }, properties } of members) {
      west = Math.min(west, lng); east = Math.max(east, lng); south = Math.min(south, lat); north = Math.max(north, lat);
      sumLng += lng; sumLat += lat;
      const ids = properties.actors.length ? properties.actors.map((a) => a.actor) : [NO_ACTOR];
      for (const id of new Set(ids)) actorCounts.set(id, (actorCounts.get(id) ?? 0) + 1);
    }
    const ranked = [...actorCounts].sort((a, b) => b[1] - a[1]);
    const first = members[0]!;
    return {
      lng: members.length === 1 ? first.geometry.coordinates[0] : sumLng / members.length,
      lat: members.length === 1 ? first.geometry.coordinates[1] : sumLat / members.length,
      count: members.length,
      actors: ranked.slice(0, RING_ACTORS),
      other: ranked.slice(RING_ACTORS).reduce((sum, [, n]) => sum + n, 0),
      bbox: [west, south, east, north],
      stack: members.length > 1 && west === east && south === north,
      ...(members.length === 1 ? {
        single: {
          id: first.id,
          title: first.properties.title,
          eventType: first.properties.eventType,
          actorIds: first.properties.actors.map((a) => a.actor),
          claimed: first.properties.sources.length > 0 && first.properties.sources.every((s) => s.status !== 'reported'),
        },
      } : {}),
    };
  }
}
