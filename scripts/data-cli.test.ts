import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInDatasetJson, repoRoot } from '../src/test-support/fixtures';

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/data-cli.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: result.status, out: result.stdout + result.stderr, stdout: result.stdout };
}
const validate = (...files: string[]) => cli('validate', ...files);

describe('npm run data -- validate', () => {
  it('passes the built-in dataset with exit code 0', () => {
    const { code, out } = validate('data/incidents.geojson');
    expect(out).toMatch(/✓ data\/incidents\.geojson: (\d+) of \1 incidents loaded, 0 rejected, 0 warnings/);
    expect(code).toBe(0);
  });

  it('names each rejected feature and field, and exits with 1', () => {
    const json = builtInDatasetJson();
    const feature = json.features[5] as { id: string; geometry: { coordinates: number[] } };
    feature.geometry.coordinates = [36.5, 135];
    const file = join(mkdtempSync(join(tmpdir(), 'cm-')), 'broken.geojson');
    writeFileSync(file, JSON.stringify(json));
    const { code, out } = validate(file);
    expect(out).toContain(`feature 6 (id "${feature.id}") was not loaded:`);
    expect(out).toContain('geometry.coordinates[1] (latitude): should be between -90 and 90, but is 135');
    expect(out).toContain(`${json.features.length - 1} of ${json.features.length} incidents loaded, 1 rejected`);
    expect(code).toBe(1);
  });

  it('says plainly when a file cannot be read, and exits with 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-'));
    writeFileSync(join(dir, 'not-json.geojson'), '{ "type": ');
    const { code, out } = validate(join(dir, 'not-json.geojson'), join(dir, 'missing.geojson'));
    expect(out).toMatch(/not-json\.geojson is not valid JSON/);
    expect(out).toMatch(/missing\.geojson: cannot be read/);
    expect(code).toBe(2);
  });
});

describe('npm run data -- convert and stats', () => {
  it('converts our own format losslessly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-'));
    const { code, out } = cli('convert', 'data/incidents.geojson', '-o', join(dir, 'out.geojson'));
    expect(code).toBe(0);
    expect(out).toMatch(/Wrote \d+ incidents/);
    const original = builtInDatasetJson();
    const converted = JSON.parse(readFileSync(join(dir, 'out.geojson'), 'utf8'));
    expect(converted.features).toEqual(original.features);
    expect(converted.actors).toEqual(original.actors);
    expect(converted.sources).toEqual(original.sources);
  });

  it('counts incidents by actor, type and year', () => {
    const { code, stdout } = cli('stats', 'data/incidents.geojson');
    expect(code).toBe(0);
    expect(stdout).toMatch(/By actor:\n(.|\n)*\s2 {2}ISIS/);
    expect(stdout).toMatch(/By year:\n\s+\d+ {2}2016/);
  });

  it('documents itself and refuses wrong usage', () => {
    expect(cli('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('convert <file> [-o out.geojson]') });
    expect(cli('convert').code).toBe(64);
    expect(cli('frobnicate', 'x').out).toContain('Unknown command "frobnicate"');
  });
});

describe('npm run data -- on the standard conflict datasets', () => {
  it('validates an ACLED file row by row, naming lines and fields, and exits with 1', () => {
    const { code, out } = validate('src/data/acled/fixtures/acled-tricky.csv');
    expect(out).toMatch(/row \d+ \(line \d+\) was not loaded:\n\s+latitude: should be a number, but is the text "thirty-five"/);
    expect(out).toMatch(/✗ src\/data\/acled\/fixtures\/acled-tricky\.csv: (\d+) of (\d+) incidents loaded, (\d+) rejected/);
    const [, loaded, total, rejected] = /(\d+) of (\d+) incidents loaded, (\d+) rejected/.exec(out)!.map(Number);
    expect(loaded! + rejected!).toBe(total);
    expect(code).toBe(1);
  });

  it('converts the UCDP GED GeoJSON for the Central African Republic, every feature, into our format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-'));
    const out = join(dir, 'car.geojson');
    const { code } = cli('convert', '../shared/datasets/ucdp-ged-23.1-central-african-republic.geojson', '-o', out);
    expect(code).toBe(0);
    const converted = JSON.parse(readFileSync(out, 'utf8'));
    expect(converted.features).toHaveLength(1848);
    // Our format reopens as it was written: a second conversion changes nothing.
    const again = join(dir, 'again.geojson');
    expect(cli('convert', out, '-o', again).code).toBe(0);
    expect(JSON.parse(readFileSync(again, 'utf8'))).toEqual(converted);
  });
});
