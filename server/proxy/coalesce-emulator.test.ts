// The coalescing figures of `npm run bench:proxy`, held as a test: the standalone emulator
// (its whole surface, as `npm run emulator` serves it) behind the real dashboard in proxy
// mode, every upstream call counted where the emulator receives it. The proxy's clock is
// driven by the test, so 20 s of polling take a moment and the counts are exact.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, standaloneFetch, type Emulator } from '../../emulator';
import type { Seed } from '../../emulator';
import { fixtureSeed } from '../../emulator/testing';
import { createProxyBackend } from './proxy-backend';
import { startDashboard, type RunningApp } from './test-support';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const TAG = `/v1/vcr/repository/web-app/tags/latest?${SCOPE}`;

let emulator: Emulator;
let emulatorServer: http.Server;
let upstreamUrl = '';
/** Every API call the emulator received: "<authorization> <path>". */
const calls: string[] = [];
let clock = 0;
const dashboards: RunningApp[] = [];

beforeAll(async () => {
  emulator = createEmulator({ seed: fixtureSeed() as unknown as Seed });
  const inner = standaloneFetch(emulator);
  emulatorServer = await new Promise<http.Server>((resolve) => {
    const s = serve(
      {
        fetch: (req: Request) => {
          const url = new URL(req.url);
          if (!url.pathname.startsWith('/__emulator')) {
            calls.push(`${req.headers.get('authorization')} ${url.pathname}`);
          }
          return inner(req);
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(s as http.Server),
    );
  });
  upstreamUrl = `http://127.0.0.1:${(emulatorServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all(dashboards.map((d) => d.close()));
  emulatorServer.closeAllConnections();
  await new Promise((r) => emulatorServer.close(r));
});
afterEach(() => {
  calls.length = 0;
  emulator.reset();
});

async function dashboard(token: string | undefined) {
  const dash = await startDashboard(
    createProxyBackend({ token, upstream: upstreamUrl, now: () => clock }),
  );
  dashboards.push(dash);
  return dash;
}

async function get(dash: RunningApp, path: string, token?: string) {
  const res = await fetch(`${dash.origin}/api${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
}

describe('with the server token', () => {
  let dash: RunningApp;
  beforeAll(async () => {
    dash = await dashboard('vcr_e2e_token');
  });

  it('answers 30 identical requests in flight together with one upstream call', async () => {
    // Slow the upstream so all 30 are in flight at once.
    emulator.faults.add({ path: '/v1/vcr/repository/web-app/tags/latest', delayMs: 150 });
    const answers = await Promise.all(Array.from({ length: 30 }, () => get(dash, TAG)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(JSON.parse(answers[0]!.body)).toMatchObject({ tag: { tag: 'latest' } });
    expect(calls).toEqual(['Bearer vcr_e2e_token /v1/vcr/repository/web-app/tags/latest']);
  });

  it('30 clients polling one tag every 2 s for 20 s cause at most 22 upstream calls', async () => {
    clock += 3_600_000;
    const start = clock;
    const ticks: number[] = [];
    for (let client = 0; client < 30; client++) {
      for (let t = (client * 2000) / 30; t < 20_000; t += 2000) ticks.push(t);
    }
    ticks.sort((a, b) => a - b);
    const statuses = new Set<number>();
    for (const t of ticks) {
      clock = start + t;
      statuses.add((await get(dash, TAG)).status);
    }
    expect(ticks).toHaveLength(300);
    expect([...statuses]).toEqual([200]);
    expect(calls.length).toBeLessThanOrEqual(22);
    // One per second of freshness: not zero, not one per request.
    expect(calls.length).toBeGreaterThanOrEqual(19);
  });

  it('sees a change once the 1 s window has passed', async () => {
    clock += 3_600_000;
    const before = JSON.parse((await get(dash, TAG)).body) as { tag: { imageId: string } };
    await fetch(`${upstreamUrl}/__emulator/push`, {
      method: 'POST',
      body: JSON.stringify({ repository: 'web-app', tag: 'latest' }),
    });
    clock += 500;
    const cached = JSON.parse((await get(dash, TAG)).body) as { tag: { imageId: string } };
    expect(cached.tag.imageId).toBe(before.tag.imageId);
    clock += 500;
    const fresh = JSON.parse((await get(dash, TAG)).body) as { tag: { imageId: string } };
    expect(fresh.tag.imageId).not.toBe(before.tag.imageId);
  });

  it('keeps no scope look-up past its call (/v2/user asks every time)', async () => {
    clock += 3_600_000;
    await get(dash, '/v2/user');
    await get(dash, '/v2/user');
    expect(calls).toHaveLength(2);
  });

  it('after a 429 with Retry-After: 5, no upstream call for 5 s; each tab gets the time left', async () => {
    clock += 3_600_000;
    const start = clock;
    const added = await fetch(`${upstreamUrl}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({
        path: '/v1/vcr/repository/web-app/tags/latest',
        status: 429,
        headers: { 'retry-after': '5' },
        times: 1,
      }),
    });
    expect(added.status).toBe(200);
    const first = await get(dash, TAG);
    expect(first).toMatchObject({ status: 429, retryAfter: '5' });
    expect(JSON.parse(first.body)).toMatchObject({ error: { code: 'rate_limited' } });
    expect(calls).toHaveLength(1);

    const seen: string[] = [];
    for (let t = 100; t < 5000; t += 100) {
      clock = start + t;
      // The tag, and any other route on the same credential.
      const a = await get(dash, t % 200 ? TAG : `/v1/vcr/repository?${SCOPE}`);
      expect(a.status, `at ${t} ms`).toBe(429);
      expect(a.retryAfter).toBe(String(Math.ceil((5000 - t) / 1000)));
      expect(a.body).toBe(first.body);
      seen.push(a.retryAfter!);
    }
    expect(calls).toHaveLength(1);
    expect(new Set(seen)).toEqual(new Set(['5', '4', '3', '2', '1']));

    clock = start + 5000;
    expect((await get(dash, TAG)).status).toBe(200);
    expect(calls).toHaveLength(2);
  });
});

describe('with tokens pasted in tabs (no server token)', () => {
  let dash: RunningApp;
  beforeAll(async () => {
    dash = await dashboard(undefined);
  });

  it('never shares an answer between two credentials', async () => {
    clock += 3_600_000;
    const [mine, other] = await Promise.all([
      get(dash, TAG, 'vcr_e2e_token'),
      get(dash, TAG, 'vcr_other_token'),
    ]);
    expect(mine.status).toBe(200);
    // The other token's team does not own prj_e2e.
    expect(other.status).not.toBe(200);
    expect(other.body).not.toContain('"latest"');
    expect(calls.sort()).toEqual([
      'Bearer vcr_e2e_token /v1/vcr/repository/web-app/tags/latest',
      'Bearer vcr_other_token /v1/vcr/repository/web-app/tags/latest',
    ]);
    // Within the window, each gets its own answer again without a call.
    expect((await get(dash, TAG, 'vcr_e2e_token')).body).toBe(mine.body);
    expect(calls).toHaveLength(2);
  });

  it('holds only the credential that met the 429', async () => {
    clock += 3_600_000;
    emulator.faults.add({
      path: '/v1/vcr/repository/web-app/tags/latest',
      status: 429,
      headers: { 'retry-after': '5' },
      times: 1,
    });
    expect((await get(dash, TAG, 'vcr_e2e_token')).status).toBe(429);
    clock += 1000;
    expect((await get(dash, TAG, 'vcr_e2e_token')).retryAfter).toBe('4');
    expect(
      (await get(dash, `/v1/vcr/repository?projectId=prj_other`, 'vcr_other_token')).status,
    ).not.toBe(429);
    expect(calls).toHaveLength(2);
  });
});
