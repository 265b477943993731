import type { Page } from '@playwright/test';
import { builtInDataset, expect, openMap, screenshot, test } from './fixtures';

// A file "from the reader's computer": the first seven built-in incidents (government 2, ISIS 2, opposition 3).
const dataset = builtInDataset();
const events = { ...dataset, features: dataset.features.slice(0, 7) };
const eventsFile = { name: 'events.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(events)) };
const otherFile = { name: 'other.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ ...dataset, features: dataset.features.slice(0, 4) })) };
const barad = dataset.features.find((f) => f.properties.place.name === 'Barad')!;
const total = dataset.features.length;

const shownCount = (page: Page) => page.getByRole('status').filter({ hasText: /^Showing [\d,]+ of [\d,]+ incidents$/ });
const notices = (page: Page) => page.locator('.link-notices');
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);
/** A link's query without the map's position (the map writes where it settled): the view's other parts, as written. */
const viewPart = (url: string) => new URL(url).search.replace(/[?&]map=[^&]*/, '').replace(/^&/, '?');

/** Opens `file` with the button named `button` (the header's, or the notice's "Open events.geojson…"). */
async function openFile(page: Page, file: typeof eventsFile, button = 'Open a file…') {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
}

/** "Copy link" in the share panel, and the link it gives. */
async function copiedLink(page: Page): Promise<string> {
  const panel = page.getByRole('region', { name: 'Share and export' });
  await panel.getByRole('button', { name: 'Copy link' }).click();
  return panel.getByRole('textbox', { name: 'Link to this view' }).inputValue();
}

test('a link to a view of a local file says so, keeps its filters off the built-in data, and applies them once that file is opened', async ({ page }) => {
  const link = `/?file=events.geojson&hide=isis&type=shelling,not-a-type&id=${barad.id}&sort=oldest`;
  await page.goto(link);
  await expect(notices(page)).toContainText('This link shows a view of events.geojson, a file opened from someone’s computer, which a link cannot bring.');
  // The built-in data, unfiltered: nothing of the view was applied to it.
  await expect(shownCount(page)).toHaveText(`Showing ${total} of ${total} incidents`);
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).toBeChecked();
  await expect(page.locator('.leaflet-popup')).toHaveCount(0);
  await expect(page.locator('.place-name', { hasText: /^Damascus$/ })).toBeVisible(); // the basemap is drawn
  await screenshot(page, 'link-to-local-file');
  // The address stays the link (a reload or Back finds it), while "Copy link" gives what is shown.
  await page.waitForTimeout(1000);
  expect(param(page, 'file')).toBe('events.geojson');
  expect(viewPart(await copiedLink(page))).toBe('?sort=oldest');

  // The reader's first change is a new step; Back returns to the link's step and says so again, the map left as it was.
  await page.getByRole('checkbox', { name: dataset.actors.russia!.name }).uncheck();
  await expect.poll(() => viewPart(page.url())).toBe('?hide=russia&sort=oldest');
  await notices(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(notices(page)).toHaveCount(0);
  await page.goBack();
  expect(param(page, 'file')).toBe('events.geojson');
  await expect(notices(page)).toContainText('Back or Forward went to a view of events.geojson');
  await expect(page.getByRole('checkbox', { name: dataset.actors.russia!.name })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).toBeChecked();

  // Opening the file from the notice shows the link's view, checked against the file.
  await openFile(page, eventsFile, 'Open events.geojson…');
  const shelledByOpposition = events.features.filter((f) => f.properties.eventType === 'shelling' && f.properties.actors.some((a) => a.actor !== 'isis'));
  await expect(shownCount(page)).toHaveText(`Showing ${shelledByOpposition.length} of ${events.features.length} incidents`);
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).not.toBeChecked();
  await expect(page.locator('.leaflet-popup').getByRole('heading', { name: barad.properties.title })).toBeVisible();
  await expect(notices(page)).toContainText('The link asks for an event type this dataset doesn\'t have: "not-a-type".');
  await expect(notices(page)).not.toContainText('events.geojson, a file');
  expect(param(page, 'file')).toBe('events.geojson');
  await page.keyboard.press('Escape');
  // Its link names the file, and the share panel says what that means.
  const panel = page.getByRole('region', { name: 'Share and export' });
  await expect(panel).toContainText('This dataset is events.geojson, opened from your computer, which a link cannot bring.');
  const copied = new URL(await copiedLink(page));
  expect(copied.searchParams.get('file')).toBe('events.geojson');
  expect(copied.searchParams.get('hide')).toBe('isis');
  expect(copied.searchParams.get('type')).toBe('shelling');
  await panel.getByRole('button', { name: 'Cite this view' }).click();
  await expect(panel.getByRole('textbox', { name: 'Citation' })).toHaveValue(/\?file=events\.geojson&hide=isis&type=shelling&/);
});

test('a colleague opening the link with another file gets that file afresh, and is told why', async ({ page, context }) => {
  await openMap(page);
  await openFile(page, eventsFile);
  await expect(shownCount(page)).toHaveText(`Showing 7 of 7 incidents`);
  await page.getByRole('checkbox', { name: dataset.actors.isis!.name }).uncheck();
  await expect(shownCount(page)).toHaveText(`Showing 5 of 7 incidents`);
  const link = await copiedLink(page);
  expect(viewPart(link)).toBe('?file=events.geojson&hide=isis');

  const colleague = await context.newPage();
  await colleague.goto(link);
  await expect(notices(colleague)).toContainText('This link shows a view of events.geojson');
  await expect(shownCount(colleague)).toHaveText(`Showing ${total} of ${total} incidents`);
  await openFile(colleague, otherFile);
  await expect(shownCount(colleague)).toHaveText('Showing 4 of 4 incidents');
  await expect(colleague.getByRole('checkbox', { name: dataset.actors.isis!.name })).toBeChecked();
  await expect(notices(colleague)).toContainText('The view waiting to be shown is of events.geojson, so other.geojson opened afresh, without it. Open events.geojson to see that view.');
  await screenshot(colleague, 'link-to-local-file-other-file');
  await expect.poll(() => param(colleague, 'file')).toBe('other.geojson');
  expect(param(colleague, 'hide')).toBeNull();
  // The wrong file was picked: the view still waits for the right one.
  await openFile(colleague, eventsFile, 'Open events.geojson…');
  await expect(shownCount(colleague)).toHaveText(`Showing 5 of 7 incidents`);
  await expect(colleague.getByRole('checkbox', { name: dataset.actors.isis!.name })).not.toBeChecked();
  await expect(notices(colleague)).toHaveCount(0);
  await expect.poll(() => viewPart(colleague.url())).toBe('?file=events.geojson&hide=isis');
});

test('opening the file that is open again is a step of its own: Back returns to its filtered view', async ({ page }) => {
  await openMap(page);
  await openFile(page, eventsFile);
  await expect(shownCount(page)).toHaveText('Showing 7 of 7 incidents');
  await page.waitForTimeout(900);
  await page.getByRole('checkbox', { name: dataset.actors['syrian-government']!.name }).uncheck();
  await expect.poll(() => viewPart(page.url())).toBe('?file=events.geojson&hide=syrian-government');
  await page.waitForTimeout(900);
  // The same file again: it opens afresh, as a new step, not in place of the filtered one.
  await openFile(page, eventsFile);
  await expect.poll(() => viewPart(page.url())).toBe('?file=events.geojson');
  await expect(shownCount(page)).toHaveText('Showing 7 of 7 incidents');
  await page.goBack();
  await expect(shownCount(page)).toHaveText('Showing 5 of 7 incidents');
  await expect(page.getByRole('checkbox', { name: dataset.actors['syrian-government']!.name })).not.toBeChecked();
});

test('Back and Forward across opening a local file never put one dataset\'s filters on the other', async ({ page }) => {
  await openMap(page);
  const mark = () => page.evaluate(() => (window as { cmMark?: number }).cmMark);
  const setMark = () => page.evaluate(() => { (window as { cmMark?: number }).cmMark = 1; });
  await setMark();

  // Built-in: ISIS off (A). Then the file, afresh (B), and government off in it (C).
  await page.getByRole('checkbox', { name: dataset.actors.isis!.name }).uncheck();
  await expect.poll(() => param(page, 'hide')).toBe('isis');
  await page.waitForTimeout(900);
  await openFile(page, eventsFile);
  await expect(shownCount(page)).toHaveText('Showing 7 of 7 incidents');
  await expect.poll(() => viewPart(page.url())).toBe('?file=events.geojson');
  await page.waitForTimeout(900);
  await page.getByRole('checkbox', { name: dataset.actors['syrian-government']!.name }).uncheck();
  await expect(shownCount(page)).toHaveText('Showing 5 of 7 incidents');
  await expect.poll(() => viewPart(page.url())).toBe('?file=events.geojson&hide=syrian-government');

  // Back to B: the same file, so its view applies in place.
  await page.goBack();
  await expect(shownCount(page)).toHaveText('Showing 7 of 7 incidents');
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).toBeChecked();
  expect(await mark()).toBe(1);

  // Back to A, the built-in dataset's: the page reloads at it (ISIS off on the built-in data), not ISIS off on the file.
  const reloaded = page.waitForEvent('load');
  await page.goBack();
  await reloaded;
  const withoutIsis = dataset.features.filter((f) => f.properties.actors.some((a) => a.actor !== 'isis'));
  await expect(shownCount(page)).toHaveText(`Showing ${withoutIsis.length} of ${total} incidents`);
  expect(await mark()).toBeUndefined();
  await setMark();

  // Forward to B: its file is not open, and a reload can't open it. The notice says so, and the map stays as it was.
  await page.goForward();
  await expect(notices(page)).toContainText('Back or Forward went to a view of events.geojson, a file opened from a computer, which they cannot reopen.');
  expect(param(page, 'file')).toBe('events.geojson');
  await expect(shownCount(page)).toHaveText(`Showing ${withoutIsis.length} of ${total} incidents`);
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).not.toBeChecked();
  await screenshot(page, 'history-to-local-file');
  expect(viewPart(await copiedLink(page))).toBe('?hide=isis'); // the link is to what is shown
  // Forward to C, likewise.
  await page.goForward();
  expect(param(page, 'hide')).toBe('syrian-government');
  await expect(page.getByRole('checkbox', { name: dataset.actors['syrian-government']!.name })).toBeChecked();
  await expect(shownCount(page)).toHaveText(`Showing ${withoutIsis.length} of ${total} incidents`);
  expect(await mark()).toBe(1);

  // Opening the file shows the step Forward went to (C).
  await openFile(page, eventsFile, 'Open events.geojson…');
  await expect(shownCount(page)).toHaveText('Showing 5 of 7 incidents');
  await expect(page.getByRole('checkbox', { name: dataset.actors['syrian-government']!.name })).not.toBeChecked();
  await expect(notices(page)).toHaveCount(0);
  // And Back to B is the same file again: applied in place.
  await page.goBack();
  await expect(shownCount(page)).toHaveText('Showing 7 of 7 incidents');
  expect(await mark()).toBe(1);
});
