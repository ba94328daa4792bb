// `npm run build:vercel`: `vercel build` with the pinned CLI, offline. It needs a
// `.vercel/project.json` with `settings`: a folder someone ran `vercel link` in keeps its
// own; otherwise placeholder ids are written (server/vercel-link.ts). The result is the
// Build Output API v3 tree in .vercel/output, which `vercel deploy --prebuilt` uploads.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureProjectLink } from '../server/vercel-link';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const outcome = ensureProjectLink(root);
if (outcome === 'created') {
  console.log(
    'build:vercel: no `vercel link` here; wrote .vercel/project.json with placeholder ids',
  );
} else if (outcome === 'settings-added') {
  console.log('build:vercel: added build settings to the linked .vercel/project.json (ids kept)');
}

const cli = path.join(root, 'node_modules', '.bin', 'vercel');
const result = spawnSync(cli, ['build', '--yes', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    // Offline and quiet: no usage reports, no "new version available" look-up.
    VERCEL_TELEMETRY_DISABLED: '1',
    NO_UPDATE_NOTIFIER: '1',
  },
});
if (result.error) {
  console.error(`build:vercel: could not run ${cli}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
