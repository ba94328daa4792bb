import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { minifyPublicScripts } from './scripts/minify-public.ts';
import { precompress } from './scripts/precompress.ts';

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    // public/'s hand-written scripts without their comments, before they are compressed.
    minifyPublicScripts(),
    // brotli and gzip siblings of every text file in dist/, for the server to negotiate.
    precompress(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Everything the entry imports statically in one chunk. Without this, rolldown may split
        // a shared chunk out of the entry (it did once the default-scope redirect became a lazy
        // chunk), and the tag detail deep link paid ~1.5 kB gzip more for the same code.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'web',
          environment: 'jsdom',
          // Only the app's own tests: Playwright specs under e2e/ must never run here.
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./src/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: [
            'server/**/*.test.ts',
            'emulator/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
