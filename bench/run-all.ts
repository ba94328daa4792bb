// `npm run bench`: runs each page's bench module in turn, prints its figures, and exits
// non-zero when any of them misses its budget. Add a module to BENCHES to include it.
import type { BenchResult } from './tag-detail';

type BenchModule = { run: () => Promise<BenchResult> };

const BENCHES: Array<{ name: string; load: () => Promise<BenchModule> }> = [
  { name: 'tag-detail', load: () => import('./tag-detail') },
  { name: 'browse', load: () => import('./browse') },
  { name: 'recent-pushes', load: () => import('./recent-pushes') },
  // Lighthouse mobile LCP of the server-rendered deep link beside the same page as static HTML.
  { name: 'deep-link-floor', load: () => import('./deep-link-floor') },
];

async function main() {
  const only = process.argv.slice(2);
  let failed = 0;
  for (const bench of BENCHES) {
    if (only.length && !only.includes(bench.name)) continue;
    console.log(`\n▶ bench ${bench.name}`);
    try {
      const result = await (await bench.load()).run();
      for (const [k, v] of Object.entries(result.figures)) console.log(`  ${k}: ${v}`);
      if (!result.ok) {
        failed++;
        for (const f of result.failures) console.error(`  ✗ ${f}`);
      } else console.log(`  ✓ ${bench.name} within budget`);
    } catch (err) {
      failed++;
      console.error(`  ✗ ${bench.name} crashed: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }
  if (failed) {
    console.error(`\n${failed} bench(es) FAILED`);
    process.exitCode = 1;
  }
}

void main();
