import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readRepoFile, readSharedFile } from '../../test-support/fixtures';
import { importDatasetText } from '../import/import-dataset';
import { importGeoJsonText } from '../geojson/import-geojson';
import type { IncidentFeature } from '../incident-types';
import type { LoadedDataset } from '../validate-dataset';
import { csvWriter, geoJsonWriter, type ExportWriter } from './export-writer';
import { toIncidentCollection } from './to-geojson';

function loaded(text: string, fileName: string): LoadedDataset {
  const result = importDatasetText(text, fileName);
  if (!result.ok) throw new Error(result.error);
  return result.dataset;
}

const builtIn = loaded(readRepoFile('data/incidents.geojson'), 'incidents.geojson');
const ucdp = loaded(readSharedFile('datasets/ucdp-ged-syria-2016-2019.csv'), 'ucdp-ged-syria-2016-2019.csv');

/** The whole file, the incidents given `batch` at a time. */
function written(writer: ExportWriter, incidents: readonly IncidentFeature[], batch: number): string {
  let body = '';
  for (let at = 0; at < incidents.length; at += batch) body += writer.add(incidents.slice(at, at + batch));
  return writer.head() + body + writer.tail();
}

describe('csvWriter', () => {
  it('writes one row per incident, with names rather than ids, that a CSV reader gives back', () => {
    const text = written(csvWriter(builtIn), builtIn.incidents, 4);
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(rows.errors).toEqual([]);
    expect(rows.meta.fields).toEqual([
      'id', 'title', 'date_start', 'date_end', 'date_precision', 'place', 'place_arabic', 'place_precision', 'uncertainty_km', 'latitude', 'longitude',
      'event_type', 'actors', 'targets', 'casualties', 'casualties_best', 'story', 'sources', 'source_row',
    ]);
    expect(rows.data.map((r) => [r.id, r.title, r.story, r.place, r.place_arabic, r.latitude, r.longitude])).toEqual(builtIn.incidents.map((f) => [
      f.id, f.properties.title, f.properties.story, f.properties.place.name, f.properties.place.nameAr ?? '', String(f.geometry.coordinates[1]), String(f.geometry.coordinates[0]),
    ]));
    const barad = rows.data.find((r) => r.place === 'Barad')!;
    expect(barad.sources).toContain('Syrian Observatory for Human Rights (UK-based), reported');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes the same text however the incidents are batched, and a header alone for none', () => {
    const whole = written(csvWriter(ucdp), ucdp.incidents, ucdp.incidents.length);
    expect(written(csvWriter(ucdp), ucdp.incidents, 1000)).toBe(whole);
    expect(written(csvWriter(builtIn), builtIn.incidents, 1)).toBe(written(csvWriter(builtIn), builtIn.incidents, 100));
    expect(Papa.parse(whole, { header: true, skipEmptyLines: true }).data).toHaveLength(ucdp.incidents.length);
    expect(written(csvWriter(ucdp), [], 10)).toBe(`${csvWriter(ucdp).head()}`);
    expect(csvWriter(ucdp).head()).toMatch(/^id,title,date_start,.*,source_row\r\n$/);
  });
});

describe('geoJsonWriter', () => {
  const note = 'Exported from Conflict Map on 2026-11-29: 3 of 10 incidents, as filtered at the time.';

  it('writes what toIncidentCollection makes, one feature a line, whatever the batches', () => {
    for (const [dataset, incidents] of [[builtIn, builtIn.incidents], [builtIn, builtIn.incidents.slice(2, 5)], [ucdp, ucdp.incidents.slice(0, 3000)], [builtIn, []]] as const) {
      const text = written(geoJsonWriter(dataset, note), incidents, 7);
      expect(JSON.parse(text)).toEqual(toIncidentCollection(dataset, incidents, note));
      expect(written(geoJsonWriter(dataset, note), incidents, 1000)).toBe(text);
      const lines = text.split('\n');
      for (const incident of incidents) expect(lines).toContain(`    ${JSON.stringify(incident)}${incident === incidents.at(-1) ? '' : ','}`);
    }
  });

  it('re-imports as the same incidents, with only the definitions they use', () => {
    const chosen = builtIn.incidents.filter((f) => f.properties.actors.every((a) => a.actor !== 'isis'));
    const again = importGeoJsonText(written(geoJsonWriter(builtIn, note), chosen, 2), 'export.geojson', {});
    if (!again.ok) throw new Error(again.error);
    expect(again.dataset.incidents).toEqual(chosen);
    expect(again.dataset.rejected).toEqual([]);
    expect(again.dataset.metadata.description).toBe(`${builtIn.metadata.description}\n\n${note}`);
    expect(Object.keys(again.dataset.actors).sort()).toEqual([...new Set(chosen.flatMap((f) => [...f.properties.actors, ...f.properties.targets].map((a) => a.actor)))].sort());
  });
});
