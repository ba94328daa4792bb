import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MINIFIED_PUBLIC_SCRIPTS, minifyScript } from './minify-public';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('minifyPublicScripts', () => {
  it('names scripts that public/ really has', () => {
    for (const name of MINIFIED_PUBLIC_SCRIPTS) {
      expect(existsSync(path.join(root, 'public', name)), name).toBe(true);
    }
  });

  it('drops the comments and keeps what the script does', async () => {
    const out = await minifyScript(
      '// why this exists\n/* and more */\nglobalThis.__minified = [1, 2].map((n) => n * 2);\n',
    );
    expect(out).not.toContain('why this exists');
    expect(out).not.toContain('and more');
    new Function(out)();
    expect((globalThis as { __minified?: number[] }).__minified).toEqual([2, 4]);
  });

  it('ships ssr-boot.js at under half its source size', async () => {
    const source = readFileSync(path.join(root, 'public', 'ssr-boot.js'), 'utf8');
    const out = await minifyScript(source);
    expect(out.length).toBeLessThan(source.length / 2);
    expect(out).toContain('data-pending-submit');
    expect(out).not.toMatch(/\/\/ |\/\*/);
  });
});
