/**
 * Where the basemap uses which Natural Earth scale: 1:10m inside the detail boxes, 1:50m in the
 * rectangles that tile the rest of the world. Each point of the world is in exactly one of them,
 * so land clipped to them never overlaps (no double coastlines) and the pieces abut on box edges.
 */

export type Box = { west: number; south: number; east: number; north: number };

/**
 * The app's main view is Syria at zoom 6–9 (≈1.2 km/px at zoom 7, ≈300 m/px at zoom 9), where 1:50m
 * coastlines and borders look visibly coarse. These columns (side by side, sharing edges) hold Syria
 * and every neighbour, Cyprus, the Eastern Mediterranean and the Aegean, the Black Sea coasts of
 * Turkey, Georgia and Bulgaria, the Gulf with the Strait of Hormuz (1:50m is blocky there) and the
 * whole Caspian Sea. The edges are where no border runs along them: lon 24 (not 25, which is exactly
 * the Egypt–Libya border), lat 45 (at lat 43–44 the Georgia–Russia and Romania–Bulgaria borders
 * wander back and forth), lon 55 north of lat 30 (not 56, the Kazakhstan–Uzbekistan border). Only six
 * borders cross the region's outer edge, all far from Syria.
 */
export const DETAIL_BOXES: readonly Box[] = [
  { west: 24, south: 25, east: 46.5, north: 45 }, // Syria and all neighbours, Cyprus, E. Med, Aegean, Black Sea
  { west: 46.5, south: 25, east: 55, north: 48 }, // head of the Gulf, western Iran, the Caspian Sea
  { west: 55, south: 25, east: 57.5, north: 30 }, // Strait of Hormuz
];

/** Web-Mercator latitude limit: Leaflet cannot show anything beyond it (this also trims Antarctica). */
export const MAX_LAT = 85.0511;

/** The world minus the detail boxes, as non-overlapping rectangles. */
export const OUTSIDE_BOXES: readonly Box[] = outsideOf(DETAIL_BOXES);

function outsideOf(columns: readonly Box[]): Box[] {
  const first = columns[0] as Box;
  const last = columns[columns.length - 1] as Box;
  const out: Box[] = [
    { west: -180, south: -MAX_LAT, east: first.west, north: MAX_LAT },
    { west: last.east, south: -MAX_LAT, east: 180, north: MAX_LAT },
  ];
  columns.forEach((c, i) => {
    if (i > 0 && (columns[i - 1] as Box).east !== c.west) throw new Error('detail boxes must be adjacent columns');
    out.push({ west: c.west, south: -MAX_LAT, east: c.east, north: c.south });
    out.push({ west: c.west, south: c.north, east: c.east, north: MAX_LAT });
  });
  return out;
}

/** Whether a [lng, lat] position lies in the box (edges included). */
export function inBox(p: readonly [number, number], b: Box): boolean {
  return p[0] >= b.west && p[0] <= b.east && p[1] >= b.south && p[1] <= b.north;
}

export function inDetailRegion(p: readonly [number, number]): boolean {
  return DETAIL_BOXES.some((b) => inBox(p, b));
}
