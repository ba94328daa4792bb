import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (browsers cannot be downloaded here). CHROMIUM_PATH overrides.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const PORT = Number(process.env.E2E_PORT ?? 4317);
export const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Playwright empties its output folder at start: keep it apart from test-results/unit.json.
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  webServer: {
    // The real server on the embedded emulator with the e2e seed; `npm test` builds first.
    command: 'npx tsx server/main.ts',
    url: `${baseURL}/`,
    env: {
      PORT: String(PORT),
      VCR_SEED: 'e2e/fixtures/seed.json',
      // Empty wins over a developer's .env: the suite always runs on the embedded emulator.
      VERCEL_TOKEN: '',
      VERCEL_API_URL: '',
      // A skopeo push (e2e/push-watch.spec.ts) turns ready 5 s later, whatever its size.
      VCR_PUSH_PREPARE_MS: '5000',
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
