// "A foreign Host gets 421 with 0 upstream calls, in every mode": the dashboard on the
// embedded emulator, the proxy with a server token, the proxy with a tab's token, and the
// standalone emulator (a real `npm run emulator` process). Requests go over real sockets
// with the Host header written by hand, as a DNS-rebinding page would send them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../e2e/support/spawn-server';
import { createEmulatorBackend, type EmulatorBackend } from './emulator-backend';
import { FIXTURE_SEED_PATH } from '../emulator/testing';
import { createProxyBackend } from './proxy/proxy-backend';
import {
  rawGet,
  startDashboard,
  startRecordingUpstream,
  type RecordingUpstream,
  type RunningApp,
} from './proxy/test-support';

const FOREIGN = ['Host: attacker.example:5173'];
const WRONG_PORT = ['Host: 127.0.0.1:9'];

/** Every kind of route the dashboard serves, each with a foreign Host. */
const DASHBOARD_TARGETS: Array<[method: string, target: string]> = [
  ['GET', '/'],
  ['GET', '/repositories/web-app/tags/latest?projectId=prj_e2e'],
  ['GET', '/assets/app.js'],
  ['GET', '/_dashboard/config'],
  ['GET', '/api/v1/vcr/repository?projectId=prj_e2e'],
  ['GET', '/api/v2/user'],
  ['GET', '/__emulator/faults'],
  ['POST', '/__emulator/push'],
  ['GET', '/auth/login?returnTo=/'],
];

async function expectMisdirected(port: number, method: string, target: string, host: string[]) {
  const bearer = ['Authorization: Bearer vcr_e2e_token'];
  const body = method === 'POST' ? '{"repository":"web-app","tag":"rebound"}' : '';
  const extra = method === 'POST' ? [`Content-Length: ${body.length}`] : [];
  const res = await rawGet(port, target, [...host, ...bearer, ...extra], method, body);
  expect(res.status, `${method} ${target}: ${res.body.slice(0, 120)}`).toBe(421);
  expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'misdirected_request' } });
  expect(res.body).not.toContain('<div id="root">');
}

describe('embedded emulator', () => {
  let backend: EmulatorBackend;
  let dash: RunningApp;
  beforeAll(async () => {
    backend = createEmulatorBackend({ seedPath: FIXTURE_SEED_PATH });
    // A fault that only counts: every API call the emulator answers is a hit.
    backend.emulator.faults.add({ path: '/*', delayMs: 0 });
    dash = await startDashboard(backend);
  });
  afterAll(() => dash.close());
  const apiCalls = () => backend.emulator.faults.list()[0]!.hits;

  it.each(DASHBOARD_TARGETS)('%s %s with a foreign Host: 421, nothing answered', async (m, t) => {
    await expectMisdirected(dash.port, m, t, FOREIGN);
    await expectMisdirected(dash.port, m, t, WRONG_PORT);
    expect(apiCalls()).toBe(0);
    expect(backend.emulator.state().projects.get('prj_e2e')!.repositories.size).toBeGreaterThan(0);
  });

  it.each([
    '/api//evil.example/v1/vcr/repository?projectId=prj_e2e',
    '/api//v2/user',
    '/api/v1//vcr/repository?projectId=prj_e2e',
    '/api/v2/user/',
  ])('refuses the path confusion %s with 400, the emulator never asked', async (target) => {
    const res = await rawGet(dash.port, target);
    expect(res.status, res.body.slice(0, 200)).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'bad_request' } });
    expect(apiCalls()).toBe(0);
  });

  it('sends the 421 with the security headers and no-store', async () => {
    const res = await rawGet(dash.port, '/', FOREIGN);
    const head = res.head.toLowerCase();
    expect(head).toContain('content-security-policy:');
    expect(head).toContain('x-content-type-options: nosniff');
    expect(head).toContain('cache-control: no-store');
    expect(head).toContain('content-type: application/json');
  });

  it('still answers its own Host (the count is live)', async () => {
    const res = await rawGet(dash.port, '/api/v2/user');
    expect(res.status).toBe(200);
    expect(apiCalls()).toBe(1);
  });
});

describe.each([
  ['proxy with the server token', 'vcr_server_token_1234'],
  ['proxy with the tab’s token', undefined],
])('%s', (_name, token) => {
  let upstream: RecordingUpstream;
  let dash: RunningApp;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    dash = await startDashboard(createProxyBackend({ token, upstream: upstream.url }));
  });
  afterAll(async () => {
    await dash.close();
    await upstream.close();
  });

  it.each(DASHBOARD_TARGETS)('%s %s with a foreign Host: 421, 0 upstream calls', async (m, t) => {
    await expectMisdirected(dash.port, m, t, FOREIGN);
    await expectMisdirected(dash.port, m, t, WRONG_PORT);
    expect(upstream.requests).toHaveLength(0);
  });

  it('still forwards for its own Host (the count is live)', async () => {
    const res = await rawGet(dash.port, '/api/v2/user', ['Authorization: Bearer vcr_e2e_token']);
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });
});

describe('standalone emulator (npm run emulator)', () => {
  let server: RunningServer;
  let port: number;
  const hits = async () => {
    const res = await fetch(`${server.url}__emulator/faults`);
    return ((await res.json()) as { faults: { hits: number }[] }).faults[0]!.hits;
  };
  beforeAll(async () => {
    server = await startServer({ entry: 'emulator/main.ts', seed: FIXTURE_SEED_PATH });
    port = Number(new URL(server.url).port);
    const added = await fetch(`${server.url}__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/*', delayMs: 0 }),
    });
    expect(added.status).toBe(200);
  });
  afterAll(() => server.stop());

  it.each([
    ['GET', '/v1/vcr/repository?projectId=prj_e2e'],
    ['GET', '/v2/user'],
    ['GET', '/__emulator/faults'],
    ['POST', '/__emulator/push'],
    ['POST', '/__emulator/reset'],
  ])('%s %s with a foreign Host: 421, the API never runs', async (m, t) => {
    await expectMisdirected(port, m, t, FOREIGN);
    await expectMisdirected(port, m, t, WRONG_PORT);
    expect(await hits()).toBe(0);
  });

  it('refuses cross-site fetches and foreign origins on writes', async () => {
    const crossSite = await rawGet(port, '/v2/user', [
      'Authorization: Bearer vcr_e2e_token',
      'Sec-Fetch-Site: cross-site',
      'Sec-Fetch-Mode: cors',
    ]);
    expect(crossSite.status).toBe(403);
    const push = await rawGet(
      port,
      '/__emulator/reset',
      ['Origin: https://attacker.example', 'Content-Length: 0'],
      'POST',
    );
    expect(push.status).toBe(403);
    expect(await hits()).toBe(0);
  });

  it('answers its own Host, localhost included', async () => {
    const res = await rawGet(port, '/v2/user', [
      `Host: localhost:${port}`,
      'Authorization: Bearer vcr_e2e_token',
    ]);
    expect(res.status).toBe(200);
    expect(await hits()).toBe(1);
  });
});
