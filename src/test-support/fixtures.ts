import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and ../shared beside it (the digest, reference data, real datasets). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = resolve(repoRoot, '../shared');

export function readRepoFile(path: string): string {
  return readFileSync(resolve(repoRoot, path), 'utf8');
}

export function readSharedFile(path: string): string {
  return readFileSync(resolve(sharedDir, path), 'utf8');
}

/** The built-in dataset as parsed JSON, to copy and break in tests. */
export function builtInDatasetJson(): Record<string, unknown> & { features: Record<string, unknown>[] } {
  return JSON.parse(readRepoFile('data/incidents.geojson'));
}
