// One emulator instance: state built from a seed, the API handler, and the control routes.
//
// Control routes (never part of the Vercel API; absent when /api is proxied to Vercel):
//   POST   /__emulator/push    {projectId?, repository, tag, arch?, platform?, prepareSeconds?,
//                               sizeInBytes?, pushedBy?, kind?} → {tag, repository,
//                               repositoryCreated, previousImageId?}. Creates the tag (and the
//                               repository) or moves it onto a new image, status `preparing`;
//                               prepareSeconds defaults to 5, null = preparing forever.
//   POST   /__emulator/faults  {path, method?, status?, headers?, body?, delayMs?, times?} →
//                               {fault}. path = exact API path or a prefix ending in `*`
//                               (a leading /api is ignored); body may be a raw string.
//   GET    /__emulator/faults  → {faults}
//   DELETE /__emulator/faults  → {cleared}
//   POST   /__emulator/reset   → {ok: true}: the seed's data again, faults cleared, and
//                               lifecycle deadlines counted from now.
import { Hono } from 'hono';
import { TAG_NAME_RE, isValidRepositoryName } from '../../src/api/schemas';
import { createApiHandler, type ApiRequestOptions } from './api';
import { CursorCodec } from './cursor';
import { FaultStore, parseFaultSpec } from './faults';
import { vercelId } from './ids';
import { EmulatorState, type Clock, type PushInput } from './state';
import type { Seed } from './seed-schema';

export const CONTROL_PREFIX = '/__emulator';

export interface Emulator {
  /** Answers an API request (path relative to the API root). */
  fetch(request: Request, options?: ApiRequestOptions): Promise<Response>;
  /** The /__emulator/* control routes. */
  control: Hono;
  state(): EmulatorState;
  faults: FaultStore;
  reset(): void;
  /** The seed's first project, with its team. */
  defaultScope(): { projectId: string; teamId: string };
  /** The seed's first token (what the dashboard server sends on the browser's behalf). */
  firstToken(): string;
}

export interface EmulatorOptions {
  seed: Seed;
  clock?: Clock;
  /** How long an accepted image DELETE takes to remove the image (default 1.5 s). */
  deleteDelayMs?: number;
}

function parsePush(raw: unknown, state: EmulatorState): PushInput | string {
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
  return r as unknown as PushInput;
}

export function createEmulator({
  seed,
  clock = Date.now,
  deleteDelayMs,
}: EmulatorOptions): Emulator {
  const stateOptions = deleteDelayMs === undefined ? {} : { deleteDelayMs };
  let state = new EmulatorState(seed, clock, stateOptions);
  const faults = new FaultStore();
  const handle = createApiHandler({ state: () => state, faults, cursors: new CursorCodec() });

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
    return c.json(state.push(input), 200);
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
  control.all(`${CONTROL_PREFIX}/*`, (c) =>
    c.json(
      {
        error: {
          code: 'not_found',
          message: `No emulator control route for ${c.req.method} ${new URL(c.req.url).pathname}. Routes: POST ${CONTROL_PREFIX}/push, POST|GET|DELETE ${CONTROL_PREFIX}/faults, POST ${CONTROL_PREFIX}/reset.`,
        },
      },
      404,
    ),
  );

  return {
    fetch: (request, options) => handle(request, options),
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
  };
}

/**
 * The standalone emulator's whole surface, as api.vercel.com lays it out: the API at the
 * root, plus the control routes. Used by `npm run emulator`, the SDK tests and the bench.
 */
export function standaloneFetch(emulator: Emulator): (request: Request) => Promise<Response> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    return pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)
      ? emulator.control.fetch(request)
      : emulator.fetch(request);
  };
}
