import { describe, expect, it } from 'vitest';
import { popupFit } from './screen-layout';

describe('popupFit', () => {
  it('keeps the popup clear of the floating panels on a desktop, and of less on a phone', () => {
    expect(popupFit(1280, 800)).toEqual({ maxHeight: 420, autoPanPaddingTopLeft: [60, 170], autoPanPaddingBottomRight: [320, 30] });
    expect(popupFit(390, 500)).toEqual({ maxHeight: 360, autoPanPaddingTopLeft: [10, 60], autoPanPaddingBottomRight: [20, 30] });
  });

  it('makes the story as tall as a short map leaves room for, and no shorter than 160 px', () => {
    // A 1280×720 window leaves a map ~549 px tall: 549 − 170 − 30 − 50.
    expect(popupFit(1280, 549).maxHeight).toBe(299);
    expect(popupFit(1280, 300).maxHeight).toBe(160);
  });
});
