import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { builtInDataset, expect, screenshot, serveDatasetInstead, test } from './fixtures';

const dataset = builtInDataset();
const total = dataset.features.length;
type Feature = (typeof dataset.features)[number];
const dateOf = (f: Feature) => f.properties.date as { start: string; end: string };
const shownCount = (page: Page) => page.getByRole('status').filter({ hasText: /^Showing [\d,]+ of [\d,]+ incidents$/ });
const startHandle = (page: Page) => page.getByRole('slider', { name: 'Start of the time range' });
const endHandle = (page: Page) => page.getByRole('slider', { name: 'End of the time range' });
const linkRange = (page: Page) => [new URL(page.url()).searchParams.get('from'), new URL(page.url()).searchParams.get('to')];
const isoOf = (day: string | null) => new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);
const inRange = (features: readonly Feature[], from: string, to: string) => features.filter((f) => dateOf(f).start <= to && dateOf(f).end >= from).length;

/** The timeline alone, beside the full-page screenshots, to look at its details. */
async function timelineShot(page: Page, name: string) {
  await screenshot(page, name);
  await page.getByRole('region', { name: 'Time' }).screenshot({ path: resolve(import.meta.dirname, 'screenshots', `${name}-timeline.png`) });
}

/** The built-in dataset with its incidents spread over July 2016, one every third day (1, 4, … 28 July): 28 day bars. */
function spreadOverJuly() {
  const spread = builtInDataset();
  spread.features.forEach((f, i) => {
    const day = `2016-07-${String(1 + 3 * i).padStart(2, '0')}`;
    f.properties.date = { start: day, end: day, precision: 'day' };
  });
  return spread;
}

/** Drags from the middle of an element to a point on the bars (a fraction of their width). */
async function dragTo(page: Page, from: Locator, fraction: number) {
  const grip = (await from.boundingBox())!;
  const bars = (await page.locator('.timeline-plot svg').boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(bars.x + bars.width * fraction, bars.y + bars.height / 2, { steps: 6 });
  await page.mouse.up();
}

/** The x of the line a handle draws (the range's edge), from its grip's box: the start's grip lies left of it, the end's right. */
async function edgeX(handle: Locator, which: 'start' | 'end') {
  const box = (await handle.boundingBox())!;
  return which === 'start' ? box.x + box.width - 2 : box.x + 2;
}

test('a link’s range wholly after or before the data: no crossed ends, no selection, a note that says so, counts of 0, the link kept', async ({ page }) => {
  await page.goto('/?from=2030-01-01&to=2031-01-01');
  await expect(shownCount(page)).toHaveText(`Showing 0 of ${total} incidents`);
  const timeline = page.getByRole('region', { name: 'Time' });
  await expect(timeline.locator('.timeline-range')).toHaveText('1 Jan 2030 – 1 Jan 2031');
  await expect(timeline).toContainText('The time range 1 Jan 2030 – 1 Jan 2031 is after these dates (the last bar ends 15 Jul 2016): no dated incident falls in it.');
  // Nothing on the bars to move, nothing selected, no bar drawn as counted.
  await expect(page.getByRole('slider')).toHaveCount(0);
  await expect(timeline.locator('.brush')).toHaveCount(0);
  await expect(timeline.locator('.bin.in-range')).toHaveCount(0);
  await expect(timeline.locator('.timeline-beyond.is-after')).toBeVisible();
  await page.waitForTimeout(1200); // past the link writer's refinement delay
  expect(linkRange(page)).toEqual(['2030-01-01', '2031-01-01']);
  await timelineShot(page, 'timeline-range-after');

  await timeline.getByRole('button', { name: 'Clear the time range' }).click();
  await expect(shownCount(page)).toHaveText(`Showing ${total} of ${total} incidents`);
  await expect.poll(() => linkRange(page)).toEqual([null, null]);
  await expect(startHandle(page)).toBeVisible();
  await expect(timeline.locator('.timeline-outside')).toHaveCount(0);

  await page.goto('/?from=2010&to=2011');
  await expect(shownCount(page)).toHaveText(`Showing 0 of ${total} incidents`);
  await expect(timeline).toContainText('The time range 1 Jan 2010 – 31 Dec 2011 is before these dates (the first bar begins 14 Jul 2016)');
  await expect(timeline.locator('.timeline-beyond.is-before')).toBeVisible();
  await expect(page.getByRole('slider')).toHaveCount(0);
  await timelineShot(page, 'timeline-range-before');
});

test('a link’s range reaching past the data: the cut end sits at the edge and says where the range really ends', async ({ page }) => {
  const spread = spreadOverJuly();
  await serveDatasetInstead(page, JSON.stringify(spread));
  await page.goto('/?from=2016-06-01&to=2016-07-10');
  await expect(shownCount(page)).toHaveText(`Showing ${inRange(spread.features, '2016-06-01', '2016-07-10')} of ${total} incidents`);
  await expect(page.locator('.timeline-range')).toHaveText('1 Jun 2016 – 10 Jul 2016');
  await expect(startHandle(page)).toHaveAttribute('aria-valuetext', '1 Jun 2016, before the first bar (1 Jul 2016)');
  await expect(endHandle(page)).toHaveAttribute('aria-valuetext', '10 Jul 2016');
  const bars = (await page.locator('.timeline-plot svg').boundingBox())!;
  expect(await edgeX(startHandle(page), 'start')).toBeCloseTo(bars.x, 0);
  expect(await edgeX(startHandle(page), 'start')).toBeLessThan(await edgeX(endHandle(page), 'end'));
  await timelineShot(page, 'timeline-range-cut');

  // Both ends past the bars; grabbing one and letting go where it is keeps the link's day.
  await page.goto('/?from=2016-06-01&to=2016-12-31');
  await expect(shownCount(page)).toHaveText(`Showing ${total} of ${total} incidents`);
  await expect(endHandle(page)).toHaveAttribute('aria-valuetext', '31 Dec 2016, after the last bar (28 Jul 2016)');
  expect(await edgeX(startHandle(page), 'start')).toBeLessThan(await edgeX(endHandle(page), 'end'));
  await dragTo(page, endHandle(page), 1);
  await page.waitForTimeout(1200);
  expect(linkRange(page)).toEqual(['2016-06-01', '2016-12-31']);
  // Dragged onto the bars, that end moves; the other stays the link's.
  await dragTo(page, endHandle(page), 14 / 28);
  await expect.poll(() => linkRange(page)).toEqual(['2016-06-01', '2016-07-14']);
  await expect(shownCount(page)).toHaveText(`Showing ${inRange(spread.features, '2016-06-01', '2016-07-14')} of ${total} incidents`);
});

test('each end of the range drags on its own, snaps to the bars and stops at the other end; brushing and the keys still work', async ({ page }) => {
  const spread = spreadOverJuly();
  await serveDatasetInstead(page, JSON.stringify(spread));
  await page.goto('/');
  await expect(shownCount(page)).toHaveText(`Showing ${total} of ${total} incidents`);
  const bars = (await page.locator('.timeline-plot svg').boundingBox())!;
  const edge = (i: number) => bars.x + (bars.width * i) / 28; // 28 day bars, 1–28 July

  // The start, dragged to a little past the edge of 8 July, snaps to it; the end stays at 28 July.
  await dragTo(page, startHandle(page), 7.3 / 28);
  await expect(startHandle(page)).toHaveAttribute('aria-valuetext', '8 Jul 2016');
  await expect(endHandle(page)).toHaveAttribute('aria-valuetext', '28 Jul 2016');
  expect(Math.abs(await edgeX(startHandle(page), 'start') - edge(7))).toBeLessThan(2);
  await expect.poll(() => linkRange(page)).toEqual(['2016-07-08', '2016-07-28']);
  await expect(shownCount(page)).toHaveText(`Showing ${inRange(spread.features, '2016-07-08', '2016-07-28')} of ${total} incidents`);

  // The end, dragged to a little short of the end of 21 July; the start stays.
  await dragTo(page, endHandle(page), 20.8 / 28);
  await expect(endHandle(page)).toHaveAttribute('aria-valuetext', '21 Jul 2016');
  await expect(startHandle(page)).toHaveAttribute('aria-valuetext', '8 Jul 2016');
  expect(Math.abs(await edgeX(endHandle(page), 'end') - edge(21))).toBeLessThan(2);
  await expect.poll(() => linkRange(page)).toEqual(['2016-07-08', '2016-07-21']);
  await expect(shownCount(page)).toHaveText(`Showing ${inRange(spread.features, '2016-07-08', '2016-07-21')} of ${total} incidents`);
  await timelineShot(page, 'timeline-handles-dragged');

  // Dragged past the start, the end stops at it: one bar, 8 July, never crossed.
  await dragTo(page, endHandle(page), 2 / 28);
  await expect(endHandle(page)).toHaveAttribute('aria-valuetext', '8 Jul 2016');
  await expect(startHandle(page)).toHaveAttribute('aria-valuetext', '8 Jul 2016');
  expect(await edgeX(startHandle(page), 'start')).toBeLessThan(await edgeX(endHandle(page), 'end'));
  await expect.poll(() => linkRange(page)).toEqual(['2016-07-08', '2016-07-08']);
  await timelineShot(page, 'timeline-handles-one-bar');
  // And the start, dragged past the end, stops at it too.
  await dragTo(page, startHandle(page), 27 / 28);
  await expect.poll(() => linkRange(page)).toEqual(['2016-07-08', '2016-07-08']);

  // Brushing elsewhere on the bars: from the right half of 23 July to the right half of 26 July selects those bars.
  await page.mouse.move(edge(22.7), bars.y + bars.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge(25.7), bars.y + bars.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => linkRange(page)).toEqual(['2016-07-23', '2016-07-26']);
  await expect(shownCount(page)).toHaveText(`Showing ${inRange(spread.features, '2016-07-23', '2016-07-26')} of ${total} incidents`);

  // The keys: the end a bar later; the start, pushed right, stops at the end's bar.
  await endHandle(page).focus();
  await page.keyboard.press('ArrowRight');
  await expect(endHandle(page)).toHaveAttribute('aria-valuetext', '27 Jul 2016');
  await startHandle(page).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await expect(startHandle(page)).toHaveAttribute('aria-valuetext', '27 Jul 2016');
  await expect.poll(() => linkRange(page)).toEqual(['2016-07-27', '2016-07-27']);
  expect(isoOf(await startHandle(page).getAttribute('aria-valuenow'))).toBe('2016-07-27');
});

test('a time range on a dataset with no dates is said where the timeline would be, and can be cleared there', async ({ page }) => {
  const undated = builtInDataset();
  for (const f of undated.features) delete (f.properties as Record<string, unknown>).date;
  await serveDatasetInstead(page, JSON.stringify(undated));
  await page.goto('/?from=2016-07-01&to=2016-07-31');
  // Undated incidents are left out while a range is set: none is shown, and the reader is told why.
  await expect(shownCount(page)).toHaveText(`Showing 0 of ${total} incidents`);
  const note = page.getByRole('region', { name: 'Time' });
  await expect(note).toContainText('Time range 1 Jul 2016 – 31 Jul 2016 is set, but no incident here has a date, so none is shown while it is.');
  await expect(page.getByRole('slider')).toHaveCount(0);
  await timelineShot(page, 'timeline-undated-range');

  await note.getByRole('button', { name: 'Clear the time range' }).click();
  await expect(shownCount(page)).toHaveText(`Showing ${total} of ${total} incidents`);
  await expect.poll(() => linkRange(page)).toEqual([null, null]);
  await expect(page.getByRole('region', { name: 'Time' })).toHaveCount(0); // no dates, no timeline: as before
});

test('a link’s range on a dated dataset never says the data has no dates while the bars are counted', async ({ page }) => {
  // The bars come just after the first answer: in between, the page must not take the missing
  // bars for a dataset without dates.
  await page.addInitScript(() => {
    const w = window as unknown as { __undatedSeen: boolean };
    w.__undatedSeen = false;
    new MutationObserver(() => { if (document.querySelector('.undated-range')) w.__undatedSeen = true; })
      .observe(document, { subtree: true, childList: true });
  });
  await page.goto('/?from=2016-07-14&to=2016-07-14');
  await expect(page.getByRole('slider', { name: 'Start of the time range' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __undatedSeen: boolean }).__undatedSeen)).toBe(false);
});
