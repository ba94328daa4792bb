// `npm run docs:screenshot`: redoes the README's picture (docs/tag-page.png), the tag page of
// the e2e seed's `web-app:latest`, in Debian's Chromium against the real server, so it shows
// what the code renders today. Builds the app first unless DOCS_SKIP_BUILD=1 (dist/ as is).
// DOCS_COLOR_SCHEME=dark takes the dark one instead.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../e2e/support/spawn-server';
import { chromiumArgs, chromiumPath } from '../playwright.config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'docs', 'tag-page.png');
const TAG_PAGE = 'repositories/web-app/tags/latest?projectId=prj_e2e&teamId=team_e2e';
const colorScheme = process.env.DOCS_COLOR_SCHEME === 'dark' ? 'dark' : 'light';

if (process.env.DOCS_SKIP_BUILD !== '1') {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
const server = await startServer({ seed: 'e2e/fixtures/seed.json' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  // A laptop-sized window; 2x pixels so the text stays sharp on a high-density screen.
  const context = await browser.newContext({
    viewport: { width: 1200, height: 1000 },
    deviceScaleFactor: 2,
    colorScheme,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(`${server.url}${TAG_PAGE}`);
  await page.getByTestId('tag-facts').waitFor();
  // The pull commands need the team/project look-ups: wait for them, and for quiet.
  await page
    .getByText(/^docker pull vcr\.vercel\.com\//)
    .first()
    .waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: OUT });
  console.log(`docs:screenshot: wrote ${path.relative(root, OUT)} (${colorScheme})`);
} finally {
  await browser.close();
  await server.stop();
}
