// Builds a tiny app with the project's compression step and checks that every sibling it
// writes decompresses to its original, for the bundle's files and the public/ copies alike.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { precompress, PRECOMPRESSED_FILES } from './precompress';

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`)
      : [`${prefix}${e.name}`],
  );
}

describe('precompress (build step)', () => {
  it('writes .br and .gz siblings that decompress to the originals', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'vcr-precompress-'));
    mkdirSync(path.join(root, 'public'));
    writeFileSync(
      path.join(root, 'index.html'),
      `<!doctype html><html><head><title>t</title><link rel="stylesheet" href="/style.css"></head><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>`,
    );
    writeFileSync(
      path.join(root, 'main.js'),
      `const words = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `word-${i}`))};\ndocument.getElementById('root').textContent = words.join(' ');\n`,
    );
    writeFileSync(
      path.join(root, 'style.css'),
      Array.from({ length: 100 }, (_, i) => `.c${i} { margin: ${i}px }`).join('\n'),
    );
    writeFileSync(path.join(root, 'public', 'theme-init.js'), `/* theme */ void 0;\n`.repeat(30));
    writeFileSync(
      path.join(root, 'public', 'favicon.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`.repeat(4),
    );
    const outDir = path.join(root, 'dist');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [precompress()],
      build: { outDir, emptyOutDir: true },
    });

    const files = filesUnder(outDir);
    const originals = files.filter((f) => PRECOMPRESSED_FILES.test(f));
    expect(originals).toEqual(
      expect.arrayContaining(['index.html', 'theme-init.js', 'favicon.svg']),
    );
    expect(originals.some((f) => /^assets\/.*\.js$/.test(f))).toBe(true);
    expect(originals.some((f) => /^assets\/.*\.css$/.test(f))).toBe(true);
    for (const f of originals) {
      const original = readFileSync(path.join(outDir, f));
      const br = readFileSync(path.join(outDir, `${f}.br`));
      const gz = readFileSync(path.join(outDir, `${f}.gz`));
      expect(brotliDecompressSync(br).equals(original), `${f}.br`).toBe(true);
      expect(gunzipSync(gz).equals(original), `${f}.gz`).toBe(true);
      expect(br.length, `${f}.br`).toBeLessThan(original.length);
    }
  });
});
