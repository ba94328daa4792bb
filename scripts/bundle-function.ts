// Part of the Vercel build command (vercel.ts): bundles the function's code,
// server/vercel-handler.ts and everything it imports from server/ and src/api/, into one
// ES module that api/dashboard.js re-exports. Packages stay imports (Vercel's file tracer
// copies them from node_modules). Runs after `vite build`, before Vercel builds api/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_BUNDLE } from '../server/vercel-config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: ['server/vercel-handler.ts'],
  outfile: FUNCTION_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
});
console.log(`Bundled the Vercel Function into ${FUNCTION_BUNDLE}`);
