// The server-side registry client against a scripted registry: Basic first, the Bearer
// challenge followed the way docker and skopeo follow it, bearers cached per scope, a realm
// on another host refused, and a manifest that does not hash to its digest rejected.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRegistryClient, isTrustedRealm, parseChallenge } from './registry-client';

const ORIGIN = 'https://registry.test';
const NAME = 'acme/storefront/platforms';
const INDEX = Buffer.from('{"schemaVersion":2,"manifests":[]}');
const DIGEST = `sha256:${createHash('sha256').update(INDEX).digest('hex')}`;
const CREDS = { username: 'team_e2e', password: 'vcr_e2e_token' };
const BASIC = `Basic ${Buffer.from('team_e2e:vcr_e2e_token').toString('base64')}`;

interface Seen {
  url: URL;
  authorization: string | null;
  accept: string | null;
}

/** A registry that wants a bearer (like vcr.vercel.com may) and logs every request. */
function bearerRegistry(overrides: { realm?: string; body?: Buffer; expiresIn?: number } = {}) {
  const seen: Seen[] = [];
  let minted = 0;
  const fetch = async (req: Request) => {
    const url = new URL(req.url);
    seen.push({
      url,
      authorization: req.headers.get('authorization'),
      accept: req.headers.get('accept'),
    });
    if (url.pathname === '/v2/token') {
      if (req.headers.get('authorization') !== BASIC) return new Response('{}', { status: 401 });
      minted++;
      return Response.json({ token: `bearer-${minted}`, expires_in: overrides.expiresIn ?? 300 });
    }
    if (!req.headers.get('authorization')?.startsWith('Bearer bearer-')) {
      return new Response(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED' }] }), {
        status: 401,
        headers: {
          'www-authenticate': `Bearer realm="${overrides.realm ?? `${ORIGIN}/v2/token`}",service="registry.test",scope="repository:${NAME}:pull"`,
        },
      });
    }
    if (url.pathname.endsWith('/missing')) {
      return new Response(
        JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }),
        { status: 404 },
      );
    }
    return new Response(new Uint8Array(overrides.body ?? INDEX), {
      headers: {
        'content-type': 'application/vnd.oci.image.index.v1+json',
        'docker-content-digest': DIGEST,
      },
    });
  };
  return { fetch, seen, minted: () => minted };
}

describe('parseChallenge', () => {
  it('reads quoted and bare parameters', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://r.test/token",service=r.test,scope="repository:a/b/c:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://r.test/token', service: 'r.test', scope: 'repository:a/b/c:pull' },
    });
    expect(parseChallenge('Basic realm="Registry"')?.scheme).toBe('basic');
  });
});

describe('isTrustedRealm', () => {
  const vcr = new URL('https://vcr.vercel.com');
  it.each([
    ['https://vcr.vercel.com/v2/token', true],
    ['https://vercel.com/api/registry/token', true],
    ['https://api.vercel.com/token', true],
    ['http://api.vercel.com/token', false],
    ['https://vercel.com.evil.test/token', false],
    ['https://evilvercel.com/token', false],
    ['https://u:p@api.vercel.com/token', false],
  ])('%s → %s', (realm, trusted) => {
    expect(isTrustedRealm(vcr, new URL(realm))).toBe(trusted);
  });
  it('an IP registry trusts only its own origin', () => {
    const local = new URL('http://127.0.0.1:4000');
    expect(isTrustedRealm(local, new URL('http://127.0.0.1:4000/v2/token'))).toBe(true);
    expect(isTrustedRealm(local, new URL('https://0.0.1/token'))).toBe(false);
    expect(isTrustedRealm(local, new URL('http://127.0.0.1:4001/v2/token'))).toBe(false);
  });
});

describe('registry client', () => {
  it('follows the Bearer challenge with Basic credentials, then reuses the bearer', async () => {
    const registry = bearerRegistry();
    const client = createRegistryClient({ origin: ORIGIN, fetch: registry.fetch });
    const first = await client.manifest('GET', NAME, DIGEST, CREDS);
    expect(first).toMatchObject({
      ok: true,
      digest: DIGEST,
      mediaType: 'application/vnd.oci.image.index.v1+json',
    });
    const [attempt, token, retry] = registry.seen;
    expect(attempt!.authorization).toBe(BASIC);
    expect(attempt!.accept).toContain('application/vnd.oci.image.index.v1+json');
    expect(attempt!.accept).toContain('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(token!.url.searchParams.get('service')).toBe('registry.test');
    expect(token!.url.searchParams.get('scope')).toBe(`repository:${NAME}:pull`);
    expect(token!.authorization).toBe(BASIC);
    expect(retry!.authorization).toBe('Bearer bearer-1');

    await client.manifest('GET', NAME, DIGEST, CREDS);
    expect(registry.minted()).toBe(1);
    expect(registry.seen).toHaveLength(4);
    expect(registry.seen[3]!.authorization).toBe('Bearer bearer-1');
  });

  it('mints a new bearer once the cached one has expired', async () => {
    const registry = bearerRegistry({ expiresIn: 30 });
    let now = 1_000_000;
    const client = createRegistryClient({ origin: ORIGIN, fetch: registry.fetch, now: () => now });
    await client.manifest('GET', NAME, DIGEST, CREDS);
    now += 25_000;
    await client.manifest('GET', NAME, DIGEST, CREDS);
    expect(registry.minted()).toBe(2);
  });

  it('refuses a realm on another host: the token never leaves for it', async () => {
    const registry = bearerRegistry({ realm: 'https://evil.test/token' });
    const client = createRegistryClient({ origin: ORIGIN, fetch: registry.fetch });
    const result = await client.manifest('GET', NAME, DIGEST, CREDS);
    expect(result).toMatchObject({ ok: false, status: 502, code: 'registry_bad_challenge' });
    expect(registry.seen.map((s) => s.url.host)).toEqual(['registry.test']);
  });

  it('rejects a manifest that does not hash to the digest asked for', async () => {
    const registry = bearerRegistry({ body: Buffer.from('{"schemaVersion":2,"manifests":[1]}') });
    const client = createRegistryClient({ origin: ORIGIN, fetch: registry.fetch });
    const result = await client.manifest('GET', NAME, DIGEST, CREDS);
    expect(result).toMatchObject({ ok: false, status: 502, code: 'registry_digest_mismatch' });
  });

  it('maps MANIFEST_UNKNOWN to a 404 that names it', async () => {
    const registry = bearerRegistry();
    const client = createRegistryClient({ origin: ORIGIN, fetch: registry.fetch });
    const result = await client.manifest('GET', NAME, 'missing', CREDS);
    expect(result).toMatchObject({ ok: false, status: 404, code: 'not_found' });
    expect(result.ok || result.message).toContain('MANIFEST_UNKNOWN');
  });

  it('a registry that refuses the credentials at the realm is a 401', async () => {
    const registry = bearerRegistry();
    const client = createRegistryClient({ origin: ORIGIN, fetch: registry.fetch });
    const result = await client.manifest('GET', NAME, DIGEST, { ...CREDS, password: 'wrong' });
    expect(result).toMatchObject({ ok: false, status: 401, code: 'registry_unauthorized' });
  });

  it('an unreachable registry is a 502, a slow one a 504', async () => {
    const down = createRegistryClient({
      origin: ORIGIN,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    expect(await down.manifest('GET', NAME, DIGEST, CREDS)).toMatchObject({
      status: 502,
      code: 'registry_unreachable',
    });
    const slow = createRegistryClient({
      origin: ORIGIN,
      timeoutMs: 20,
      fetch: (req) =>
        new Promise((_, reject) =>
          req.signal.addEventListener('abort', () => reject(req.signal.reason)),
        ),
    });
    expect(await slow.manifest('GET', NAME, DIGEST, CREDS)).toMatchObject({
      status: 504,
      code: 'registry_timeout',
    });
  });
});
