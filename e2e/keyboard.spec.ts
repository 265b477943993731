import { builtInDataset, expect, openMap, screenshot, test } from './fixtures';

const dataset = builtInDataset();

test('keyboard only: Tab reaches a marker, Enter opens its story, Escape closes it and returns focus', async ({ page }) => {
  await openMap(page);
  let focusedId: string | undefined;
  for (let i = 0; i < 40 && !focusedId; i++) {
    await page.keyboard.press('Tab');
    focusedId = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.incidentId);
  }
  expect(focusedId, 'a marker is reachable with Tab').toBeDefined();
  const incident = dataset.features.find((f) => f.id === focusedId)!;
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', new RegExp(incident.properties.title.replace(/[()?]/g, '.')));
  await page.keyboard.press('Enter');
  const popup = page.locator('.leaflet-popup');
  await expect(popup.getByRole('heading', { name: incident.properties.title })).toBeVisible();
  await screenshot(page, 'keyboard-popup');
  await page.keyboard.press('Escape');
  await expect(popup).toHaveCount(0);
  await expect(page.locator(':focus')).toHaveAttribute('data-incident-id', incident.id);
});

test('the actor checkboxes work from the keyboard', async ({ page }) => {
  await openMap(page);
  const isis = page.getByRole('checkbox', { name: dataset.actors.isis!.name });
  await isis.focus();
  await page.keyboard.press('Space');
  await expect(isis).not.toBeChecked();
});
