import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { builtInDataset, expect, markers, openMap, screenshot, serveDatasetInstead, sharedPath, test } from './fixtures';

const UCDP_SYRIA = sharedPath('datasets', 'ucdp-ged-syria-2016-2019.csv');
const UCDP_SYRIA_ROWS = 16_566;
const builtInDatasetPath = new URL('../data/incidents.geojson', import.meta.url).pathname;

/** Holds requests for `pathname` until the function it returns is called, then gives them `answer`. */
async function holdRequests(page: Page, pathname: string, answer: { status: number; contentType?: string; body: string }): Promise<() => void> {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.context().route((url) => url.pathname === pathname, async (route) => {
    await released;
    await route.fulfill(answer).catch(() => {});
  });
  return () => release();
}

test('opening the 16,566-event UCDP Syria CSV through the file picker shows every row loaded or listed', async ({ page }) => {
  await openMap(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a file…' }).click();
  await (await chooser).setFiles(UCDP_SYRIA);

  const summary = page.getByRole('status').filter({ hasText: 'ucdp-ged-syria-2016-2019.csv' });
  await expect(summary).toBeVisible({ timeout: 20_000 });
  const text = (await summary.textContent())!;
  const match = /([\d,]+) of ([\d,]+) loaded, ([\d,]+) not loaded/.exec(text);
  expect(match, text).not.toBeNull();
  const [loaded, total, rejected] = match!.slice(1).map((n) => Number(n.replace(/,/g, '')));
  expect(total).toBe(UCDP_SYRIA_ROWS);
  expect(loaded! + rejected!).toBe(UCDP_SYRIA_ROWS);
  await expect(page.getByText(`Showing ${loaded!.toLocaleString('en-GB')} of ${loaded!.toLocaleString('en-GB')} incidents`)).toBeVisible();
  const layers = page.getByRole('region', { name: 'Actors' });
  await expect(layers.getByRole('checkbox', { name: /Government of Syria/ })).toBeChecked();
  // UCDP names civilians only as the target of one-sided violence: not a layer (it would hold nothing), but named.
  await expect(layers.getByRole('checkbox', { name: 'Civilians' })).toHaveCount(0);
  await expect(layers.getByText(/never as acting, so not a layer: .*Civilians/)).toBeVisible();
  await screenshot(page, 'import-ucdp-syria');
});

test('a dataset can be dropped onto the map', async ({ page }) => {
  await openMap(page);
  const dataset = builtInDataset();
  dataset.features = dataset.features.slice(0, 3);
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'three.geojson', { type: 'application/geo+json' }));
    return transfer;
  }, JSON.stringify(dataset));
  await page.locator('.map-area').dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByText('Drop a GeoJSON, UCDP GED or ACLED file to open it')).toBeVisible();
  await page.locator('.map-area').dispatchEvent('drop', { dataTransfer });
  await expect(markers(page)).toHaveCount(3);
  await expect(page.getByText('Showing 3 of 3 incidents')).toBeVisible();
});

test('?data= opens a dataset from this site on load; other schemes are refused', async ({ page }) => {
  const csv = readFileSync(UCDP_SYRIA, 'utf8').split('\n').slice(0, 201).join('\n');
  await page.context().route((url) => url.pathname === '/shared/syria-200.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv', body: csv }));
  await page.goto('/?data=/shared/syria-200.csv');
  await expect(page.getByText('Showing 200 of 200 incidents')).toBeVisible({ timeout: 15_000 });

  await page.goto('/?data=javascript:alert(1)');
  await expect(page.getByRole('alert')).toContainText('only http(s) addresses and paths on this site can be opened');
});

test('a link whose address gives a web page, not a data file, says so (not "invalid JSON")', async ({ page }) => {
  await page.context().route((url) => url.pathname === '/shared/gone.geojson', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html><body>Home</body></html>' }));
  await page.goto('/?data=/shared/gone.geojson');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('gone.geojson could not be opened');
  await expect(alert).toContainText('gave a web page, not a data file');
  await expect(alert).not.toContainText('not valid JSON');
});

test('a slow import shows its progress and can be cancelled', async ({ page }) => {
  const release = await holdRequests(page, '/shared/slow.geojson', { status: 200, body: '{}' });
  await page.goto('/?data=/shared/slow.geojson');
  const progress = page.getByRole('region', { name: 'Import progress' });
  await expect(progress).toContainText('slow.geojson');
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText('Opening slow.geojson was cancelled');
  release();
});

test('the map is there while the first dataset is read, and the same map then shows it', async ({ page }) => {
  const release = await holdRequests(page, '/shared/held.geojson', { status: 200, contentType: 'application/geo+json', body: JSON.stringify(builtInDataset()) });
  await page.goto('/?data=/shared/held.geojson');
  // While the file is on its way: the map with its basemap controls, and a line saying what is happening.
  const map = page.locator('.conflict-map');
  await expect(map).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Import progress' }).or(page.getByRole('status').filter({ hasText: 'Loading incidents…' }))).toBeVisible();
  await expect(markers(page)).toHaveCount(0);
  const box = (await map.boundingBox())!;
  await map.evaluate((element) => { element.dataset.probe = 'made-while-loading'; });

  release();
  await expect(page.getByText('Showing 10 of 10 incidents')).toBeVisible();
  // The same map element (not one made afresh), now showing the dataset, in its extent, at the same size.
  await expect(page.locator('[data-probe="made-while-loading"]')).toHaveCount(1);
  const dataset = builtInDataset();
  await expect(page.locator('[data-probe="made-while-loading"] .incident-marker')).toHaveCount(dataset.features.length);
  // In the dataset's extent, not the whole world it was made at: all but the two incidents far off
  // (Moscow, Geneva, listed as elsewhere) are on the map, spread over it.
  await expect(page.getByText('2 outside this view')).toBeVisible();
  const inside = await map.evaluate((element) => {
    const area = element.getBoundingClientRect();
    return [...element.querySelectorAll('.incident-marker')].map((marker) => marker.getBoundingClientRect())
      .filter((r) => r.left >= area.left && r.right <= area.right && r.top >= area.top && r.bottom <= area.bottom);
  });
  expect(inside).toHaveLength(dataset.features.length - 2);
  const spread = Math.max(...inside.map((r) => r.left)) - Math.min(...inside.map((r) => r.left));
  expect(spread).toBeGreaterThan(box.width / 4);
  const after = (await map.boundingBox())!;
  expect(Math.abs(after.width - box.width)).toBeLessThan(1);
});

test('after a first link that fails, a file opened fits its data', async ({ page }) => {
  const release = await holdRequests(page, '/shared/held.geojson', { status: 404, body: 'gone' });
  await page.goto('/?data=/shared/held.geojson');
  await expect(page.locator('.conflict-map')).toBeVisible();
  release();
  await expect(page.getByRole('alert')).toContainText('held.geojson');
  await expect(page.locator('.conflict-map')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a file…' }).click();
  await (await chooser).setFiles(builtInDatasetPath);
  await expect(page.getByText(`Showing ${builtInDataset().features.length} of ${builtInDataset().features.length} incidents`)).toBeVisible();
  // The map was out of the page behind the error; it opens the file in its extent all the same.
  const map = page.locator('.conflict-map');
  const inside = await map.evaluate((element) => {
    const area = element.getBoundingClientRect();
    return [...element.querySelectorAll('.incident-marker')].map((marker) => marker.getBoundingClientRect())
      .filter((r) => r.left >= area.left && r.right <= area.right && r.top >= area.top && r.bottom <= area.bottom);
  });
  expect(inside).toHaveLength(builtInDataset().features.length - 2);
  const width = (await map.boundingBox())!.width;
  expect(Math.max(...inside.map((r) => r.left)) - Math.min(...inside.map((r) => r.left))).toBeGreaterThan(width / 4);
});

test('the map keeps keyboard focus when the dataset it was waiting for arrives', async ({ page }) => {
  const release = await holdRequests(page, '/shared/held.geojson', { status: 200, contentType: 'application/geo+json', body: JSON.stringify(builtInDataset()) });
  await page.goto('/?data=/shared/held.geojson');
  await page.getByRole('button', { name: 'Zoom in' }).focus();
  release();
  await expect(page.getByText('Showing 10 of 10 incidents')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zoom in' })).toBeFocused();
});

test('an unreadable file leaves the current map and says why', async ({ page }) => {
  await openMap(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a file…' }).click();
  await (await chooser).setFiles({ name: 'broken.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type": "FeatureCollection", "features": [') });
  await expect(page.getByRole('alert')).toContainText('broken.geojson could not be opened');
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
  await expect(markers(page)).toHaveCount(builtInDataset().features.length);
});

test('the rejection list downloads as CSV', async ({ page }) => {
  const dataset = builtInDataset();
  (dataset.features[2]!.geometry as { coordinates: unknown[] }).coordinates = ['x', 'y'];
  await serveDatasetInstead(page, JSON.stringify(dataset));
  await page.goto('/');
  // One rejected feature: no by-field count to repeat it.
  await expect(page.getByRole('list', { name: 'Not loaded', exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Not loaded, by field' })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the list' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('file,level,where,index,id,field,problem');
  expect(csv).toContain(`feature 3 (id ""${dataset.features[2]!.id}"")`);
  expect(csv).toContain('geometry.coordinates[0] (longitude)');
});

test('the map keeps its height from a big dataset’s first view on: the timeline’s place is kept for it', async ({ page }) => {
  // The first view is fitted to the map's size; the timeline came in a moment later and made the
  // map shorter, so the view's lower edge (and its clusters) went under it.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.addInitScript(() => {
    const w = window as unknown as { __mapHeights: number[] };
    w.__mapHeights = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'cm:first-view') w.__mapHeights.push(document.querySelector('.leaflet-container')!.clientHeight);
    }).observe({ type: 'mark' });
  });
  await openMap(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a file…' }).click();
  await (await chooser).setFiles(UCDP_SYRIA);
  const heights = () => page.evaluate(() => (window as unknown as { __mapHeights: number[] }).__mapHeights);
  await expect.poll(async () => (await heights()).length, { timeout: 20_000 }).toBe(1);
  await expect(page.getByRole('region', { name: 'Time' })).toBeVisible();
  const settled = await page.locator('.leaflet-container').evaluate((el) => el.clientHeight);
  expect(settled).toBe((await heights())[0]);
});

test('a file wrong the same way throughout says so in one line per field, above the rows', async ({ page }) => {
  const dataset = builtInDataset();
  for (const k of [1, 3, 5]) dataset.features[k]!.properties.date = { start: '14/07/2016', end: '2016-07-14', precision: 'day' };
  dataset.features[7]!.properties.title = 42 as unknown as string;
  await serveDatasetInstead(page, JSON.stringify(dataset));
  await page.goto('/');
  // Four rejections: the details are open from the start.
  await expect(page.getByRole('button', { name: 'Hide details' })).toBeVisible();
  const byField = page.getByRole('list', { name: 'Not loaded, by field' });
  await expect(byField.getByRole('listitem')).toHaveText(['properties.date.start: 3 features', 'properties.title: 1 feature']);
  await expect(page.getByRole('list', { name: 'Not loaded', exact: true }).getByRole('listitem').filter({ hasText: 'was not loaded' })).toHaveCount(4);
});
