import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  createHostAllowList,
  hostAllowListFromEnv,
  hostGuard,
  parseHostHeader,
  type HostAllowList,
} from './host-guard';

describe('parseHostHeader', () => {
  it.each([
    ['localhost:5173', { name: 'localhost', port: 5173 }],
    ['LocalHost', { name: 'localhost', port: null }],
    ['127.0.0.1:80', { name: '127.0.0.1', port: 80 }],
    ['[::1]:4000', { name: '[::1]', port: 4000 }],
    ['[::1]', { name: '[::1]', port: null }],
    ['dash.example.com', { name: 'dash.example.com', port: null }],
  ])('reads %s', (value, parsed) => {
    expect(parseHostHeader(value)).toEqual(parsed);
  });

  it.each([
    '',
    'evil.example:',
    'evil.example:99999',
    'evil.example:0',
    'a b',
    'user@localhost',
    '[::1',
    '[::1]x',
    'localhost:5173:1',
    'xn--_bad',
    '-lead.example',
  ])('refuses %j', (value) => {
    expect(parseHostHeader(value)).toBeNull();
  });
});

describe('the host allow-list', () => {
  const loopback = createHostAllowList();

  it('allows the loopback names on the listening port only', () => {
    for (const name of ['localhost', '127.0.0.1', '[::1]']) {
      expect(loopback.allows(`${name}:5173`, 5173)).toBe(true);
      expect(loopback.allows(`${name}:5174`, 5173)).toBe(false);
      // No port means :80.
      expect(loopback.allows(name, 5173)).toBe(false);
      expect(loopback.allows(name, 80)).toBe(true);
    }
  });

  it('refuses every other name, whatever the port', () => {
    for (const host of [
      'attacker.example:5173',
      'localhost.attacker.example:5173',
      '127.0.0.1.nip.io:5173',
      'localhost.:5173',
      '0.0.0.0:5173',
      '[::]:5173',
      '10.0.0.5:5173',
    ]) {
      expect(loopback.allows(host, 5173), host).toBe(false);
    }
  });

  it('uses the recorded port when no connection says which (PORT=0 is known after listen)', () => {
    const list = createHostAllowList();
    list.setPort(40123);
    expect(list.allows('127.0.0.1:40123')).toBe(true);
    expect(list.allows('127.0.0.1:40124')).toBe(false);
    // The connection's own port wins over the recorded one.
    expect(list.allows('127.0.0.1:40124', 40124)).toBe(true);
  });

  it('adds the host of PUBLIC_URL, with its default port implied', () => {
    const list = createHostAllowList({ publicUrl: 'https://dash.example.com' });
    expect(list.allows('dash.example.com', 5173)).toBe(true);
    expect(list.allows('dash.example.com:443', 5173)).toBe(true);
    expect(list.allows('dash.example.com:8443', 5173)).toBe(false);
    expect(list.allows('sub.dash.example.com', 5173)).toBe(false);
    const withPort = createHostAllowList({ publicUrl: 'http://10.0.0.5:8080' });
    expect(withPort.allows('10.0.0.5:8080', 5173)).toBe(true);
    expect(withPort.allows('10.0.0.5', 5173)).toBe(false);
  });

  it('adds ALLOWED_HOSTS: a name (any port), name:port, .domain (and its subdomains)', () => {
    const list = hostAllowListFromEnv({
      ALLOWED_HOSTS: ' box.lan , 10.0.0.7:5173,.team.example, [fd00::1]:9000 ,',
    });
    expect(list.allows('box.lan:5173', 5173)).toBe(true);
    expect(list.allows('box.lan', 5173)).toBe(true);
    expect(list.allows('10.0.0.7:5173', 5173)).toBe(true);
    expect(list.allows('10.0.0.7:5174', 5174)).toBe(false);
    expect(list.allows('team.example', 5173)).toBe(true);
    expect(list.allows('a.b.team.example:1', 5173)).toBe(true);
    expect(list.allows('evilteam.example', 5173)).toBe(false);
    expect(list.allows('[fd00::1]:9000', 5173)).toBe(true);
    expect(list.allows('other.lan:5173', 5173)).toBe(false);
  });

  it('takes names the caller adds (a deployment domain) beside the environment', () => {
    const list = hostAllowListFromEnv(
      { ALLOWED_HOSTS: 'box.lan' },
      { allowedHosts: ['my-app.vercel.app'] },
    );
    expect(list.allows('my-app.vercel.app', 5173)).toBe(true);
    expect(list.allows('box.lan', 5173)).toBe(true);
    expect(list.allows('other-app.vercel.app', 5173)).toBe(false);
  });

  it('allows the single address HOST binds, on the listening port, never a wildcard', () => {
    expect(createHostAllowList({ bindHost: '192.168.1.5' }).allows('192.168.1.5:5173', 5173)).toBe(
      true,
    );
    expect(createHostAllowList({ bindHost: 'fd00::2' }).allows('[fd00::2]:5173', 5173)).toBe(true);
    expect(createHostAllowList({ bindHost: '0.0.0.0' }).allows('0.0.0.0:5173', 5173)).toBe(false);
    expect(createHostAllowList({ bindHost: '::' }).allows('[::]:5173', 5173)).toBe(false);
  });

  it.each([
    ['https://dash.example.com', /is a URL/],
    ['dash.example.com/path', /is a URL/],
    ['*', /wildcard/],
    ['*.example.com', /wildcard/],
    ['exa mple.com', /is not a host name/],
    ['example.com:http', /is not a host name/],
    ['.10.0.0.1', /leading dot before an IP/],
  ])('refuses ALLOWED_HOSTS=%j with a message naming it', (value, message) => {
    expect(() => hostAllowListFromEnv({ ALLOWED_HOSTS: value })).toThrow(message);
    expect(() => hostAllowListFromEnv({ ALLOWED_HOSTS: value })).toThrow(/^ALLOWED_HOSTS: /);
  });

  it.each([
    ['not a url', /PUBLIC_URL is not a URL/],
    ['ftp://dash.example.com', /http\(s\)/],
    ['https://dash.example.com/app', /origin only/],
    ['https://user:pw@dash.example.com', /origin only/],
  ])('refuses PUBLIC_URL=%j', (value, message) => {
    expect(() => hostAllowListFromEnv({ PUBLIC_URL: value })).toThrow(message);
  });

  it('checks Origin values as exact serialised origins of allowed hosts', () => {
    const list = createHostAllowList({ publicUrl: 'https://dash.example.com' });
    expect(list.allowsOrigin('http://127.0.0.1:5173', 5173)).toBe(true);
    expect(list.allowsOrigin('https://dash.example.com', 5173)).toBe(true);
    expect(list.allowsOrigin('http://127.0.0.1:5174', 5173)).toBe(false);
    expect(list.allowsOrigin('https://attacker.example', 5173)).toBe(false);
    expect(list.allowsOrigin('null', 5173)).toBe(false);
    expect(list.allowsOrigin('file://', 5173)).toBe(false);
    expect(list.allowsOrigin('http://127.0.0.1:5173/path', 5173)).toBe(false);
  });

  it('describes itself for the banner', () => {
    const list = hostAllowListFromEnv({
      PUBLIC_URL: 'https://dash.example.com',
      ALLOWED_HOSTS: 'box.lan',
    });
    expect(list.describe()).toBe(
      'Allowed hosts: localhost, 127.0.0.1, [::1] on the listening port; dash.example.com (PUBLIC_URL), box.lan (others get 421; add names with ALLOWED_HOSTS)',
    );
  });
});

describe('hostGuard middleware', () => {
  function app(list: HostAllowList = createHostAllowList({ port: 5173 })) {
    const a = new Hono();
    a.use('*', hostGuard(list));
    a.all('*', (c) => c.text(`reached ${c.req.method} ${new URL(c.req.url).pathname}`));
    return a;
  }
  const at = (host: string, path = '/', init: RequestInit = {}) =>
    app().request(`http://${host}${path}`, {
      ...init,
      headers: { host, ...(init.headers as Record<string, string>) },
    });

  it('answers 421 in the API error shape for a foreign Host, on every path', async () => {
    for (const path of [
      '/',
      '/repositories/x',
      '/assets/a.js',
      '/api/v2/user',
      '/__emulator/faults',
    ]) {
      const res = await at('attacker.example:5173', path);
      expect(res.status, path).toBe(421);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('misdirected_request');
      expect(body.error.message).toContain('"attacker.example:5173"');
      expect(body.error.message).toContain('ALLOWED_HOSTS');
    }
  });

  it('lets an allowed Host through', async () => {
    const res = await at('127.0.0.1:5173', '/api/v2/user');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('reached GET /api/v2/user');
  });

  it('refuses a foreign Origin, and Origin: null, on a non-GET', async () => {
    for (const origin of ['https://attacker.example', 'null', 'http://localhost:5174']) {
      for (const method of ['POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS']) {
        const res = await at('127.0.0.1:5173', '/__emulator/push', { method, headers: { origin } });
        expect(res.status, `${method} ${origin}`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
          'cross_origin_request',
        );
      }
    }
  });

  it('accepts a same-origin write, and one without Origin (not a browser)', async () => {
    const same = await at('127.0.0.1:5173', '/__emulator/push', {
      method: 'POST',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(same.status).toBe(200);
    const none = await at('127.0.0.1:5173', '/__emulator/push', { method: 'POST' });
    expect(none.status).toBe(200);
  });

  it('ignores Origin on GET (pages linked from anywhere still open)', async () => {
    const res = await at('127.0.0.1:5173', '/repositories/web', {
      headers: { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(200);
  });

  it('refuses cross-site fetches of /api, even navigations', async () => {
    for (const headers of [
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' },
      {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-dest': 'document',
      },
    ]) {
      const res = await at('127.0.0.1:5173', '/api/v2/user', { headers });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'cross_site_request',
      );
    }
    const same = await at('127.0.0.1:5173', '/api/v2/user', {
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(same.status).toBe(200);
  });

  it('on /auth refuses cross-site fetches and frames but lets top-level navigations in', async () => {
    const fetchLike = await at('127.0.0.1:5173', '/auth/session', {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
    });
    expect(fetchLike.status).toBe(403);
    const frame = await at('127.0.0.1:5173', '/auth/login', {
      headers: {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-dest': 'iframe',
      },
    });
    expect(frame.status).toBe(403);
    // The OAuth provider redirects the browser back here from its own site.
    const callback = await at('127.0.0.1:5173', '/auth/callback?code=x&state=y', {
      headers: {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-dest': 'document',
      },
    });
    expect(callback.status).toBe(200);
    // Not a prefix match on the name: /authors is an app page.
    const page = await at('127.0.0.1:5173', '/authors', {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
    });
    expect(page.status).toBe(200);
  });
});
