/** A label that could be drawn: its box in screen pixels (left edge at x, vertically centred on y). */
export interface LabelCandidate {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Greedy label placement: candidates come in priority order (capitals and big towns first), and a
 * label is kept only if its box overlaps no label already kept. Keeps the offline basemap readable
 * at every zoom instead of piling names on top of each other.
 */
export function chooseLabels(candidates: readonly LabelCandidate[], gapPx = 4): Set<string> {
  const kept: LabelCandidate[] = [];
  for (const c of candidates) {
    const clear = kept.every((k) =>
      c.x + c.width + gapPx <= k.x || k.x + k.width + gapPx <= c.x ||
      c.y + c.height / 2 + gapPx <= k.y - k.height / 2 || k.y + k.height / 2 + gapPx <= c.y - c.height / 2);
    if (clear) kept.push(c);
  }
  return new Set(kept.map((k) => k.key));
}

/** A rough width of a label in pixels at the basemap's label sizes, enough to avoid overlaps. */
export function estimateLabelWidth(name: string, rank: 1 | 2 | 3): number {
  const charWidth = rank === 1 ? 7.4 : rank === 2 ? 6.4 : 6;
  return 8 + name.length * charWidth;
}
