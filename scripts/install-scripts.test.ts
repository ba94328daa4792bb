// npm 11 lists every dependency whose install script is not covered by package.json's
// `allowScripts` on each install (and a later npm will refuse to run them). This keeps the
// policy whole: a new dependency with a postinstall fails here, not as a warning a newcomer
// has to puzzle over.
//
// The decisions, per package:
// - esbuild: false. Its postinstall only checks that the platform binary from its optional
//   dependency (@esbuild/<platform>) is there and runs; npm installs that binary anyway.
// - msw: false. Its postinstall only copies mockServiceWorker.js into the folders named by
//   package.json's `msw.workerDirectory`; we name none (tests run MSW in Node).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  allowScripts?: Record<string, unknown>;
  msw?: { workerDirectory?: unknown };
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
};

/** Every `name@version` in the lockfile that has an install script. */
function withInstallScripts(): { name: string; version: string }[] {
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && entry.hasInstallScript)
    .map(([key, entry]) => ({
      name: key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version ?? '',
    }));
}

/** The policy key that decides a package: its name alone or pinned to this exact version. */
function decidingKey(policy: Record<string, unknown>, name: string, version: string) {
  return [`${name}@${version}`, name].find((key) => key in policy);
}

describe('allowScripts (install-script policy)', () => {
  const policy = pkg.allowScripts ?? {};

  it('decides every package in the lockfile that has an install script', () => {
    const found = withInstallScripts();
    expect(found.length).toBeGreaterThan(0);
    const undecided = found
      .filter(({ name, version }) => decidingKey(policy, name, version) === undefined)
      .map(({ name, version }) => `${name}@${version}`);
    expect(undecided).toEqual([]);
  });

  it('holds only true/false entries, each for a package that still has an install script', () => {
    const names = new Set(withInstallScripts().map(({ name }) => name));
    for (const [key, value] of Object.entries(policy)) {
      expect(typeof value, key).toBe('boolean');
      const name = key.replace(/(?<=.)@.*$/, '');
      expect(names.has(name), `${key} is stale`).toBe(true);
    }
  });

  it('denies msw only while nothing asks its postinstall to copy the worker', () => {
    if (policy.msw === false) expect(pkg.msw?.workerDirectory).toBeUndefined();
  });
});
