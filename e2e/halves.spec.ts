import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { bigCsv, expect, screenshot, sharedPath, test } from './fixtures';

/*
 * A large CSV file is read by two workers, half each (worker/half-reading.ts), from 64 MB; with
 * ?bench=1, `halves-from` lowers that, so that these files are read in halves too.
 */

const SYRIA = 'ucdp-ged-syria-2016-2019.csv';

/** How the page says the worker read the file: its second half taken over from a helper, read here after all, or no helper (null). */
async function halvesOf(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const ready = performance.getEntriesByName('cm:data-ready').at(-1) as PerformanceMark | undefined;
    return ready ? ready.detail.halves : 'not ready';
  });
}

/** The last data row of the synthetic file: in the second half. */
function lastRow(body: Buffer): string[] {
  const lines = body.toString('utf8').trimEnd().split('\n');
  return lines[lines.length - 1]!.split(',');
}

/**
 * A server of its own on this machine (another site, to the app), sending the file whole or, when
 * `ranges`, in parts when asked, as static servers do. A real server rather than a route: the
 * browser does not let Playwright see a worker's worker's requests. Gives its address and the ranges asked.
 */
async function serveElsewhere(body: Buffer, ranges: boolean): Promise<{ url: string; asked: string[]; close(): Promise<void> }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const headers = { 'content-type': 'text/csv', 'access-control-allow-origin': '*', 'access-control-expose-headers': 'content-range' };
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (req.headers.range) asked.push(req.headers.range);
    if (!ranges || !range) return void res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
    const start = Number(range[1]);
    res.writeHead(206, { ...headers, 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` }).end(body.subarray(start));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/big.csv`, asked, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('a link to a large CSV is read in halves, the second from a range of the file, and holds every row; one in the second half opens with its story', async ({ page }) => {
  test.setTimeout(90_000);
  const body = bigCsv();
  const served = await serveElsewhere(body, true);
  try {
    const [id, , sideA, sideB, , headline] = lastRow(body);
    const [best, low, high] = lastRow(body).slice(-3);
    await page.goto(`/?data=${encodeURIComponent(served.url)}&bench=1&halves-from=4000000&id=${id}`);
    await expect(page.getByText('Showing 100,000 of 100,000 incidents')).toBeVisible({ timeout: 60_000 });
    // The helper asked for the file from two bytes before its middle.
    expect(served.asked).toEqual([`bytes=${Math.floor(body.length / 2) - 2}-`]);
    expect(await halvesOf(page)).toBe('taken');
    // Its details, read again from the text the helper read (moved to the dataset's worker).
    const details = page.getByRole('article').filter({ hasText: headline! });
    await expect(details.getByRole('heading', { level: 2 })).toContainText(`${sideA} - ${sideB}`);
    await expect(details).toContainText(`${best} killed (best estimate; low ${low}, high ${high})`);
    await screenshot(page, 'halves-link');
  } finally {
    await served.close();
  }
});

test('a server that does not send parts of a file: the link still opens, read by one worker', async ({ page }) => {
  test.setTimeout(90_000);
  const body = bigCsv();
  const served = await serveElsewhere(body, false);
  try {
    await page.goto(`/?data=${encodeURIComponent(served.url)}&bench=1&halves-from=4000000`);
    await expect(page.getByText('Showing 100,000 of 100,000 incidents')).toBeVisible({ timeout: 60_000 });
    expect(served.asked).toHaveLength(1);
    expect(await halvesOf(page)).toBe('read here');
  } finally {
    await served.close();
  }
});

/** Opens `bytes` as `name` with the file picker, on a page opened with `params`; gives the import's report: counts, and every row not loaded with its reasons. */
async function reportOf(page: Page, params: string, name: string, bytes: Buffer): Promise<string> {
  await page.goto(`/${params}`);
  await expect(page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+ incidents$/ })).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a file…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: bytes });
  const summary = page.getByRole('status').filter({ hasText: name });
  await expect(summary).toContainText(/loaded/, { timeout: 30_000 });
  const shown = await page.getByText(/^Showing [\d,]+ of [\d,]+ incidents$/).textContent();
  return `${await halvesOf(page)}\n${shown}\n${await summary.textContent()}`;
}

test('the real Syria export through the file picker, read in halves, reports exactly what one worker reports', async ({ page }) => {
  test.setTimeout(90_000);
  const syria = readFileSync(sharedPath('datasets', SYRIA));
  const text = syria.toString('utf8');
  // A row of the first half again at the end (its id repeats across the halves), and a row of the second half with a latitude that is not one.
  const firstRow = text.split('\r\n')[1]!;
  const rows = text.split('\r\n');
  // latitude, longitude, then geom_wkt "POINT (…)": the first row from 80% on written so.
  let k = Math.floor(rows.length * 0.8);
  while (!/,\d+\.\d+,\d+\.\d+,"?POINT/.test(rows[k]!)) k++;
  rows[k] = rows[k]!.replace(/,\d+\.\d+,(\d+\.\d+,"?POINT)/, ',north,$1');
  const changed = Buffer.from(`${rows.join('\r\n').trimEnd()}\r\n${firstRow}\r\n`);
  for (const [bytes, how] of [[syria, 'taken'], [changed, 'read here']] as const) {
    const whole = await reportOf(page, '', SYRIA, bytes);
    const halves = await reportOf(page, '?bench=1&halves-from=1000000', SYRIA, bytes);
    expect(whole.split('\n')[0]).toBe('null');
    // A row of the second half with an id the first half loaded: which is loaded is the first worker's to say, so it reads that half itself.
    expect(halves.split('\n')[0]).toBe(how);
    expect(halves.split('\n').slice(1)).toEqual(whole.split('\n').slice(1));
    expect(whole).toMatch(/not loaded/);
  }
  await expect(page.getByRole('status').filter({ hasText: SYRIA })).toContainText('latitude');
  await screenshot(page, 'halves-syria-report');
});

/** Opens `bytes` with the file picker on a page opened with `params`, and exports every incident as GeoJSON: the file's features. */
async function exportedFeatures(page: Page, params: string, name: string, bytes: Buffer): Promise<unknown[]> {
  await reportOf(page, params, name, bytes);
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Share and export' }).getByRole('button', { name: 'GeoJSON' }).click();
  return JSON.parse(readFileSync((await (await download).path())!, 'utf8')).features;
}

test('every incident of the Syria export read in halves exports exactly as read by one worker: each read again from the text, the half kept as bytes too', async ({ page }) => {
  test.setTimeout(120_000);
  const syria = readFileSync(sharedPath('datasets', SYRIA));
  const whole = await exportedFeatures(page, '', SYRIA, syria);
  const halves = await exportedFeatures(page, '?bench=1&halves-from=1000000', SYRIA, syria);
  expect(await halvesOf(page)).toBe('taken');
  expect(whole.length).toBeGreaterThan(16_000);
  expect(halves).toEqual(whole);
});
