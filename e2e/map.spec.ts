import { builtInDataset, expect, markers, openMap, screenshot, test } from './fixtures';

const dataset = builtInDataset();
const barad = dataset.features.find((f) => f.properties.place.name === 'Barad')!;

test('the map opens offline with every incident of the dataset on it', async ({ page, blockedRequests }) => {
  await openMap(page);
  await expect(markers(page)).toHaveCount(dataset.features.length);
  await expect(page.getByText(`Showing ${dataset.features.length} of ${dataset.features.length} incidents`)).toBeVisible();
  // The map is a named region for assistive technology; its markers are inside it.
  const map = page.getByRole('region', { name: 'Map of reported incidents' });
  await expect(map).toBeVisible();
  await expect(map.locator('.incident-marker')).toHaveCount(dataset.features.length);
  // The built-in basemap: land drawn on canvas, town labels, credited sources.
  // Land is drawn in canvas tiles: some hold the land's colour, and some are sea (left clear) in part.
  const tiles = page.locator('.leaflet-basemap-land-pane canvas');
  await expect.poll(() => tiles.count()).toBeGreaterThan(4);
  const painted = () => tiles.evaluateAll((canvases) => {
    let land = 0, sea = 0;
    for (const canvas of canvases as HTMLCanvasElement[]) {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4 * 97) {
        if (data[i] === 0xf3 && data[i + 1] === 0xf0 && data[i + 2] === 0xe8 && data[i + 3] === 255) land++;
        else if (data[i + 3] === 0) sea++;
      }
    }
    return { land: land > 100, sea: sea > 100 };
  });
  await expect.poll(painted).toEqual({ land: true, sea: true });
  await expect(page.locator('.place-name', { hasText: /^Damascus$/ })).toBeVisible();
  await expect(page.locator('.leaflet-control-attribution')).toContainText('Natural Earth');
  await expect(page.locator('.leaflet-control-attribution')).toContainText('GeoNames');
  // Every marker has an accessible name with its incident's title.
  for (const feature of dataset.features) {
    await expect(page.locator('.leaflet-marker-pane').getByRole('button', { name: feature.properties.title })).toHaveCount(1);
  }
  await screenshot(page, 'map-initial');
  expect(blockedRequests, 'the default map needs no outside request').toEqual([]);
});

test('the first view is Syria; diplomacy abroad is listed and reachable', async ({ page }) => {
  await openMap(page);
  const abroad = dataset.features.filter((f) => f.properties.layer === 'diplomacy');
  expect(abroad.length).toBeGreaterThan(0);
  const mapBox = (await page.locator('.conflict-map').boundingBox())!;
  for (const feature of dataset.features) {
    const box = await page.locator(`[data-incident-id="${feature.id}"]`).boundingBox();
    const inView = box !== null && box.x >= mapBox.x && box.x + box.width <= mapBox.x + mapBox.width && box.y >= mapBox.y && box.y + box.height <= mapBox.y + mapBox.height;
    expect(inView, `${feature.id} in the first view`).toBe(feature.properties.layer !== 'diplomacy');
  }
  const moscow = abroad.find((f) => f.properties.place.name === 'Moscow')!;
  await page.getByRole('navigation', { name: 'Incidents outside the first view' }).getByRole('button', { name: /^Go to Moscow/ }).click();
  const popup = page.locator('.leaflet-popup');
  await expect(popup.getByRole('heading', { name: moscow.properties.title })).toBeVisible();
  await expect(popup).toContainText('State Department');
  await screenshot(page, 'map-moscow');
  await page.getByRole('button', { name: 'Back to the conflict area' }).click();
  await expect(popup).toHaveCount(0);
  await expect(page.locator(`[data-incident-id="${barad.id}"]`)).toBeInViewport();
});

test('clicking the Barad marker shows its story with SOHR’s attribution and the casualty figures', async ({ page }) => {
  await openMap(page);
  await page.getByRole('button', { name: new RegExp(barad.properties.title.replace(/[()]/g, '.')) }).click();
  const popup = page.locator('.leaflet-popup');
  await expect(popup.getByRole('heading', { name: barad.properties.title })).toBeVisible();
  await expect(popup).toContainText('Syrian Observatory for Human Rights');
  await expect(popup).toContainText('UK-based');
  await expect(popup).toContainText('at least one woman killed');
  await expect(popup).toContainText('several wounded');
  await expect(popup).toContainText('according to Syrian Observatory for Human Rights');
  await expect(popup).toContainText('برد');
  await expect(popup).toContainText('the village or town itself, within about 1.5 km');
  await screenshot(page, 'popup-barad');
  // Only one popup, ever: selecting another incident replaces it.
  const other = dataset.features.find((f) => f.properties.place.name !== 'Barad' && f.properties.layer === 'conflict')!;
  await page.locator(`[data-incident-id="${other.id}"]`).click();
  await expect(page.locator('.leaflet-popup')).toHaveCount(1);
  await expect(popup.getByRole('heading', { name: other.properties.title })).toBeVisible();
});

test('a claim is shown as a claim', async ({ page }) => {
  await openMap(page);
  const claim = dataset.features.find((f) => (f.properties.sources as Array<{ status: string }>).every((s) => s.status === 'claimed'))!;
  expect(claim).toBeDefined();
  await page.locator(`[data-incident-id="${claim.id}"]`).click();
  await expect(page.locator('.leaflet-popup')).toContainText('reported only as a claim');
  await expect(page.locator(`[data-incident-id="${claim.id}"] path[stroke-dasharray]`)).toHaveCount(1);
});

test('About this dataset shows its provenance, licence and the digest’s recommended reads', async ({ page }) => {
  await openMap(page);
  await page.getByRole('button', { name: 'About this dataset' }).click();
  const dialog = page.getByRole('dialog', { name: 'About this dataset' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Licence');
  await expect(dialog).toContainText('Marie Colvin');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('OpenStreetMap is an option in the base-layer switcher, never a requirement', async ({ page, blockedRequests }) => {
  await openMap(page);
  await page.locator('.leaflet-control-layers').hover();
  await page.getByRole('radio', { name: /OpenStreetMap/ }).check();
  await expect.poll(() => blockedRequests.some((url) => url.includes('tile.openstreetmap.org'))).toBe(true);
  await expect(page.locator('.leaflet-control-attribution')).toContainText('OpenStreetMap');
  await expect(page.locator('.place-name', { hasText: /^Damascus$/ })).toHaveCount(0);
  await expect(markers(page)).toHaveCount(dataset.features.length);
  await page.getByRole('radio', { name: /Offline map/ }).check();
  await expect(page.locator('.place-name', { hasText: /^Damascus$/ })).toBeVisible();
  await expect(page.locator('.leaflet-control-attribution')).not.toContainText('OpenStreetMap');
});

test('a link to an incident outside the dataset’s first view opens the map on it, its story in sight', async ({ page }) => {
  // Moscow is far outside the box the map first fits (Syria): the map must end on Moscow, not be
  // moved there and then back by the fit.
  const moscow = dataset.features.find((f) => f.properties.place.name === 'Moscow')!;
  await page.goto(`/?id=${moscow.id}`);
  const popup = page.locator('.leaflet-popup');
  await expect(popup.getByRole('heading', { name: moscow.properties.title })).toBeVisible();
  // The map looks at Moscow (the address says where, once it has been written), and the popup is in the map's box.
  const [lng, lat] = (moscow.geometry as { coordinates: [number, number] }).coordinates;
  const nearMoscow = () => {
    const [, mapLat, mapLng] = (new URL(page.url()).searchParams.get('map') ?? '0/0/0').split('/').map(Number);
    return Math.abs(mapLat! - lat!) < 4 && Math.abs(mapLng! - lng!) < 6;
  };
  await expect.poll(nearMoscow, { message: 'the map ends near Moscow' }).toBe(true);
  // The address is written at most every 250 ms: still there a while later.
  await page.waitForTimeout(800);
  expect(nearMoscow(), `the map stays there: map=${new URL(page.url()).searchParams.get('map')}`).toBe(true);
  // Once the popup's own pan has ended.
  const popupOnMap = async () => {
    const map = (await page.getByRole('region', { name: 'Map of reported incidents' }).boundingBox())!;
    const box = await popup.boundingBox();
    return box !== null && box.x >= map.x - 1 && box.y >= map.y - 1 && box.x + box.width <= map.x + map.width + 1 && box.y + box.height <= map.y + map.height + 1;
  };
  await expect.poll(popupOnMap, { message: 'its popup is on the map' }).toBe(true);
});

test('markers of nearby incidents are spread on a ring around where they happened, at the zoom shown', async ({ page }) => {
  // The Deir Ezzor incidents lie within a few kilometres: at the first view they would cover each
  // other, so they are spread around their own centre, not around a centre of the zoom before.
  await page.goto('/?bench=1');
  await expect(markers(page)).toHaveCount(dataset.features.length);
  const deir = dataset.features.filter((f) => /^deir-ezzor/.test(f.id));
  expect(deir.length).toBe(4);
  const measure = () => page.evaluate((ids) => {
    const map = (window as unknown as { __cmBench: { map: { latLngToContainerPoint(ll: [number, number]): { x: number; y: number }; getContainer(): HTMLElement } } }).__cmBench.map;
    const origin = map.getContainer().getBoundingClientRect();
    return ids.map(({ id, lng, lat }) => {
      const box = document.querySelector(`.incident-marker[data-incident-id="${id}"]`)!.getBoundingClientRect();
      const at = map.latLngToContainerPoint([lat, lng]);
      return { drawn: { x: box.left + box.width / 2 - origin.left, y: box.top + box.height / 2 - origin.top }, at };
    });
  }, deir.map((f) => { const [lng, lat] = (f.geometry as { coordinates: [number, number] }).coordinates; return { id: f.id, lng, lat }; }));
  const mean = (points: Array<{ x: number; y: number }>) => ({ x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length });
  await expect.poll(async () => {
    const m = await measure();
    const drawn = mean(m.map((p) => p.drawn)), at = mean(m.map((p) => p.at));
    // The ring's centre is the incidents' own, and every marker is near it (the ring, not a shift).
    return Math.hypot(drawn.x - at.x, drawn.y - at.y) < 4 && m.every((p) => Math.hypot(p.drawn.x - at.x, p.drawn.y - at.y) < 40);
  }, { message: 'the Deir Ezzor markers ring their own place' }).toBe(true);
  // And they no longer cover each other.
  const m = await measure();
  for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) expect(Math.hypot(m[i]!.drawn.x - m[j]!.drawn.x, m[i]!.drawn.y - m[j]!.drawn.y)).toBeGreaterThan(15);
});

test('on a short window a story’s popup and its marker are both in sight, the story scrolling within', async ({ page }) => {
  // 1280×720 (a common laptop window): the map is ~550 px tall. A popup of the full height, panned
  // into sight below the panels on top, put its marker under the timeline.
  await page.setViewportSize({ width: 1280, height: 720 });
  await openMap(page);
  const factory = dataset.features.find((f) => f.id === 'deir-ezzor-ied-factory-airstrike-2016-07-14-15')!;
  const marker = page.locator(`.incident-marker[data-incident-id="${factory.id}"]`);
  await marker.click();
  const popup = page.locator('.leaflet-popup');
  await expect(popup.getByRole('heading', { name: factory.properties.title })).toBeVisible();
  const map = (await page.locator('.leaflet-container').boundingBox())!;
  const inMap = async (box: { x: number; y: number; width: number; height: number } | null) =>
    box !== null && box.y >= map.y && box.y + box.height <= map.y + map.height && box.x >= map.x && box.x + box.width <= map.x + map.width;
  await expect.poll(async () => (await inMap(await marker.boundingBox())) && (await inMap(await popup.boundingBox())), { message: 'the marker and its popup lie within the map' }).toBe(true);
  // The window grows shorter with the story open: the popup follows.
  await page.setViewportSize({ width: 1280, height: 640 });
  await expect.poll(async () => (await page.locator('.leaflet-container').boundingBox())!.height).toBeLessThan(map.height - 50);
  const shorter = (await page.locator('.leaflet-container').boundingBox())!;
  await expect.poll(async () => {
    const [m, p] = [await marker.boundingBox(), await popup.boundingBox()];
    return m !== null && p !== null && p.y >= shorter.y && m.y + m.height <= shorter.y + shorter.height;
  }, { message: 'after the window shrank, the marker and its popup lie within the map' }).toBe(true);
  // The story is all there, to be scrolled to: its sources at the end.
  const content = popup.locator('.leaflet-popup-content');
  expect(await content.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  await expect(content).toContainText('Syrian Observatory for Human Rights');
  await screenshot(page, 'popup-short-window');
});
