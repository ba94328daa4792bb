// Part of the Vercel build command (vercel.ts): bundles the function's code,
// server/vercel-handler.ts and everything it imports from server/ and src/ (the deep link is
// rendered with the app's own components), into one
// ES module that api/dashboard.js re-exports. Packages stay imports (Vercel's file tracer
// copies them from node_modules). Runs after `vite build`, before Vercel builds api/.
import { readFileSync } from 'node:fs';
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
  // Packages stay imports, except react-router's: Vercel's file tracer copies its CommonJS
  // entry only, while Node's ES module loader asks for the `import` one (dist/index.mjs).
  plugins: [
    {
      name: 'external-packages-but-react-router',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          /^react-router(-dom)?(\/|$)/.test(args.path)
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
  ],
  sourcemap: false,
  logLevel: 'warning',
  // The frame of the server-rendered deep link (server/ssr/shell.ts), from this very build.
  define: {
    __VCR_SHELL_HTML__: JSON.stringify(readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')),
  },
});
console.log(`Bundled the Vercel Function into ${FUNCTION_BUNDLE}`);
