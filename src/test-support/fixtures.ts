import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../model/index/synthetic-incidents';

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

/** Whole numbers below `below`, from a seeded mulberry32: a failure can be run again from its seed. */
export function seededDraw(seed: number): (below: number) => number {
  const next = mulberry32(seed);
  return (below) => Math.floor(next() * below);
}
