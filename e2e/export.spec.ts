import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { builtInDataset, expect, openMap, test } from './fixtures';

const dataset = builtInDataset();
const withoutIsis = dataset.features.filter((f) => f.properties.actors.some((a) => a.actor !== 'isis'));

test('the filtered view exports as our GeoJSON format, as CSV and as a citation', async ({ page }) => {
  await openMap(page);
  await page.getByRole('checkbox', { name: dataset.actors.isis!.name }).uncheck();
  const exportPanel = page.getByRole('region', { name: 'Share and export' });

  const geojsonDownload = page.waitForEvent('download');
  // From the keyboard: the button keeps the focus while the file is written, and the panel says when it is.
  await exportPanel.getByRole('button', { name: 'GeoJSON' }).focus();
  await page.keyboard.press('Enter');
  const geojsonFile = await geojsonDownload;
  await expect(exportPanel.getByRole('status')).toHaveText(`The GeoJSON file is written: your browser saves it as ${geojsonFile.suggestedFilename()}.`);
  await expect(exportPanel.getByRole('button', { name: 'GeoJSON' })).toBeFocused();
  await expect(exportPanel.getByRole('alert')).toHaveCount(0);
  const geojson = JSON.parse(readFileSync((await geojsonFile.path())!, 'utf8'));
  expect(geojson.type).toBe('FeatureCollection');
  expect(geojson.features.map((f: { id: string }) => f.id).sort()).toEqual(withoutIsis.map((f) => f.id).sort());
  expect(geojson.features).toEqual(dataset.features.filter((f) => withoutIsis.includes(f)));
  expect(Object.keys(geojson.actors)).toContain('syrian-government');
  expect(geojson.dataset.description).toMatch(/Exported from Conflict Map on \d{4}-\d{2}-\d{2}: \d+ of \d+ incidents/);

  const csvDownload = page.waitForEvent('download');
  await exportPanel.getByRole('button', { name: 'CSV' }).click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
  const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(rows.errors).toEqual([]);
  expect(rows.meta.fields?.slice(0, 3)).toEqual(['id', 'title', 'date_start']);
  expect(rows.data.map((r) => r.id).sort()).toEqual(withoutIsis.map((f) => f.id).sort());
  const barad = rows.data.find((r) => r.place === 'Barad')!;
  expect(barad.sources).toContain('Syrian Observatory for Human Rights (UK-based), reported');
  expect(barad.story).toBe(dataset.features.find((f) => f.properties.place.name === 'Barad')!.properties.story);

  await exportPanel.getByRole('button', { name: 'Cite this view' }).click();
  const citation = exportPanel.getByRole('textbox', { name: 'Citation' });
  await expect(citation).toHaveValue(new RegExp(`${withoutIsis.length} of ${dataset.features.length} incidents`));
  // The citation's link reopens this view: ISIS switched off (at this page's address, whatever port the tests use).
  const origin = new URL(page.url()).origin.replace(/[.]/g, '\\.');
  await expect(citation).toHaveValue(new RegExp(`Viewed with Conflict Map on \\d{4}-\\d{2}-\\d{2}: ${origin}/\\?hide=isis`));

  await exportPanel.getByRole('button', { name: 'Copy link' }).click();
  await expect(exportPanel.getByRole('textbox', { name: 'Link to this view' })).toHaveValue(page.url());
  expect(new URL(page.url()).searchParams.get('hide')).toBe('isis');
});
