/**
 * npm run validate [-- file.geojson …] — checks dataset files (default: data/incidents.geojson)
 * with the same code the app uses, and prints each problem with its feature and field.
 * Exit code: 0 when everything loads, 1 when anything is rejected, 2 when a file can't be read.
 */
import { readFileSync } from 'node:fs';
import { parseDatasetText } from '../src/data/parse-dataset';

const files = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('Usage: npm run validate [-- <file.geojson> …]\nChecks Conflict Map dataset files (default: data/incidents.geojson); see data/README.md for the format.');
  process.exit(0);
}

let worst = 0;
for (const file of files.length ? files : ['data/incidents.geojson']) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`✗ ${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
    worst = 2;
    continue;
  }
  const result = parseDatasetText(text, file);
  if (!result.ok) {
    console.error(`✗ ${result.error}`);
    worst = 2;
    continue;
  }
  const { incidents, rejected, warnings, featureCount } = result.dataset;
  for (const r of rejected) {
    console.error(`✗ ${file}: ${r.where} was not loaded:`);
    for (const reason of r.reasons) console.error(`    ${reason.field}: ${reason.message}`);
  }
  for (const w of warnings) console.warn(`! ${file}: ${w.where}: ${w.message}`);
  const summary = `${file}: ${incidents.length} of ${featureCount} incidents loaded, ${rejected.length} rejected, ${warnings.length} warnings`;
  if (rejected.length) {
    console.error(`✗ ${summary}`);
    worst = Math.max(worst, 1);
  } else {
    console.log(`✓ ${summary}`);
  }
}
process.exit(worst);
