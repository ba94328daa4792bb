// One emulator instance: state built from a seed, the API handler, and the control routes.
//
// Control routes (never part of the Vercel API; absent when /api is proxied to Vercel):
//   POST   /__emulator/push    {projectId?, repository, tag, arch?, platform?, prepareSeconds?,
//                               sizeInBytes?, pushedBy?, kind?, platforms?} → {tag, repository,
//                               repositoryCreated, previousImageId?}. Creates the tag (and the
//                               repository) or moves it onto a new image, status `preparing`;
//                               prepareSeconds defaults to 5, null = preparing forever.
//                               An index with platforms ["linux/amd64", "linux/arm64"] gets
//                               one untagged child image per platform. The repository's
//                               updatedAt moves (state/touch-repository.ts).
//   POST   /__emulator/faults  {path, method?, status?, headers?, body?, delayMs?, times?} →
//                               {fault}. path = exact API path or a prefix ending in `*`
//                               (a leading /api is ignored); body may be a raw string.
//   GET    /__emulator/faults  → {faults}
//   DELETE /__emulator/faults  → {cleared}
//   POST   /__emulator/reset   → {ok: true}: the seed's data again, faults cleared, and
//                               lifecycle deadlines counted from now.
//   POST   /__emulator/oauth/expire [{refreshTokens?}] → {expired: n}: every live OAuth
//                               access token (and refresh token, if asked) expires now.
//   *      /__emulator/oauth/*  the OAuth/OIDC authorization server (oauth/index.ts).
import { Hono } from 'hono';
import { TAG_NAME_RE, isValidRepositoryName } from '../src/api/schemas';
import { createApiHandler, type ApiRequestOptions } from './rest/api';
import { CursorCodec } from './rest/cursor';
import { FaultStore, parseFaultSpec } from './state/faults';
import { vercelId } from './state/ids';
import { OAUTH_MOUNT, createOAuthServer, type OAuthServer } from './oauth';
import { expireRoute } from './oauth/control';
import {
  createRegistryHandler,
  isRegistryPath,
  type RegistryRequestOptions,
} from './registry/registry';
import { BlobStore } from './registry/blob-store';
import { pushIndexWithChildren } from './state/push-index-children';
import { EmulatorState, type Clock, type PushInput } from './state/state';
import { touchRepository } from './state/touch-repository';
import type { Seed } from './state/seed-schema';

export const CONTROL_PREFIX = '/__emulator';

export interface Emulator {
  /** Answers an API request (path relative to the API root). */
  fetch(request: Request, options?: ApiRequestOptions): Promise<Response>;
  /** Answers a registry protocol request (`/v2/`, manifests, blobs, uploads, tags/list). */
  registry(request: Request, options?: RegistryRequestOptions): Promise<Response>;
  /** The /__emulator/* control routes. */
  control: Hono;
  state(): EmulatorState;
  faults: FaultStore;
  reset(): void;
  /** The seed's first project, with its team. */
  defaultScope(): { projectId: string; teamId: string };
  /** The seed's first token (what the dashboard server sends on the browser's behalf). */
  firstToken(): string;
  /** Sign in with Vercel: the authorization server (mounted by `control` and the standalone). */
  oauth: OAuthServer;
}

export interface EmulatorOptions {
  seed: Seed;
  clock?: Clock;
  /** Pins the issuer of the root-mounted authorization server (default: request origin). */
  oauthIssuer?: string;
  /** How long an accepted image DELETE takes to remove the image (default 1.5 s). */
  deleteDelayMs?: number;
  /** Where pushed blobs are stored (VCR_DATA_DIR); a temp directory removed at exit when absent. */
  dataDir?: string;
  /** How long a pushed image stays `preparing`, by its size (default 3 s + 1 s per 100 MB). */
  prepareMs?: (sizeInBytes: number) => number;
}

/**
 * The push settings from the environment: VCR_DATA_DIR, and VCR_PUSH_PREPARE_MS (base delay,
 * default 3000) with VCR_PUSH_PREPARE_MS_PER_MB (default 10) for the ready delay.
 */
export function pushOptionsFromEnv(
  env: Record<string, string | undefined>,
): Pick<EmulatorOptions, 'dataDir' | 'prepareMs'> {
  const number = (key: string, fallback: number): number => {
    const raw = env[key]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || n > 86_400_000) {
      throw new Error(
        `${key} must be a number of milliseconds (0–86400000), got "${raw.slice(0, 40)}"`,
      );
    }
    return n;
  };
  const base = number('VCR_PUSH_PREPARE_MS', 3000);
  const perMB = number('VCR_PUSH_PREPARE_MS_PER_MB', 10);
  const dataDir = env.VCR_DATA_DIR?.trim();
  return {
    prepareMs: (size) => Math.round(base + (perMB * size) / 1_000_000),
    ...(dataDir ? { dataDir } : {}),
  };
}

type ControlPush = PushInput & { platforms?: string[] };

function parsePush(raw: unknown, state: EmulatorState): ControlPush | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return 'body must be a JSON object';
  }
  const r = raw as Record<string, unknown>;
  const known = [
    'projectId',
    'repository',
    'tag',
    'arch',
    'platform',
    'prepareSeconds',
    'sizeInBytes',
    'pushedBy',
    'kind',
    'platforms',
  ];
  const unknown = Object.keys(r).filter((k) => !known.includes(k));
  if (unknown.length) return `unknown field(s): ${unknown.join(', ')}`;
  if (typeof r.repository !== 'string' || !isValidRepositoryName(r.repository)) {
    return 'repository must be a valid repository name (lowercase letters, digits, ".", "_", "-")';
  }
  if (typeof r.tag !== 'string' || !TAG_NAME_RE.test(r.tag)) {
    return 'tag must match ^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$';
  }
  if (r.projectId !== undefined) {
    if (typeof r.projectId !== 'string' || !state.projects.has(r.projectId)) {
      return `projectId must be one of the seed's projects (${[...state.projects.keys()].join(', ')})`;
    }
  }
  for (const f of ['arch', 'platform'] as const) {
    if (r[f] !== undefined && (typeof r[f] !== 'string' || !/^[a-z0-9]{1,32}$/.test(r[f]))) {
      return `${f} must be a lowercase word like ${f === 'arch' ? 'amd64 or arm64' : 'linux'}`;
    }
  }
  if (
    r.prepareSeconds !== undefined &&
    r.prepareSeconds !== null &&
    (typeof r.prepareSeconds !== 'number' || !(r.prepareSeconds >= 0) || r.prepareSeconds > 86_400)
  ) {
    return 'prepareSeconds must be a number of seconds between 0 and 86400, or null (forever)';
  }
  if (
    r.sizeInBytes !== undefined &&
    (!Number.isSafeInteger(r.sizeInBytes) || (r.sizeInBytes as number) < 0)
  ) {
    return 'sizeInBytes must be a non-negative integer';
  }
  if (r.pushedBy !== undefined && (typeof r.pushedBy !== 'string' || r.pushedBy.length > 256)) {
    return 'pushedBy must be a string';
  }
  if (r.kind !== undefined && !['manifest', 'index', 'attestation'].includes(r.kind as string)) {
    return 'kind must be manifest, index or attestation';
  }
  if (
    r.kind !== undefined &&
    r.kind !== 'manifest' &&
    (r.arch !== undefined || r.platform !== undefined)
  ) {
    return 'only a manifest has an arch and platform';
  }
  if (r.platforms !== undefined) {
    if (
      r.kind !== 'index' ||
      !Array.isArray(r.platforms) ||
      r.platforms.length < 1 ||
      r.platforms.length > 16 ||
      !r.platforms.every((p) => typeof p === 'string' && /^[a-z0-9]{1,32}\/[a-z0-9]{1,32}$/.test(p))
    ) {
      return 'platforms must be 1–16 "os/arch" strings like "linux/arm64", with kind "index"';
    }
  }
  return r as unknown as ControlPush;
}

export function createEmulator({
  seed,
  clock = Date.now,
  oauthIssuer,
  deleteDelayMs,
  dataDir,
  prepareMs,
}: EmulatorOptions): Emulator {
  const stateOptions = deleteDelayMs === undefined ? {} : { deleteDelayMs };
  let state = new EmulatorState(seed, clock, stateOptions);
  const faults = new FaultStore();
  const oauth = createOAuthServer({
    state: () => state,
    ...(oauthIssuer ? { issuer: oauthIssuer } : {}),
  });
  const handle = createApiHandler({ state: () => state, faults, cursors: new CursorCodec() });
  const registry = createRegistryHandler({
    state: () => state,
    faults,
    store: new BlobStore(dataDir),
    ...(prepareMs ? { prepareMs } : {}),
  });

  const control = new Hono();
  control.use(`${CONTROL_PREFIX}/*`, async (c, next) => {
    await next();
    c.header('x-vercel-id', vercelId(clock()));
    c.header('cache-control', 'no-store');
  });
  const refuse = (message: string) => ({ error: { code: 'bad_request', message } });
  const readJson = async (req: Request): Promise<{ ok: true; value: unknown } | { ok: false }> => {
    try {
      return { ok: true, value: await req.json() };
    } catch {
      return { ok: false };
    }
  };

  control.post(`${CONTROL_PREFIX}/push`, async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(refuse('body must be JSON'), 400);
    const input = parsePush(body.value, state);
    if (typeof input === 'string') return c.json(refuse(input), 400);
    const { platforms, ...push } = input;
    const result = platforms ? pushIndexWithChildren(state, push, platforms) : state.push(push);
    const repo = state.repositoriesById.get(result.repository.id);
    if (repo) touchRepository(repo, clock());
    return c.json(
      { ...result, repository: repo ? state.repositoryView(repo) : result.repository },
      200,
    );
  });
  control.post(`${CONTROL_PREFIX}/faults`, async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(refuse('body must be JSON'), 400);
    const spec = parseFaultSpec(body.value);
    if (typeof spec === 'string') return c.json(refuse(spec), 400);
    return c.json({ fault: faults.add(spec) }, 200);
  });
  control.get(`${CONTROL_PREFIX}/faults`, (c) => c.json({ faults: faults.list() }));
  control.delete(`${CONTROL_PREFIX}/faults`, (c) => c.json({ cleared: faults.clear() }));
  control.post(`${CONTROL_PREFIX}/reset`, (c) => {
    state = new EmulatorState(seed, clock, stateOptions);
    faults.clear();
    return c.json({ ok: true });
  });
  control.post(`${OAUTH_MOUNT}/expire`, async (c) => {
    const { status, body } = await expireRoute(c.req.raw, state.oauth);
    return c.json(body, status);
  });
  // The embedded authorization server. It sits behind the dashboard's CSP, whose
  // `form-action 'self'` also governs the redirect after Allow/Deny.
  control.all(`${OAUTH_MOUNT}/*`, async (c, next) => {
    const res = await oauth.fetch(c.req.raw, {
      prefix: OAUTH_MOUNT,
      sameOriginRedirectsOnly: true,
    });
    if (res) return res;
    await next();
  });
  control.all(`${CONTROL_PREFIX}/*`, (c) =>
    c.json(
      {
        error: {
          code: 'not_found',
          message: `No emulator control route for ${c.req.method} ${new URL(c.req.url).pathname}. Routes: POST ${CONTROL_PREFIX}/push, POST|GET|DELETE ${CONTROL_PREFIX}/faults, POST ${CONTROL_PREFIX}/reset, POST ${OAUTH_MOUNT}/expire, the authorization server under ${OAUTH_MOUNT}/ (discovery: ${OAUTH_MOUNT}/.well-known/openid-configuration).`,
        },
      },
      404,
    ),
  );

  return {
    fetch: (request, options) => handle(request, options),
    registry,
    control,
    state: () => state,
    faults,
    reset() {
      state = new EmulatorState(seed, clock, stateOptions);
      faults.clear();
    },
    defaultScope() {
      const p = state.firstProject;
      return { projectId: p.id, teamId: p.teamId };
    },
    firstToken: () => state.firstToken,
    oauth,
  };
}

/**
 * The standalone emulator's whole surface, as api.vercel.com, vcr.vercel.com and vercel.com
 * lay it out: the API and the registry at the root (see isRegistryPath for how `/v2/…` is
 * split), the authorization server's endpoints at the root as vercel.com has them (none of
 * their paths is an API or registry path), plus the control routes. Used by
 * `npm run emulator`, the SDK tests and the bench.
 */
export function standaloneFetch(emulator: Emulator): (request: Request) => Promise<Response> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      return emulator.control.fetch(request);
    }
    if (isRegistryPath(pathname)) return emulator.registry(request);
    const oauth = await emulator.oauth.fetch(request, {
      prefix: '',
      sameOriginRedirectsOnly: false,
    });
    return oauth ?? emulator.fetch(request);
  };
}
