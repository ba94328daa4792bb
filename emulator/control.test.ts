// The /__emulator control routes: push, faults (for UI tests), reset.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from './emulator';
import { validateSeed } from './state/seed-schema';
import { call, fixtureSeed } from './test-support';

const Q = 'projectId=prj_e2e';
const TAG = '/v1/vcr/repository/web-app/tags/latest';
let emu: Emulator;
beforeEach(() => {
  emu = createEmulator({ seed: validateSeed(fixtureSeed()) });
});

async function control(method: string, path: string, body?: unknown) {
  const res = await emu.control.fetch(
    new Request(`http://emulator.test/__emulator${path}`, {
      method,
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    }),
  );
  return { status: res.status, headers: res.headers, body: await res.json() };
}

describe('POST /__emulator/push', () => {
  it('creates the tag in preparing and answers it', async () => {
    const res = await control('POST', '/push', {
      repository: 'web-app',
      tag: 'demo',
      arch: 'arm64',
      sizeInBytes: 99,
      pushedBy: 'me@acme.dev',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-vercel-id')).toBeTruthy();
    expect(res.body.tag).toMatchObject({
      tag: 'demo',
      arch: 'arm64',
      status: 'preparing',
      sizeInBytes: 99,
      pushedBy: 'me@acme.dev',
    });
    const got = await call(emu, `/v1/vcr/repository/web-app/tags/demo?${Q}`);
    expect(got.body.tag).toEqual(res.body.tag);
  });
  it.each([
    [{ tag: 'x' }, 'repository'],
    [{ repository: 'Bad', tag: 'x' }, 'repository'],
    [{ repository: 'web-app', tag: '.x' }, 'tag'],
    [{ repository: 'web-app', tag: 'x', arch: 'ARM 64' }, 'arch'],
    [{ repository: 'web-app', tag: 'x', prepareSeconds: -1 }, 'prepareSeconds'],
    [{ repository: 'web-app', tag: 'x', sizeInBytes: 1.5 }, 'sizeInBytes'],
    [{ repository: 'web-app', tag: 'x', projectId: 'prj_nope' }, 'projectId'],
    [{ repository: 'web-app', tag: 'x', colour: 'red' }, 'colour'],
    ['not json', 'JSON'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await control('POST', '/push', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });
});

describe('faults', () => {
  it('injects a 429 with Retry-After for the given number of times, then answers normally', async () => {
    const added = await control('POST', '/faults', {
      path: TAG,
      status: 429,
      headers: { 'retry-after': '7' },
      times: 2,
    });
    expect(added.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await call(emu, `${TAG}?${Q}`);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('x-vercel-id')).toBeTruthy();
      expect(res.body.error).toMatchObject({ code: 'rate_limited' });
      expect(res.body.error.limit).toMatchObject({ remaining: 0, total: 100 });
    }
    expect((await call(emu, `${TAG}?${Q}`)).status).toBe(200);
    expect((await control('GET', '/faults')).body.faults).toEqual([]);
  });
  it('a 429 without headers still carries Retry-After', async () => {
    await control('POST', '/faults', { path: TAG, status: 429 });
    expect((await call(emu, `${TAG}?${Q}`)).headers.get('retry-after')).toBe('1');
  });
  it('sends a raw body verbatim (malformed JSON) and a JSON body as JSON', async () => {
    await control('POST', '/faults', { path: TAG, status: 200, body: '{"tag": {', times: 1 });
    const raw = await call(emu, `${TAG}?${Q}`);
    expect(raw.status).toBe(200);
    expect(raw.body).toBe('{"tag": {');
    await control('POST', '/faults', { path: TAG, status: 200, body: { tag: { tag: 1 } } });
    expect((await call(emu, `${TAG}?${Q}`)).body).toEqual({ tag: { tag: 1 } });
  });
  it('matches a prefix ending in *, a method, and ignores a leading /api', async () => {
    await control('POST', '/faults', { path: '/api/v1/vcr/repository/web-app/*', status: 410 });
    expect((await call(emu, `${TAG}?${Q}`)).status).toBe(410);
    expect((await call(emu, `/v1/vcr/repository/web-app/images?${Q}`)).status).toBe(410);
    expect((await call(emu, `/v1/vcr/repository/long-list?${Q}`)).status).toBe(200);
    await control('DELETE', '/faults');
    await control('POST', '/faults', { path: '/v1/vcr/repository', method: 'post', status: 500 });
    expect((await call(emu, `/v1/vcr/repository?${Q}`)).status).toBe(200);
    const post = await call(emu, '/v1/vcr/repository', {
      method: 'POST',
      body: { projectId: 'prj_e2e', name: 'x' },
    });
    expect(post.status).toBe(500);
    expect(post.body.error.code).toBe('internal_server_error');
  });
  it('delays (a hang) and stops waiting when the client aborts', async () => {
    await control('POST', '/faults', { path: TAG, delayMs: 150, times: 1 });
    const started = performance.now();
    expect((await call(emu, `${TAG}?${Q}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    await control('POST', '/faults', { path: TAG, status: 504, delayMs: 600_000 });
    const abort = new AbortController();
    const pending = emu.fetch(
      new Request(`http://x${TAG}?${Q}`, {
        headers: { authorization: 'Bearer vcr_e2e_token' },
        signal: abort.signal,
      }),
    );
    setTimeout(() => abort.abort(), 50);
    const res = await pending;
    expect(res.status).toBe(504);
  });
  it('DELETE clears every fault', async () => {
    await control('POST', '/faults', { path: TAG, status: 500 });
    await control('POST', '/faults', { path: '/v2/user', status: 500 });
    expect((await control('DELETE', '/faults')).body).toEqual({ cleared: 2 });
    expect((await call(emu, `${TAG}?${Q}`)).status).toBe(200);
  });
  it.each([
    [{ status: 500 }, 'path'],
    [{ path: TAG }, 'status'],
    [{ path: TAG, status: 99 }, 'status'],
    [{ path: TAG, status: 500, delayMs: -1 }, 'delayMs'],
    [{ path: TAG, status: 500, times: 0 }, 'times'],
    [{ path: TAG, status: 500, headers: { a: 1 } }, 'headers'],
  ])('refuses a bad fault %j, naming %s', async (body, field) => {
    const res = await control('POST', '/faults', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });
});

describe('reset and unknown control routes', () => {
  it('reset restores the seed and clears faults', async () => {
    await control('POST', '/push', { repository: 'web-app', tag: 'latest' });
    await control('POST', '/faults', { path: '/v2/user', status: 500 });
    expect((await control('POST', '/reset')).body).toEqual({ ok: true });
    expect((await call(emu, `${TAG}?${Q}`)).body.tag.status).toBe('ready');
    expect((await call(emu, '/v2/user')).status).toBe(200);
  });
  it('an unknown control route is a 404 that lists the real ones', async () => {
    const res = await control('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('POST /__emulator/push');
  });
});
