import type { IncidentFeature } from '../data/incident-types';
import type { LoadedDataset } from '../data/validate-dataset';
import { briefOf, type IncidentBrief } from '../model/dataset-summary';
import { isOnlyClaimed } from '../model/describe-incident';
import { clusterView, type ClusterIndex } from '../model/index/grid-clusters';
import { buildGridPyramid, refreshPyramid } from '../model/index/grid-pyramid';
import { buildColumns, type IncidentColumns } from '../model/index/incident-columns';
import { buildSpatialIndex } from '../model/index/spatial-index';
import { spatialOrder } from '../model/index/spatial-order';
import { computeMask, countByActorCode } from '../model/index/visibility-mask';
import { CELL_PX, type ViewMarker, type ViewQuery } from './dataset-protocol';

const PYRAMID_MAX_ZOOM = 12;

/**
 * The worker's index of a dataset: columns, a spatial index and a per-zoom grid pyramid
 * (src/model/index), so a filter change is one pass over typed arrays and a pan or zoom reads only
 * the cells in view, whatever the dataset's size. Rows are kept in spatial order (faster refreshes);
 * `fileOrder` maps them back for exports, which keep the file's order.
 */
export class ViewIndex {
  private readonly incidents: IncidentFeature[];
  private readonly fileOrder: Uint32Array;
  private readonly rowById = new Map<string, number>();
  private readonly columns: IncidentColumns;
  private readonly index: ClusterIndex;
  private hidden: Uint8Array;
  private mask: Uint8Array;
  visibleCount: number;

  constructor(dataset: LoadedDataset) {
    this.fileOrder = spatialOrder(dataset.incidents);
    this.incidents = Array.from(this.fileOrder, (i) => dataset.incidents[i]!);
    this.incidents.forEach((incident, row) => this.rowById.set(incident.id, row));
    this.columns = buildColumns(this.incidents, Object.keys(dataset.actors));
    this.index = { points: buildSpatialIndex(this.columns), pyramid: buildGridPyramid(this.columns, { cellPx: CELL_PX, maxZoom: PYRAMID_MAX_ZOOM }) };
    this.hidden = new Uint8Array(this.columns.actorIds.length);
    const { mask, visible } = computeMask(this.columns, this.hidden);
    this.mask = mask;
    this.visibleCount = visible;
    refreshPyramid(this.index.pyramid!, this.columns, this.mask);
  }

  setHiddenActors(hiddenActors: readonly string[]): { visible: number; actorCounts: Record<string, number> } {
    const hiddenIds = new Set(hiddenActors);
    this.hidden = Uint8Array.from(this.columns.actorIds, (id) => (hiddenIds.has(id) ? 1 : 0));
    const { visible } = computeMask(this.columns, this.hidden, undefined, this.mask);
    this.visibleCount = visible;
    refreshPyramid(this.index.pyramid!, this.columns, this.mask);
    const counts = countByActorCode(this.columns, this.mask);
    return { visible, actorCounts: Object.fromEntries(this.columns.actorIds.map((id, code) => [id, counts[code] ?? 0])) };
  }

  /** The shown incidents, in the file's order. */
  visibleIncidents(): IncidentFeature[] {
    const rows: number[] = [];
    for (let row = 0; row < this.mask.length; row++) if (this.mask[row] === 1) rows.push(row);
    return rows.sort((a, b) => this.fileOrder[a]! - this.fileOrder[b]!).map((row) => this.incidents[row]!);
  }

  incident(id: string): IncidentFeature | null {
    const row = this.rowById.get(id);
    return row === undefined ? null : this.incidents[row] ?? null;
  }

  markers(view: ViewQuery): ViewMarker[] {
    const { clusters, zoom } = clusterView(this.index, this.columns, this.mask, view);
    const ids = this.columns.actorIds;
    return clusters.map((cluster) => {
      const single = cluster.row >= 0 ? this.incidents[cluster.row] : undefined;
      return {
        key: `${zoom}:${cluster.key}`,
        lng: cluster.lng,
        lat: cluster.lat,
        count: cluster.count,
        actors: cluster.actors.map(({ code, count }) => [ids[code]!, count] as [string, number]),
        other: cluster.otherActors,
        bbox: cluster.bbox,
        stack: cluster.stack,
        ...(single ? {
          single: {
            id: single.id,
            title: single.properties.title,
            eventType: single.properties.eventType,
            actorIds: single.properties.actors.map((a) => a.actor),
            claimed: isOnlyClaimed(single.properties),
          },
        } : {}),
      };
    });
  }

  /** The shown incidents stacked at exactly one point, as a list (from the cluster that holds them). */
  stack(view: ViewQuery, lng: number, lat: number): { briefs: IncidentBrief[]; total: number } {
    const cluster = clusterView(this.index, this.columns, this.mask, view).clusters
      .find((c) => c.stack && Math.abs(c.lng - lng) < 1e-9 && Math.abs(c.lat - lat) < 1e-9);
    if (!cluster) return { briefs: [], total: 0 };
    return { briefs: cluster.stackRows.map((row) => briefOf(this.incidents[row]!)), total: cluster.count };
  }
}
