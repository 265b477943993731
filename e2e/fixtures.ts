import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureData } from '../bench/generate';

/** Every request that is not to this machine is blocked, and remembered so a test can check none was tried. */
export const test = base.extend<{ blockedRequests: string[] }>({
  blockedRequests: [async ({ context }, use) => {
    const blocked: string[] = [];
    await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/])/, (route) => {
      if (route.request().url().startsWith('data:')) return route.continue();
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    await use(blocked);
  }, { auto: true }],
});
export { expect };

export interface DatasetJson {
  type: string;
  features: Array<{ id: string; properties: { title: string; actors: Array<{ actor: string }>; place: { name: string }; layer: string } & Record<string, unknown> } & Record<string, unknown>>;
  actors: Record<string, { name: string }>;
  [key: string]: unknown;
}

/** The built-in dataset as the test reads it from disk: expectations come from the data, not from memory. */
export function builtInDataset(): DatasetJson {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '../data/incidents.geojson'), 'utf8')) as DatasetJson;
}

export const markers = (page: Page) => page.locator('.leaflet-marker-pane .incident-marker');

/** The incidents the clusters and single markers on screen add up to. */
export async function drawnCount(page: Page): Promise<number> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.leaflet-marker-pane [data-cluster-count], .leaflet-marker-pane [data-incident-id]')]
    .reduce((sum, el) => sum + Number(el.dataset.clusterCount ?? 1), 0));
}

export async function openMap(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+ incidents$/ })).toBeVisible();
}

/** Serves `body` instead of the built-in dataset file, to test what a reader sees with other data. */
export async function serveDatasetInstead(page: Page, body: string) {
  // The dataset's worker fetches it: a context route sees workers' requests too.
  await page.context().route((url) => /\/assets\/incidents-[^/]*\.geojson$/.test(url.pathname), (route) => route.fulfill({ status: 200, contentType: 'application/geo+json', body }));
}

/** ../shared beside the repository: the digest, the real UCDP datasets, the GeoJSON fixtures. */
export const sharedPath = (...parts: string[]) => resolve(import.meta.dirname, '../../shared', ...parts);

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: resolve(import.meta.dirname, 'screenshots', `${name}.png`) });
}

/** 100,000 synthetic UCDP-style rows (the benchmark's generator), made once per machine. */
export function bigCsv(): Buffer {
  return readFileSync(ensureData('100k', join(tmpdir(), 'conflict-map-e2e'), 'csv', () => {}).path);
}

/** Serves `body` (a CSV) at /big.csv. (A worker's worker's requests are not routed: see e2e/halves.spec.ts.) */
export async function serveCsv(page: Page, body: Buffer): Promise<void> {
  await page.context().route((url) => url.pathname === '/big.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv', body }));
}
