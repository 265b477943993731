/**
 * npm run data -- <command> <file> — the command line for incident data, on the same core code as
 * the browser (src/data/import), so both load and reject the same rows.
 */
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DatasetImport } from '../src/data/import/import-dataset';
import { toIncidentCollection } from '../src/data/export/to-geojson';
import type { LoadedDataset } from '../src/data/validate-dataset';
import { datasetStats } from '../src/model/dataset-stats';
import { errorMessage } from '../src/data/error-message';

const HELP = `Usage: npm run data -- <command> <file> [options]

Reads GeoJSON (our dataset format or any GeoJSON), UCDP GED (CSV or GeoJSON) and ACLED (CSV).

Commands:
  validate <file>…              Check files; print every row or feature not loaded, with its field and reason.
  convert <file> [-o out.geojson] Convert to the Conflict Map dataset format (data/README.md);
                                 without -o, writes to standard output. Rows not loaded are listed on stderr.
  stats <file>                  Counts of incidents by actor, event type and year.

Exit codes: 0 all rows loaded; 1 some rows were not loaded; 2 a file could not be read; 64 wrong usage.
`;

type Loaded = { ok: true; dataset: LoadedDataset; file: string } | { ok: false; code: 2 };

/**
 * Reads a file in chunks into the import, as the browser's worker does: a CSV is cut into pieces
 * between rows (text-pieces.ts), so one larger than a JavaScript string can hold is read too.
 */
function load(file: string): Loaded {
  const importing = new DatasetImport(file);
  try {
    const fd = openSync(file, 'r');
    try {
      const decoder = new TextDecoder('utf-8');
      const buffer = Buffer.alloc(1 << 24);
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) importing.write(decoder.decode(buffer.subarray(0, read), { stream: true }));
      importing.write(decoder.decode());
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    console.error(`✗ ${file}: cannot be read (${errorMessage(error)})`);
    return { ok: false, code: 2 };
  }
  const result = importing.finish();
  if (!result.ok) {
    console.error(`✗ ${result.error}`);
    return { ok: false, code: 2 };
  }
  return { ok: true, dataset: result.dataset, file };
}

/** Every rejection and warning on stderr, then a one-line summary; returns the exit code. */
function report({ dataset, file }: { dataset: LoadedDataset; file: string }, quiet = false): 0 | 1 {
  const { incidents, rejected, warnings, featureCount } = dataset;
  for (const r of rejected) {
    console.error(`✗ ${file}: ${r.where} was not loaded:`);
    for (const reason of r.reasons) console.error(`    ${reason.field}: ${reason.message}`);
  }
  for (const w of warnings) console.warn(`! ${file}: ${w.where}: ${w.message}`);
  const summary = `${file}: ${incidents.length} of ${featureCount} incidents loaded, ${rejected.length} rejected, ${warnings.length} warnings`;
  if (rejected.length) console.error(`✗ ${summary}`);
  else if (!quiet) console.log(`✓ ${summary}`);
  else console.error(`✓ ${summary}`);
  return rejected.length ? 1 : 0;
}

function main(args: string[]): number {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return command ? 0 : 64;
  }
  const output = rest.indexOf('-o') >= 0 ? rest[rest.indexOf('-o') + 1] : undefined;
  const files = rest.filter((a, i) => !a.startsWith('-') && rest[i - 1] !== '-o');
  if (files.length === 0 || (rest.includes('-o') && !output)) {
    console.error(`${command} needs a file.\n\n${HELP}`);
    return 64;
  }
  switch (command) {
    case 'validate': {
      let worst = 0;
      for (const file of files) {
        const loaded = load(file);
        worst = Math.max(worst, loaded.ok ? report(loaded) : loaded.code);
      }
      return worst;
    }
    case 'convert': {
      const loaded = load(files[0]!);
      if (!loaded.ok) return loaded.code;
      const code = report(loaded, true);
      const text = `${JSON.stringify(toIncidentCollection(loaded.dataset, loaded.dataset.incidents), null, 2)}\n`;
      if (output) {
        writeFileSync(output, text);
        console.error(`Wrote ${loaded.dataset.incidents.length} incidents to ${output}`);
      } else {
        process.stdout.write(text);
      }
      return code;
    }
    case 'stats': {
      const loaded = load(files[0]!);
      if (!loaded.ok) return loaded.code;
      const stats = datasetStats(loaded.dataset);
      console.log(`${basename(loaded.file)}: ${stats.incidents} incidents (${stats.rejected} rows not loaded)`);
      for (const [title, rows] of [['By actor', stats.byActor], ['By event type', stats.byType], ['By year', stats.byYear]] as const) {
        console.log(`\n${title}:`);
        for (const [name, n] of rows) console.log(`  ${String(n).padStart(7)}  ${name}`);
      }
      return stats.rejected ? 1 : 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 64;
  }
}

process.exitCode = main(process.argv.slice(2));
