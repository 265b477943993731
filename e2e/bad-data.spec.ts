import { builtInDataset, expect, markers, screenshot, serveDatasetInstead, test } from './fixtures';

test('a dataset with broken features shows the notice, names each problem, and still shows the rest', async ({ page }) => {
  const dataset = builtInDataset();
  const [first, second] = [dataset.features[1]!, dataset.features[4]!];
  (first.geometry as { coordinates: unknown[] }).coordinates = [40.1, 135];
  first.properties.actors[0]!.actor = 'unknown-militia';
  delete (second.properties as Record<string, unknown>).title;
  await serveDatasetInstead(page, JSON.stringify(dataset));
  await page.goto('/');

  const notice = page.getByRole('status').filter({ hasText: 'Some data was not loaded' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(`${dataset.features.length - 2} of ${dataset.features.length} loaded, 2 not loaded`);
  await expect(notice).toContainText(`feature 2 (id "${first.id}")`);
  await expect(notice).toContainText('geometry.coordinates[1] (latitude)');
  await expect(notice).toContainText('should be between -90 and 90, but is 135');
  await expect(notice).toContainText('actor "unknown-militia", which the dataset does not define');
  await expect(notice).toContainText(`feature 5 (id "${second.id}")`);
  await expect(notice).toContainText('properties.title');
  await expect(markers(page)).toHaveCount(dataset.features.length - 2);
  await expect(page.locator(`[data-incident-id="${first.id}"]`)).toHaveCount(0);
  await screenshot(page, 'bad-feature-notice');
});

test('an unreadable dataset file gets a clear message, not a blank page', async ({ page }) => {
  await serveDatasetInstead(page, '{"type": "FeatureCollection", "features": [ {"type": "Feature",, } ] }');
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The dataset could not be opened');
  await expect(alert).toContainText('is not valid JSON');
  await screenshot(page, 'unreadable-file');
});
