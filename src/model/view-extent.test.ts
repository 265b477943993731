import { describe, expect, it } from 'vitest';
import { validateDataset } from '../data/validate-dataset';
import { builtInDatasetJson } from '../test-support/fixtures';
import { initialExtent, outsideExtent } from './view-extent';

describe('the first view of the built-in dataset', () => {
  const result = validateDataset(builtInDatasetJson());
  if (!result.ok) throw new Error(result.error);
  const { incidents } = result.dataset;
  const box = initialExtent(incidents)!;

  it('stays on Syria: diplomacy in Moscow and Geneva does not pull it out', () => {
    // Syria lies within about 35.7–42.4°E, 32.3–37.3°N.
    expect(box.west).toBeGreaterThan(35);
    expect(box.east).toBeLessThan(43);
    expect(box.south).toBeGreaterThan(32);
    expect(box.north).toBeLessThan(38);
  });

  it('lists exactly the incidents it leaves out, so the reader can find them', () => {
    const outside = outsideExtent(incidents, box);
    expect(outside.map((i) => i.properties.place.name).sort()).toEqual(['Geneva', 'Moscow']);
    expect(outside.every((i) => i.properties.layer === 'diplomacy')).toBe(true);
  });
});
