import type { IncidentFeature } from '../data/incident-types';
import { isOnlyClaimed } from '../model/describe-incident';
import type { ViewCluster } from '../model/index/grid-clusters';
import type { ViewMarker } from './dataset-protocol';

/**
 * A view's clusters as the page draws them: actor codes as ids, and for a cluster of one incident
 * what its marker shows of it (read with `incidentAt`: the only incidents a view reads).
 */
export function viewMarkers(clusters: readonly ViewCluster[], zoom: number, actorIds: readonly string[], incidentAt: (row: number) => IncidentFeature): ViewMarker[] {
  return clusters.map((cluster) => {
    const single = cluster.row >= 0 ? incidentAt(cluster.row) : undefined;
    return {
      key: `${zoom}:${cluster.key}`,
      lng: cluster.lng,
      lat: cluster.lat,
      count: cluster.count,
      actors: cluster.actors.map(({ code, count }) => [actorIds[code]!, count] as [string, number]),
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
