import { builtInDataset, expect, markers, openMap, screenshot, test } from './fixtures';

const dataset = builtInDataset();
const isisOnly = dataset.features.filter((f) => f.properties.actors.every((a) => a.actor === 'isis'));

test('unchecking ISIS removes the ISIS-only incidents; checking it restores them', async ({ page }) => {
  expect(isisOnly.length).toBeGreaterThan(0);
  await openMap(page);
  const layers = page.getByRole('region', { name: 'Actors' });
  const isis = layers.getByRole('checkbox', { name: dataset.actors.isis!.name });
  await expect(isis).toBeChecked();
  await isis.uncheck();
  await expect(markers(page)).toHaveCount(dataset.features.length - isisOnly.length);
  for (const f of isisOnly) await expect(page.locator(`[data-incident-id="${f.id}"]`)).toHaveCount(0);
  await expect(page.getByText(`Showing ${dataset.features.length - isisOnly.length} of ${dataset.features.length} incidents`)).toBeVisible();
  await screenshot(page, 'actors-isis-hidden');
  await isis.check();
  await expect(markers(page)).toHaveCount(dataset.features.length);
  for (const f of isisOnly) await expect(page.locator(`[data-incident-id="${f.id}"]`)).toHaveCount(1);
});

test('every actor is listed with its incident count; None and All switch them all', async ({ page }) => {
  await openMap(page);
  const layers = page.getByRole('region', { name: 'Actors' });
  for (const [id, actor] of Object.entries(dataset.actors)) {
    const count = dataset.features.filter((f) => f.properties.actors.some((a) => a.actor === id)).length;
    await expect(layers.getByRole('listitem').filter({ hasText: actor.name }).getByLabel(`${count} ${count === 1 ? 'incident' : 'incidents'}`)).toBeVisible();
  }
  await layers.getByRole('button', { name: 'Hide all actors' }).click();
  await expect(markers(page)).toHaveCount(0);
  await expect(layers.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await layers.getByRole('button', { name: 'Show all actors' }).click();
  await expect(markers(page)).toHaveCount(dataset.features.length);
});

test('an incident with several actors stays while any of them is checked', async ({ page }) => {
  const shared = dataset.features.find((f) => f.properties.actors.length > 1)!;
  const [a, b] = shared.properties.actors.map((x) => dataset.actors[x.actor]!.name);
  await openMap(page);
  const layers = page.getByRole('region', { name: 'Actors' });
  await layers.getByRole('checkbox', { name: a }).uncheck();
  await expect(page.locator(`[data-incident-id="${shared.id}"]`)).toHaveCount(1);
  await layers.getByRole('checkbox', { name: b }).uncheck();
  await expect(page.locator(`[data-incident-id="${shared.id}"]`)).toHaveCount(0);
});
