import { describe, expect, it } from 'vitest';
import { chooseLabels, estimateLabelWidth } from './place-labels';

describe('chooseLabels', () => {
  it('keeps the higher-priority label when two would overlap', () => {
    const kept = chooseLabels([
      { key: 'Damascus', x: 0, y: 0, width: 60, height: 14 },
      { key: 'Douma', x: 20, y: 5, width: 40, height: 14 },
      { key: 'Homs', x: 0, y: 100, width: 30, height: 14 },
    ]);
    expect([...kept]).toEqual(['Damascus', 'Homs']);
  });

  it('keeps labels side by side when they do not touch', () => {
    expect(chooseLabels([
      { key: 'a', x: 0, y: 0, width: 40, height: 14 },
      { key: 'b', x: 50, y: 0, width: 40, height: 14 },
    ]).size).toBe(2);
  });

  it('estimates longer names as wider', () => {
    expect(estimateLabelWidth('Deir ez-Zor', 2)).toBeGreaterThan(estimateLabelWidth('Homs', 2));
  });
});
