// `npm run vcr:push`: argument parsing, the push itself against a real emulator on a
// loopback port, and clear failures.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator';
import { validateSeed } from '../emulator';
import { fixtureSeed, listen } from '../emulator/testing';
import { parseArgs, parseSize, run, UsageError } from './vcr-push';

describe('parseArgs', () => {
  it('reads <repo>:<tag> and every option', () => {
    expect(
      parseArgs([
        'web-app:v2',
        '--arch',
        'arm64',
        '--platform=linux',
        '--prepare-seconds',
        '30',
        '--size',
        '120MB',
        '--project',
        'prj_e2e',
        '--pushed-by',
        'me@acme.dev',
      ]),
    ).toEqual({
      repository: 'web-app',
      tag: 'v2',
      arch: 'arm64',
      platform: 'linux',
      prepareSeconds: 30,
      sizeInBytes: 120 * 1024 ** 2,
      projectId: 'prj_e2e',
      pushedBy: 'me@acme.dev',
    });
    expect(parseArgs(['a:b', '--prepare-seconds', 'never'])).toMatchObject({
      prepareSeconds: null,
    });
    expect(parseArgs(['--help'])).toBe('help');
  });
  it.each([
    [[], 'missing'],
    [['web-app'], 'not <repository>:<tag>'],
    [['web-app:'], 'not <repository>:<tag>'],
    [['a:b', '--arch'], '--arch needs a value'],
    [['a:b', '--size', 'big'], '--size'],
    [['a:b', '--prepare-seconds', 'soon'], '--prepare-seconds'],
    [['a:b', '--colour', 'red'], 'unknown option --colour'],
    [['a:b', 'c:d'], 'unexpected argument'],
  ])('refuses %j (%s)', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
  it('parses sizes with 1024-based units', () => {
    expect(parseSize('512')).toBe(512);
    expect(parseSize('1.5GB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('38693274')).toBe(38_693_274);
  });
});

describe('run', () => {
  let emulator: Emulator;
  let server: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    emulator = createEmulator({ seed: validateSeed(fixtureSeed()) });
    server = await listen(emulator);
  });
  afterAll(() => server.close());

  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) } };
  };

  it('pushes and prints the resulting tag', async () => {
    const c = capture();
    const code = await run(['web-app:latest', '--arch', 'arm64', '--size', '1000'], {
      env: { VCR_EMULATOR_URL: `${server.url}/` },
      ...c.io,
    });
    expect(code).toBe(0);
    expect(c.out[0]).toMatch(
      /^Pushed web-app:latest → image_\w+ .*status preparing; moved from image_/,
    );
    const printed = JSON.parse(c.out[1]!);
    expect(printed).toMatchObject({ tag: 'latest', arch: 'arm64', sizeInBytes: 1000 });
    const repo = emulator.state().projects.get('prj_e2e')!.repositories.get('web-app')!;
    expect(repo.tags.get('latest')!.imageId).toBe(printed.imageId);
  });
  it('reports what the emulator refused', async () => {
    const c = capture();
    const code = await run(['Bad_Repo:x'], { env: { VCR_EMULATOR_URL: server.url }, ...c.io });
    expect(code).toBe(1);
    expect(c.err[0]).toMatch(/^vcr:push: 400: repository must be/);
  });
  it('says how to start a server when none answers', async () => {
    const c = capture();
    const code = await run(['a:b'], { env: { VCR_EMULATOR_URL: 'http://127.0.0.1:9' }, ...c.io });
    expect(code).toBe(1);
    expect(c.err[0]).toContain('could not reach http://127.0.0.1:9');
    expect(c.err[0]).toContain('npm start');
  });
  it('prints usage on bad arguments (exit 2)', async () => {
    const c = capture();
    expect(await run(['nocolon'], { env: {}, ...c.io })).toBe(2);
    expect(c.err[0]).toContain('Usage: npm run vcr:push');
  });
  it('works as a command (npx tsx scripts/vcr-push.ts)', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/vcr-push.ts', 'brand-new:v1', '--prepare-seconds', '0'],
      { env: { ...process.env, VCR_EMULATOR_URL: server.url } },
    );
    expect(stdout).toContain('Pushed brand-new:v1');
    expect(stdout).toContain('status ready');
  });
});
