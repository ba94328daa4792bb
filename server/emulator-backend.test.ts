// The embedded emulator as the dashboard's `/api` backend: the seed it loads and the token
// it adds for a browser that sends none.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_SEED_PATH, fixtureSeed } from '../emulator/testing';
import { createEmulatorBackend } from './emulator-backend';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

describe('the emulator backend', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcr-backend-'));

  describe('as the dashboard backend', () => {
    it("adds the seed's first token when the browser sends none, and honours one it sends", async () => {
      const backend = createEmulatorBackend({ seedPath: FIXTURE_SEED_PATH });
      expect(backend.mode).toBe('emulator');
      expect(backend.defaultScope!()).toEqual({ projectId: 'prj_e2e', teamId: 'team_e2e' });
      expect(backend.describe()).toContain('prj_e2e');
      const url = `http://x/v1/vcr/repository/web-app/tags/latest?projectId=prj_e2e`;
      expect((await backend.fetch(new Request(url))).status).toBe(200);
      const bogus = await backend.fetch(
        new Request(url, { headers: { authorization: 'Bearer x' } }),
      );
      expect(bogus.status).toBe(401);
      const other = await backend.fetch(
        new Request(url, { headers: { authorization: 'Bearer vcr_other_token' } }),
      );
      expect(other.status).toBe(403);
    });
  });
  it('refuses a bad seed before the backend starts', () => {
    const file = path.join(dir, 'refused.json');
    const seed = fixtureSeed() as AnyJson;
    seed.projects[0].repositories[0].tags[0].manifestDigest = 'nope';
    writeFileSync(file, JSON.stringify(seed));
    expect(() => createEmulatorBackend({ seedPath: file })).toThrow(
      'VCR_SEED: projects[0].repositories[0].tags[0].manifestDigest: must be sha256:<64 hex>',
    );
  });
});
