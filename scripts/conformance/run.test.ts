// `npm run test:conformance` as a process: bad input and a missing suite end in one clear
// line and exit code 2 (could not run), never a stack trace; and the targets it starts
// listen on a free loopback port and go away when stopped.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, SEED_PATH } from './suite';
import { startDashboard, startEmulator } from './targets';

const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/conformance/run.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('test:conformance as a process', () => {
  it('refuses an unknown target with a one-line usage message (exit 2)', async () => {
    const r = await run(['--target=vercel']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'test:conformance: --target must be emulator or dashboard, got "vercel"',
    );
  });
  it('names the folder and the variable when the vendored suite is missing (exit 2)', async () => {
    const r = await run([], { OCI_CONFORMANCE_SRC: '/nonexistent/oci-conformance' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'the OCI conformance suite was not found at /nonexistent/oci-conformance (no build.sh); set OCI_CONFORMANCE_SRC to its folder',
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

async function closed(url: string) {
  try {
    await fetch(`${url}/v2/`);
    return false;
  } catch {
    return true;
  }
}

describe('targets', () => {
  it('the emulator with the conformance seed challenges for the registry, then stops', async () => {
    const target = await startEmulator(SEED_PATH);
    try {
      expect(target.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${target.url}/v2/`);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      const basic = Buffer.from('team_conformance:vcr_conformance_token').toString('base64');
      const ok = await fetch(`${target.url}/v2/`, { headers: { authorization: `Basic ${basic}` } });
      expect(ok.status).toBe(200);
    } finally {
      await target.stop();
    }
    await expect.poll(() => closed(target.url)).toBe(true);
  });
  it('the dashboard server starts in emulator mode on a free port, then stops', async () => {
    const target = await startDashboard(SEED_PATH);
    try {
      expect(target.output()).toMatch(/VCR Dashboard listening on http:\/\/127\.0\.0\.1:\d+\//);
      expect((await fetch(`${target.url}/api/v2/user`)).status).toBe(200);
    } finally {
      await target.stop();
    }
    await expect.poll(() => closed(target.url)).toBe(true);
  });
});
