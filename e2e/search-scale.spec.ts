import type { Page } from '@playwright/test';
import { bigCsv, drawnCount, expect, serveCsv, test } from './fixtures';

/**
 * 100,000 synthetic UCDP-style rows (the benchmark's generator), opened from a link with `params`:
 * folding their search text takes seconds, long enough to see what the map does meanwhile. Gives
 * the map's count of incidents shown.
 */
async function openBigCsv(page: Page, params: string) {
  test.setTimeout(90_000);
  await serveCsv(page, bigCsv());
  await page.goto(`/?data=/big.csv${params}`);
  return page.getByText(/^Showing [\d,]+ of 100,000 incidents$/);
}

test('a search sent before its text is ready leaves the map answering; it says it is searching, then shows the matches', async ({ page }) => {
  const status = await openBigCsv(page, '&bench=1');
  await expect(status).toHaveText('Showing 100,000 of 100,000 incidents', { timeout: 60_000 });

  // Typed at once: the text is folded from the focus on, and is nowhere near ready when the search arrives.
  await page.getByRole('searchbox').fill('Aleppo');
  await expect(page.locator('.match-count')).toContainText('searching…');
  // Screen readers are told too, by a live region, in quarters rather than each percent.
  const said = page.getByRole('status').filter({ hasText: /^Searching/ });
  await expect(said).toHaveText(/^Searching: (0|25|50|75)% of the text prepared$/);
  // A pan meanwhile is answered from the filter before, while the search still waits.
  const panned = await page.evaluate(() => new Promise<number>((resolve) => {
    const cm = (window as unknown as { __cmBench: { map: { panBy(offset: [number, number], options: { animate: boolean }): void } } }).__cmBench;
    const from = performance.now();
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('cm:view-updated').some((m) => m.startTime > from)) {
        observer.disconnect();
        resolve(performance.now() - from);
      }
    }).observe({ type: 'mark', buffered: false });
    cm.map.panBy([200, 100], { animate: false });
  }));
  expect(panned).toBeLessThan(5_000);
  await expect(page.locator('.match-count')).toContainText('searching…');
  await expect(status).toHaveText('Showing 100,000 of 100,000 incidents');

  // Then the search lands.
  await expect(page.locator('.match-count')).not.toContainText('searching…', { timeout: 60_000 });
  await expect(said).toHaveCount(0);
  const shown = Number((await status.textContent())!.match(/Showing ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(shown).toBeGreaterThan(1_000);
  expect(shown).toBeLessThan(100_000);
});

test('a search in a link, waiting for its text while the map opens, is drawn on the map when it lands', async ({ page }) => {
  // The map opens, and is drawn, while the worker folds the text the search needs (~1 s here).
  const status = await openBigCsv(page, '&q=Aleppo');
  await expect(status).not.toHaveText('Showing 100,000 of 100,000 incidents', { timeout: 60_000 });
  const shown = Number((await status.textContent())!.match(/Showing ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(shown).toBeGreaterThan(1_000);
  // The map's clusters add up to the matches (every incident is in the first view), not to every incident.
  await expect.poll(() => drawnCount(page), { timeout: 10_000 }).toBe(shown);
});
