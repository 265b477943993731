/** A marker's position on screen, in pixels. */
export interface ScreenPoint {
  id: string;
  x: number;
  y: number;
}

/**
 * Markers closer on screen than `minDistancePx` would hide one another: two reports geocoded to the
 * same city centre, or villages a few kilometres apart seen from a country-wide zoom. This groups
 * such markers (transitively) and spreads each group evenly on a ring around the group's centre,
 * so every marker stays visible and clickable. Returns the pixel shift of each moved marker;
 * markers with room of their own are not moved. The ring grows with the group so icons don't touch.
 */
export function spreadOverlapping(points: readonly ScreenPoint[], minDistancePx = 22): Map<string, [number, number]> {
  const groupOf = points.map((_, i) => i);
  const find = (i: number): number => {
    while (groupOf[i] !== i) i = groupOf[i] = groupOf[groupOf[i]!]!;
    return i;
  };
  // Few markers are ever on screen at once (the dataset's incidents, not a million): pairs are fine.
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const [a, b] = [points[i]!, points[j]!];
      if (Math.hypot(a.x - b.x, a.y - b.y) < minDistancePx) groupOf[find(i)] = find(j);
    }
  }
  const groups = new Map<number, ScreenPoint[]>();
  points.forEach((point, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), point]);
  });

  const offsets = new Map<string, [number, number]>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const cx = members.reduce((sum, p) => sum + p.x, 0) / members.length;
    const cy = members.reduce((sum, p) => sum + p.y, 0) / members.length;
    // Adjacent icons on the ring sit about minDistancePx apart.
    const radius = Math.max(minDistancePx * 0.6, (minDistancePx * members.length) / (2 * Math.PI));
    // West to east round the ring, starting on the left and going over the top: the westernmost
    // marker stays on the left, a pair stays side by side as on the map; identical points keep input order.
    const ordered = [...members].sort((a, b) => a.x - b.x || a.y - b.y);
    ordered.forEach((p, i) => {
      const angle = Math.PI + (2 * Math.PI * i) / ordered.length;
      offsets.set(p.id, [Math.round(cx + radius * Math.cos(angle) - p.x), Math.round(cy + radius * Math.sin(angle) - p.y)]);
    });
  }
  return offsets;
}
