// Where the seed comes from: the file named by VCR_SEED, or the built-in demo seed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildDemoSeed } from './demo-seed';
import { SeedError, validateSeed, type Seed } from './seed-schema';

export interface LoadedSeed {
  seed: Seed;
  /** For the banner: `demo seed` or the file's path. */
  label: string;
}

export function loadSeed(seedPath: string | undefined): LoadedSeed {
  if (!seedPath) return { seed: validateSeed(buildDemoSeed(), 'demo seed'), label: 'demo seed' };
  const file = path.resolve(seedPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SeedError('', `cannot read ${file}${code ? ` (${code})` : ''}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SeedError('', `${file} is not valid JSON: ${(err as Error).message}`);
  }
  return { seed: validateSeed(raw), label: seedPath };
}
