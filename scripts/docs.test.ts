// Keeps the README and docs/ true: every relative link (and image) in README.md and
// docs/*.md names a file that exists, every #anchor a heading of that file, every npm
// command the README shows is a script of package.json, and the README stays two screens.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const docs = readdirSync(path.join(root, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
const pages = ['README.md', ...docs];
const scripts = Object.keys(
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
);

/** The text outside fenced code blocks and inline code, where links are links. */
export function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link and image targets: `[text](target)` and `![alt](target "title")`. */
export function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (m) => m[1]!,
  );
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1 for repeats. */
export function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const m of markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]!
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

describe('docs helpers', () => {
  it('find links outside code only, and anchor headings as GitHub does', () => {
    expect(
      linkTargets('[a](x.md#y) `[b](no.md)` ![c](p.png "t")\n```\n[d](no2.md)\n```\n'),
    ).toEqual(['x.md#y', 'p.png']);
    expect([...headingAnchors('# Modes and security: a real account\n## Go\n## Go\n')]).toEqual([
      'modes-and-security-a-real-account',
      'go',
      'go-1',
    ]);
  });
});

describe.each(pages)('%s', (page) => {
  const text = read(page);

  it('links only to files that exist, and to headings that exist', () => {
    const broken: string[] = [];
    for (const target of linkTargets(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [file = '', anchor] = target.split('#');
      const resolved = file
        ? path.join(path.dirname(path.join(root, page)), decodeURIComponent(file))
        : path.join(root, page);
      if (!existsSync(resolved)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor === undefined) continue;
      if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
        broken.push(`${target}: an anchor into something that is not a page`);
      } else if (!headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) {
        broken.push(`${target}: no heading with that anchor`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('README.md', () => {
  const readme = read('README.md');

  it('names only npm scripts that exist', () => {
    const named = [...readme.matchAll(/\bnpm (run|start|test)\b(?:\s+([\w:.-]+))?/g)].map((m) =>
      m[1] === 'run' ? m[2]! : m[1]!,
    );
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it('starts with the quick start of a fresh clone: install and start, then test', () => {
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(quickStart).toMatch(/^npm install && npm start\b/m);
    expect(quickStart).toMatch(/^npm test\b/m);
  });

  it('shows the product in a picture that exists', () => {
    const picture = /!\[[^\]]+\]\((docs\/[^)]+\.png)\)/.exec(readme)?.[1];
    expect(picture).toBeDefined();
    const bytes = readFileSync(path.join(root, picture!));
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('fits on two screens', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(120);
  });
});
