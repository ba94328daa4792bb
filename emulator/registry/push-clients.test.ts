// The outside judges of the write side: real registry clients no one here wrote push into
// the standalone emulator (`npm run emulator`) and into the dashboard (`npm start`, which
// serves the same registry at /v2/): Debian's skopeo (a single image, a multi-arch index
// with --all, pulled back and compared by digest), buildah (from scratch, commit, push) and
// podman (push). Each is skipped with a printed reason when its binary is absent or cannot
// run here. Docker's engine does not run on this machine, so `docker push` is not tried.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../e2e/support/spawn-server';
import { DEMO_PROJECT_ID, DEMO_TEAM_ID, DEMO_TOKEN } from '../state/demo-seed';
import { sha256, testImage, testIndex, writeOciLayout } from './test-images';

const run = promisify(execFile);
const SKOPEO = process.env.SKOPEO_PATH ?? '/usr/bin/skopeo';
const BUILDAH = '/usr/bin/buildah';
const PODMAN = '/usr/bin/podman';
const CREDS = `${DEMO_TEAM_ID}:${DEMO_TOKEN}`;

function available(bin: string, what: string): boolean {
  if (existsSync(bin)) return true;
  console.warn(
    `skipped: ${what} is not installed at ${bin} (apt-get install -y ${path.basename(bin)})`,
  );
  return false;
}

async function exec(bin: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(bin, args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'vcr-push-clients-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Reads a tag through the REST API of a standalone emulator (`/`) or the dashboard (`/api/`). */
async function restTag(apiBase: string, repo: string, tag: string) {
  const res = await fetch(
    `${apiBase}v1/vcr/repository/${repo}/tags/${tag}?projectId=${DEMO_PROJECT_ID}`,
    { headers: { authorization: `Bearer ${DEMO_TOKEN}` } },
  );
  return { status: res.status, body: (await res.json()) as { tag: Record<string, unknown> } };
}

describe.each([
  ['the standalone emulator', 'emulator/main.ts', ''],
  ['the dashboard (npm start)', 'server/main.ts', 'api/'],
] as const)('real clients push into %s', (_label, entry, apiPrefix) => {
  let server: RunningServer;
  let host: string;
  let api: string;
  const dest = (ref: string) => `docker://${host}/northwind/storefront/${ref}`;

  beforeAll(async () => {
    server = await startServer({
      entry,
      timeoutMs: 80_000,
      env: { VCR_PUSH_PREPARE_MS: '300', VCR_DATA_DIR: mkdtempSync(path.join(work, 'data-')) },
    });
    host = new URL(server.url).host;
    api = `${server.url}${apiPrefix}`;
    // The dashboard starts slower than the emulator, more so beside a full test run.
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!available(SKOPEO, 'skopeo'))(
    'skopeo copies a single image in, and pulls the same bytes back',
    async () => {
      const image = testImage({ text: `single ${entry}` });
      const dir = mkdtempSync(path.join(work, 'oci-'));
      writeOciLayout(dir, [image.layer, image.config], image.manifest, 'v1');
      await exec(
        SKOPEO,
        'copy',
        '--dest-tls-verify=false',
        '--dest-creds',
        CREDS,
        `oci:${dir}:v1`,
        dest('web:mine'),
      );
      const raw = await exec(
        SKOPEO,
        'inspect',
        '--raw',
        '--tls-verify=false',
        '--creds',
        CREDS,
        dest('web:mine'),
      );
      expect(sha256(raw)).toBe(image.manifest.digest);
      const back = mkdtempSync(path.join(work, 'back-'));
      await exec(
        SKOPEO,
        'copy',
        '--src-tls-verify=false',
        '--src-creds',
        CREDS,
        dest('web:mine'),
        `oci:${back}:v1`,
      );
      const layer = readFileSync(path.join(back, 'blobs', 'sha256', image.layer.digest.slice(7)));
      expect(layer.equals(image.layer.bytes)).toBe(true);
      const tag = await restTag(api, 'web', 'mine');
      expect(tag.body.tag).toMatchObject({
        manifestDigest: image.manifest.digest,
        kind: 'manifest',
        platform: 'linux',
        arch: 'amd64',
        sizeInBytes: image.size,
        pushedBy: 'maya',
      });
      await expect
        .poll(async () => (await restTag(api, 'web', 'mine')).body.tag.status, { timeout: 10_000 })
        .toBe('ready');
    },
    90_000,
  );

  it.skipIf(!available(SKOPEO, 'skopeo'))(
    'skopeo --all copies a multi-arch index into a new repository',
    async () => {
      const amd = testImage({ arch: 'amd64', text: `amd ${entry}` });
      const arm = testImage({ arch: 'arm64', text: `arm ${entry}` });
      const index = testIndex([
        { image: amd, arch: 'amd64' },
        { image: arm, arch: 'arm64' },
      ]);
      const dir = mkdtempSync(path.join(work, 'oci-'));
      writeOciLayout(
        dir,
        [amd.layer, amd.config, amd.manifest, arm.layer, arm.config, arm.manifest],
        index,
        'multi',
      );
      await exec(
        SKOPEO,
        'copy',
        '--all',
        '--dest-tls-verify=false',
        '--dest-creds',
        CREDS,
        `oci:${dir}:multi`,
        dest('pushed-multi:v1'),
      );
      const raw = await exec(
        SKOPEO,
        'inspect',
        '--raw',
        '--tls-verify=false',
        '--creds',
        CREDS,
        dest('pushed-multi:v1'),
      );
      expect(sha256(raw)).toBe(index.digest);
      const armInfo = JSON.parse(
        await exec(
          SKOPEO,
          'inspect',
          '--tls-verify=false',
          '--creds',
          CREDS,
          dest(`pushed-multi@${arm.manifest.digest}`),
        ),
      ) as { Architecture: string; Digest: string };
      expect(armInfo).toMatchObject({ Architecture: 'arm64', Digest: arm.manifest.digest });
      const tag = await restTag(api, 'pushed-multi', 'v1');
      expect(tag.body.tag).toMatchObject({
        kind: 'index',
        status: null,
        manifestDigest: index.digest,
      });
    },
    90_000,
  );

  const buildahOk = available(BUILDAH, 'buildah');
  it.skipIf(!buildahOk)(
    'buildah builds from scratch, commits and pushes',
    async () => {
      const storage = mkdtempSync(path.join(work, 'storage-'));
      const s = [
        '--root',
        path.join(storage, 'root'),
        '--runroot',
        path.join(storage, 'run'),
        '--storage-driver',
        'vfs',
      ];
      const file = path.join(storage, 'hello.txt');
      writeFileSync(file, `hello from buildah via ${entry}\n`);
      const ctr = (await exec(BUILDAH, ...s, 'from', 'scratch')).trim();
      await exec(BUILDAH, ...s, 'copy', ctr, file, '/hello.txt');
      await exec(BUILDAH, ...s, 'config', '--os', 'linux', '--arch', 'arm64', ctr);
      await exec(BUILDAH, ...s, 'commit', ctr, 'localhost/vcr-push-test:latest');
      await exec(
        BUILDAH,
        ...s,
        'push',
        '--tls-verify=false',
        '--creds',
        CREDS,
        'localhost/vcr-push-test:latest',
        dest('web:buildah'),
      );
      const tag = await restTag(api, 'web', 'buildah');
      expect(tag.body.tag).toMatchObject({ kind: 'manifest', arch: 'arm64', pushedBy: 'maya' });
      await expect
        .poll(async () => (await restTag(api, 'web', 'buildah')).body.tag.status, {
          timeout: 10_000,
        })
        .toBe('unoptimized');

      // podman shares buildah's storage: the same image, pushed by podman as root.
      if (!available(PODMAN, 'podman')) return;
      try {
        await exec(
          PODMAN,
          ...s,
          'push',
          '--tls-verify=false',
          '--creds',
          CREDS,
          'localhost/vcr-push-test:latest',
          dest('web:podman'),
        );
      } catch (err) {
        console.warn(
          `skipped podman push: podman does not run here (${String(err).split('\n')[0]})`,
        );
        return;
      }
      const podman = await restTag(api, 'web', 'podman');
      expect(podman.body.tag.manifestDigest).toBe(tag.body.tag.manifestDigest);
    },
    120_000,
  );
});
