import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { builtInDataset, expect, markers, openMap, screenshot, sharedPath, test } from './fixtures';

const dataset = builtInDataset();
type Feature = (typeof dataset.features)[number];
const dateOf = (f: Feature) => f.properties.date as { start: string; end: string };
const sourcesOf = (f: Feature) => (f.properties.sources as Array<{ source: string }>).map((s) => s.source);
const placeOf = (f: Feature) => f.properties.place as unknown as { precision: string };
const barad = dataset.features.find((f) => f.properties.place.name === 'Barad')!;

const UCDP_SYRIA = sharedPath('datasets', 'ucdp-ged-syria-2016-2019.csv');
const incidentList = (page: Page) => page.getByRole('listbox', { name: /incidents?\. Arrow keys/ });
const shownCount = (page: Page) => page.getByRole('status').filter({ hasText: /^Showing [\d,]+ of [\d,]+ incidents$/ });

/** The real UCDP Syria CSV at /ucdp-syria.csv on this site, as a ?data= link would fetch it. */
async function serveUcdpSyria(page: Page) {
  const body = readFileSync(UCDP_SYRIA);
  await page.context().route((url) => url.pathname === '/ucdp-syria.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv', body }));
}

test('a deep link restores actors, time range, filters, search and the selected incident', async ({ page }) => {
  // Opposition and government layers only (ISIS, US, Russia, UN off), 15 July, shelling and airstrikes, according to SOHR, searching "Barad".
  const hide = ['isis', 'united-states', 'russia', 'united-nations'];
  const types = ['shelling', 'airstrike'];
  const search = '?hide=' + hide.join(',') + '&type=' + types.join(',') + '&source=sohr&from=2016-07-15&to=2016-07-15&q=Barad&id=' + barad.id;
  await page.goto('/' + search);

  // What the link describes, counted from the dataset file.
  const expected = dataset.features.filter((f) => f.properties.actors.some((a) => !hide.includes(a.actor))
    && types.includes(f.properties.eventType as string) && sourcesOf(f).includes('sohr')
    && dateOf(f).start <= '2016-07-15' && dateOf(f).end >= '2016-07-15'
    && /barad/i.test(`${f.properties.title} ${f.properties.story as string} ${f.properties.place.name}`));
  expect(expected.map((f) => f.id)).toContain(barad.id);
  await expect(shownCount(page)).toHaveText(`Showing ${expected.length} of ${dataset.features.length} incidents`);
  await expect(markers(page)).toHaveCount(expected.length);

  // The popup of the selected incident is open, and the panels show the filters.
  await expect(page.locator('.leaflet-popup').getByRole('heading', { name: barad.properties.title })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: dataset.actors.opposition!.name })).toBeChecked();
  await expect(page.getByRole('searchbox')).toHaveValue('Barad');
  await expect(page.getByRole('slider', { name: 'Start of the time range' })).toHaveAttribute('aria-valuetext', '15 Jul 2016');
  await expect(page.getByRole('slider', { name: 'End of the time range' })).toHaveAttribute('aria-valuetext', '15 Jul 2016');
  await expect(incidentList(page).getByRole('option', { selected: true })).toContainText(barad.properties.title);
  // The address is the view: nothing was lost or reordered away when the app rewrote it.
  const params = new URL(page.url()).searchParams;
  expect(params.get('hide')!.split(',').sort()).toEqual([...hide].sort());
  expect(params.get('id')).toBe(barad.id);
  expect(params.get('q')).toBe('Barad');
  await screenshot(page, 'deep-link');
});

test('a link with unknown or invalid parts opens the rest of the view and says what it ignored', async ({ page }) => {
  await page.goto('/?hide=isis,not-an-actor&from=2016-02-30&to=2016-07-15&colour=red&map=99/0/0');
  await expect(shownCount(page)).toBeVisible();
  const notices = page.locator('.link-notices');
  await expect(notices).toContainText('not-an-actor');
  await expect(notices).toContainText('colour');
  await expect(notices).toContainText('2016-02-30');
  // ISIS is still hidden: the valid part of the link applies.
  const withoutIsis = dataset.features.filter((f) => f.properties.actors.some((a) => a.actor !== 'isis'));
  await expect(shownCount(page)).toHaveText(`Showing ${withoutIsis.length} of ${dataset.features.length} incidents`);
  await notices.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notices).toHaveCount(0);
});

test('brushing the timeline over a year of UCDP events shows exactly the events the dataset dates in that range', async ({ page }) => {
  await serveUcdpSyria(page);
  await page.goto('/?data=/ucdp-syria.csv');
  await expect(shownCount(page)).toHaveText('Showing 16,566 of 16,566 incidents', { timeout: 30_000 });
  const plot = page.locator('.timeline-plot svg');
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.27, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.31, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();

  // The range brushed, as the handles say it (days since 1970), then the count the CSV gives for it.
  const isoOf = (day: string | null) => new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);
  const startHandle = page.getByRole('slider', { name: 'Start of the time range' });
  const endHandle = page.getByRole('slider', { name: 'End of the time range' });
  await expect(page.getByRole('button', { name: 'All dates' })).toBeEnabled(); // a range is set
  const from = isoOf(await startHandle.getAttribute('aria-valuenow')), to = isoOf(await endHandle.getAttribute('aria-valuenow'));
  // The link follows (refinements are written a moment later).
  await expect.poll(() => [new URL(page.url()).searchParams.get('from'), new URL(page.url()).searchParams.get('to')]).toEqual([from, to]);
  const rows = Papa.parse<Record<string, string>>(readFileSync(UCDP_SYRIA, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const day = (s: string) => s.slice(0, 10);
  const inRange = rows.filter((r) => day(r.date_start!) <= to && day(r.date_end!) >= from).length;
  expect(inRange).toBeGreaterThan(0);
  expect(inRange).toBeLessThan(rows.length);
  await expect(shownCount(page)).toHaveText(`Showing ${inRange.toLocaleString('en-GB')} of 16,566 incidents`);
  await expect(page.getByRole('region', { name: 'Find incidents' })).toContainText(`${inRange.toLocaleString('en-GB')} of 16,566 incidents`);

  // Keyboard: the end handle moves a bar at a time, and the count follows the data again.
  await endHandle.focus();
  await page.keyboard.press('ArrowRight');
  await expect(endHandle).not.toHaveAttribute('aria-valuenow', String(Date.parse(`${to}T00:00:00Z`) / 86_400_000));
  const to2 = isoOf(await endHandle.getAttribute('aria-valuenow'));
  expect(to2 > to).toBe(true);
  const inRange2 = rows.filter((r) => day(r.date_start!) <= to2 && day(r.date_end!) >= from).length;
  await expect(shownCount(page)).toHaveText(`Showing ${inRange2.toLocaleString('en-GB')} of 16,566 incidents`);
  await screenshot(page, 'timeline-brushed');
});

test('keyboard only: from page load through the list to an incident’s sources', async ({ page }) => {
  await openMap(page);
  // The panels load just after the map (their own chunks): the reader sees the list before tabbing to it.
  await expect(incidentList(page)).toBeVisible();
  // Tab until the list has focus (the header, the search and the filters come first).
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('role') === 'listbox')) break;
  }
  await expect(incidentList(page)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const selected = incidentList(page).getByRole('option', { selected: true });
  await expect(selected).toHaveCount(1);
  const title = (await selected.locator('.row-title').textContent())!.replace(/ \(claimed\)$/, '');
  // Newest first: the second row is the second newest incident (ties by id), and its popup is open while focus stays in the list.
  // (The first row's popup fades out for 200 ms after the second opens: this is the second's.)
  const popup = page.locator('.leaflet-popup', { has: page.getByRole('heading', { name: title }) });
  await expect(popup.getByRole('heading', { name: title })).toBeVisible();
  await expect(incidentList(page)).toBeFocused();
  await page.keyboard.press('Enter');
  // Enter reads the sources: focus lands on them, and they name who reported it.
  await expect(popup.locator('.sources-heading')).toBeFocused();
  const incident = dataset.features.find((f) => f.properties.title === title)!;
  const outlets = dataset.sources as Record<string, { name: string }>;
  for (const id of sourcesOf(incident)) await expect(popup).toContainText(outlets[id]!.name);
  await page.keyboard.press('Escape');
  await expect(popup).toHaveCount(0);
  await expect(incidentList(page)).toBeFocused(); // back where the reader came from
});

test('selecting a marker highlights its row; Back and Forward step through filter changes', async ({ page }) => {
  await openMap(page);
  await page.locator(`[data-incident-id="${barad.id}"]`).click();
  await expect(incidentList(page).getByRole('option', { selected: true })).toContainText(barad.properties.title);
  await expect(incidentList(page).getByRole('option', { selected: true })).toBeInViewport();
  await page.keyboard.press('Escape');

  await page.getByRole('checkbox', { name: dataset.actors.isis!.name }).uncheck();
  await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('isis');
  await page.waitForTimeout(900); // a separate step in the history, not a refinement of the last one
  await page.getByRole('checkbox', { name: /Precise locations only/ }).check();
  await expect.poll(() => new URL(page.url()).searchParams.get('precise')).toBe('1');
  const precise = dataset.features.filter((f) => f.properties.actors.some((a) => a.actor !== 'isis')
    && ['site', 'village', 'district'].includes(placeOf(f).precision));
  await expect(shownCount(page)).toHaveText(`Showing ${precise.length} of ${dataset.features.length} incidents`);

  await page.goBack();
  await expect(page.getByRole('checkbox', { name: /Precise locations only/ })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).not.toBeChecked();
  await page.goBack();
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).toBeChecked();
  await expect(shownCount(page)).toHaveText(`Showing ${dataset.features.length} of ${dataset.features.length} incidents`);
  await page.goForward();
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).not.toBeChecked();
});

test('the first change after the page opens is a step of its own, however soon it comes: Back returns to the opened map', async ({ page }) => {
  await openMap(page);
  // At once: the built-in map can be ready within a second of navigating.
  await page.getByRole('checkbox', { name: dataset.actors.isis!.name }).uncheck();
  await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('isis');
  await page.goBack();
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).toBeChecked();
  expect(new URL(page.url()).searchParams.get('hide')).toBeNull();
});

test('a link naming ids the data lacks is corrected in place, not as a new step: one Back leaves the app', async ({ page }) => {
  await page.goto('/?hide=isis,ghost-actor');
  // Counted rather than stepped back through: whether the browser keeps the page's first blank
  // entry varies (under load it replaced it, and Back had nowhere to go).
  const entries = await page.evaluate(() => history.length);
  await expect(page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+ incidents$/ })).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('isis');
  await expect(page.getByRole('checkbox', { name: dataset.actors.isis!.name })).not.toBeChecked();
  // Refinements are written a moment later: past that, still the one entry the link opened.
  await page.waitForTimeout(1000);
  expect(await page.evaluate(() => history.length)).toBe(entries);
  expect(new URL(page.url()).searchParams.get('hide')).toBe('isis');
});

test('a link hiding an actor that never acts (UCDP civilians, only ever a target) says it has no layer and drops it', async ({ page }) => {
  await serveUcdpSyria(page);
  await page.goto('/?data=/ucdp-syria.csv&hide=civilians');
  await expect(shownCount(page)).toHaveText(/^Showing ([\d,]{6}) of \1 incidents$/, { timeout: 30_000 });
  await expect(page.getByText('The link hides an actor that never acts in this dataset, so has no layer to hide: "civilians".')).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBeNull();
  // The layers' counts are written as the page's other counts are: 16,566, not 16566.
  const countCells = page.getByRole('region', { name: 'Actors' }).locator('.count');
  await expect(countCells.first()).toBeVisible();
  const counts = await countCells.allTextContents();
  expect(counts.some((c) => /^\d{1,3}(,\d{3})+$/.test(c)), counts.join(' ')).toBe(true);
  expect(counts.every((c) => /^\d{1,3}(,\d{3})*$/.test(c)), counts.join(' ')).toBe(true);
});

test('search is diacritic- and script-insensitive: Mijimir, al-Mijimir and المجيمر find the same incident', async ({ page }) => {
  await openMap(page);
  const mijimir = dataset.features.filter((f) => /mijimir/i.test(`${f.properties.title} ${f.properties.story as string} ${f.properties.place.name}`)
    || (f.properties.place as { nameAr?: string }).nameAr === 'المجيمر');
  for (const query of ['Mijimir', 'al-Mijimir', 'المجيمر']) {
    await page.getByRole('searchbox').fill(query);
    await expect(shownCount(page)).toHaveText(`Showing ${mijimir.length} of ${dataset.features.length} incidents`);
  }
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByRole('searchbox')).toHaveValue('');
  await expect(shownCount(page)).toHaveText(`Showing ${dataset.features.length} of ${dataset.features.length} incidents`);
});

test('phone size: the map stays the main thing, the timeline stays, the panels are a bottom sheet', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openMap(page);
  const map = (await page.locator('.conflict-map').boundingBox())!;
  expect(map.width).toBe(390);
  expect(map.height).toBeGreaterThan(844 * 0.55);
  await expect(page.getByRole('region', { name: 'Time' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Actors' })).toHaveCount(0); // in the sheet, not over the map
  await expect(page.locator('.place-name', { hasText: /^Damascus$/ })).toBeVisible(); // the basemap is drawn
  await screenshot(page, 'phone-closed');

  await page.getByRole('tab', { name: /^List/ }).click();
  await expect(incidentList(page)).toBeVisible();
  await incidentList(page).getByRole('option').first().click();
  await expect(page.locator('.leaflet-popup')).toBeVisible();
  await screenshot(page, 'phone-list');
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Filters' }).click();
  await page.getByRole('searchbox').fill('Deir');
  await expect(shownCount(page)).not.toHaveText(`Showing ${dataset.features.length} of ${dataset.features.length} incidents`);
  await page.getByRole('tab', { name: 'Layers & share' }).click();
  await expect(page.getByRole('region', { name: 'Actors' })).toBeVisible();
  await screenshot(page, 'phone-layers');
});

test('phone size: the sheet’s tabs follow the WAI-ARIA tabs pattern by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openMap(page);
  const tab = (name: 'List' | 'Filters' | 'Layers & share') => page.getByRole('tab', { name: name === 'List' ? /^List/ : name });
  const panel = page.getByRole('tabpanel');
  const focusedTab = () => page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab' ? document.activeElement.textContent : null);
  /** Only `name` is in the Tab order (tabindex 0); the others are reached with the arrows. */
  const inTabOrder = async (name: 'List' | 'Filters' | 'Layers & share') => {
    for (const other of ['List', 'Filters', 'Layers & share'] as const) await expect(tab(other)).toHaveAttribute('tabindex', other === name ? '0' : '-1');
  };

  // Tab from the timeline reaches the sheet's one tab in the Tab order (the sheet is closed: nothing selected yet).
  await page.getByRole('slider', { name: 'End of the time range' }).focus();
  for (let i = 0; i < 10 && (await focusedTab()) === null; i++) await page.keyboard.press('Tab');
  await expect(tab('List')).toBeFocused();
  await inTabOrder('List');
  for (const name of ['List', 'Filters', 'Layers & share'] as const) {
    await expect(tab(name)).toHaveAttribute('aria-selected', 'false');
    await expect(tab(name)).toHaveAttribute('aria-controls', 'sheet-body');
  }
  // The panel every tab controls exists even while closed (hidden), so aria-controls always names an element.
  await expect(page.locator('#sheet-body')).toBeHidden();

  // Enter opens the sheet on the focused tab; the panel is labelled by it.
  await page.keyboard.press('Enter');
  await expect(tab('List')).toHaveAttribute('aria-selected', 'true');
  await expect(panel).toHaveAttribute('id', 'sheet-body');
  await expect(panel).toHaveAttribute('aria-labelledby', (await tab('List').getAttribute('id'))!);
  await expect(incidentList(page)).toBeVisible();

  // Automatic activation while open: the arrows move focus and show that tab's panel at once.
  await page.keyboard.press('ArrowRight');
  await expect(tab('Filters')).toBeFocused();
  await expect(tab('Filters')).toHaveAttribute('aria-selected', 'true');
  await expect(tab('List')).toHaveAttribute('aria-selected', 'false');
  await expect(panel.getByRole('searchbox')).toBeVisible();
  await inTabOrder('Filters');
  await page.keyboard.press('ArrowRight');
  await expect(tab('Layers & share')).toBeFocused();
  await expect(panel.getByRole('region', { name: 'Actors' })).toBeVisible();
  await page.keyboard.press('ArrowRight'); // wraps to the first
  await expect(tab('List')).toBeFocused();
  await expect(incidentList(page)).toBeVisible();
  await page.keyboard.press('ArrowLeft'); // and back round to the last
  await expect(tab('Layers & share')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab('List')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tab('Layers & share')).toBeFocused();
  await expect(tab('Layers & share')).toHaveAttribute('aria-selected', 'true');
  await inTabOrder('Layers & share');
  await screenshot(page, 'phone-tabs-keyboard');

  // Tab leaves the tab list for the panel (not the next tab); Shift+Tab comes back to the selected tab.
  await page.keyboard.press('Tab');
  expect(await focusedTab()).toBeNull();
  expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await expect(tab('Layers & share')).toBeFocused();

  // Enter on the open tab closes the sheet; the arrows then move without opening it (it would cover the map); Space opens it.
  await page.keyboard.press('Enter');
  await expect(page.locator('#sheet-body')).toBeHidden();
  await expect(tab('Layers & share')).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Filters')).toBeFocused();
  await inTabOrder('Filters');
  await expect(page.locator('#sheet-body')).toBeHidden();
  for (const name of ['List', 'Filters', 'Layers & share'] as const) await expect(tab(name)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press(' ');
  await expect(tab('Filters')).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByRole('searchbox')).toBeVisible();
});

test('the list of 16,000 incidents draws only the rows in sight, and the keys reach its last row', async ({ page }) => {
  await serveUcdpSyria(page);
  await page.goto('/?data=/ucdp-syria.csv');
  await expect(shownCount(page)).toHaveText(/^Showing ([\d,]{6}) of \1 incidents$/, { timeout: 30_000 });
  const total = Number((await shownCount(page).textContent())!.match(/of ([\d,]+)/)![1]!.replace(/,/g, ''));
  const list = incidentList(page);
  const rows = list.getByRole('option');
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(total));
  // A few dozen rows in the DOM, whatever the total: those in sight and a few each side.
  const drawn = await rows.count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(40);

  // Scrolling by hand draws the rows that come into sight, fetched from the worker (nothing is
  // selected yet, so nothing scrolls the list back to a selection).
  await list.evaluate((element) => { element.scrollTop = 58 * 5000; });
  const middle = list.locator('[aria-posinset="5001"]');
  await expect(middle).toBeInViewport();
  await expect(middle).not.toContainText('Loading…');
  expect(await rows.count()).toBeLessThan(40);

  // End goes to the last row: selected, scrolled into sight, its story open on the map.
  await list.focus();
  await page.keyboard.press('End');
  const last = list.locator(`[aria-posinset="${total}"]`);
  await expect(last).toHaveAttribute('aria-selected', 'true', { timeout: 10_000 });
  await expect(last).not.toContainText('Loading…');
  await expect(last).toBeInViewport();
  const box = (await last.boundingBox())!, view = (await list.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height + 1);
  await expect(page.locator('.leaflet-popup')).toBeVisible();
  expect(await rows.count()).toBeLessThan(40);

  // Home goes back to the first; PageUp from there stays at it.
  await page.keyboard.press('Home');
  const first = list.locator('[aria-posinset="1"]');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(first).toBeInViewport();
  await page.keyboard.press('PageUp');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(first).toBeInViewport();
});
