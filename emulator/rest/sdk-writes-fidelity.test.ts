// Fidelity of the write endpoints (issue 10): the official @vercel/sdk 1.28.35 standalone
// funcs for deleting repositories and images and for repository permissions, pointed at a
// real emulator on a loopback port. Every JSON body is also checked against strict schemas
// of the SDK's models (exact fields, none null).
//
// The SDK matches 202 (deletes) and 204 (permission removals) with `M.json(…, z.any())`,
// which needs a JSON content type; the contract documents these answers as empty, so the
// SDK reports them as `SDKError: Unexpected Status or Content-Type` carrying the status. The
// tests check that status and that the body is empty; an error status would be reported
// by the SDK's `fail` matchers instead ("API error occurred").
//
// PATCH repository (`{public}`) has no SDK func in 1.28.35 (only the CLI's `vcr config
// --public` calls it), so it is checked with fetch against the SDK's repository model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { VercelCore } from '@vercel/sdk/core.js';
import { HTTPClient } from '@vercel/sdk/lib/http.js';
import { vcrDeleteRepository } from '@vercel/sdk/funcs/vcrDeleteRepository.js';
import { vcrDeleteRepositoryImage } from '@vercel/sdk/funcs/vcrDeleteRepositoryImage.js';
import { vcrListRepositoryPermissions } from '@vercel/sdk/funcs/vcrListRepositoryPermissions.js';
import { vcrAddRepositoryPermission } from '@vercel/sdk/funcs/vcrAddRepositoryPermission.js';
import { vcrRemoveRepositoryPermission } from '@vercel/sdk/funcs/vcrRemoveRepositoryPermission.js';
import { vcrClearRepositoryPermissions } from '@vercel/sdk/funcs/vcrClearRepositoryPermissions.js';
import { vcrGetRepository } from '@vercel/sdk/funcs/vcrGetRepository.js';
import { vcrGetRepositoryImage } from '@vercel/sdk/funcs/vcrGetRepositoryImage.js';
import { vcrListRepositoryTags } from '@vercel/sdk/funcs/vcrListRepositoryTags.js';
import { buildDemoSeed, DEMO_PROJECT_ID, DEMO_TEAM_ID, DEMO_TOKEN } from '../state/demo-seed';
import { createEmulator } from '../emulator';
import { validateSeed } from '../state/seed-schema';
import { listen } from '../test-support';

const DELETE_DELAY_MS = 100;
const iso = z.iso.datetime();
const permission = z.strictObject({
  repositoryId: z.string().regex(/^repo_/),
  teamId: z.string().regex(/^team_/),
  teamSlug: z.string().min(1),
  createdAt: iso,
});
const repository = z.strictObject({
  id: z.string().regex(/^repo_/),
  projectId: z.string().regex(/^prj_/),
  name: z.string(),
  public: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
});
const strictBodies: [RegExp, string, z.ZodType][] = [
  [
    /\/permissions$/,
    'GET',
    z.strictObject({ permissions: z.array(permission), nextCursor: z.string().optional() }),
  ],
  [/\/permissions$/, 'POST', z.strictObject({ permission })],
  [/^\/v1\/vcr\/repository\/[^/]+$/, 'GET', z.strictObject({ repository })],
];
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

let sdk: VercelCore;
let base: string;
let close: () => Promise<void>;
const problems: string[] = [];
const statuses: string[] = [];

beforeAll(async () => {
  const emulator = createEmulator({
    seed: validateSeed(buildDemoSeed()),
    deleteDelayMs: DELETE_DELAY_MS,
  });
  const server = await listen(emulator);
  base = server.url;
  close = server.close;
  const httpClient = new HTTPClient();
  httpClient.addHook('response', async (res, req) => {
    const path = new URL(req.url).pathname;
    statuses.push(`${req.method} ${path} ${res.status}`);
    const text = await res.clone().text();
    if (res.status === 202 || res.status === 204) {
      if (text !== '') problems.push(`${req.method} ${path}: ${res.status} with a body`);
      return;
    }
    const schema = res.ok
      ? strictBodies.find(([re, m]) => re.test(path) && m === req.method)?.[2]
      : errorBody;
    if (!schema) return;
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) problems.push(`${req.method} ${path}: ${z.prettifyError(parsed.error)}`);
  });
  sdk = new VercelCore({ bearerToken: DEMO_TOKEN, serverURL: base, httpClient });
});
afterAll(async () => {
  await close();
  expect(problems).toEqual([]);
});

const scope = { projectId: DEMO_PROJECT_ID, teamId: DEMO_TEAM_ID };

type SdkResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

function value<T>(result: SdkResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${String(result.error)}`);
  return result.value;
}

/** The status the SDK reports for an answer it does not parse as success or as an error. */
function emptyAnswerStatus(result: SdkResult<unknown>): number {
  expect(result.ok).toBe(false);
  const error = (result as { error: Error & { statusCode?: number; body?: string } }).error;
  expect(error.message).toContain('Unexpected Status or Content-Type');
  expect(error.body).toBe('');
  return error.statusCode ?? 0;
}

function errorStatus(result: SdkResult<unknown>): number {
  expect(result.ok).toBe(false);
  const error = (result as { error: Error & { statusCode?: number } }).error;
  expect(error.message).toContain('API error occurred');
  return error.statusCode ?? 0;
}

describe('@vercel/sdk write funcs against the emulator (demo seed)', () => {
  it('lists permissions page by page, adds, refuses, removes one and all', async () => {
    const first = value(
      await vcrListRepositoryPermissions(sdk, { ...scope, idOrName: 'api', limit: 1 }),
      'list permissions',
    );
    expect(first.permissions).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = value(
      await vcrListRepositoryPermissions(sdk, {
        ...scope,
        idOrName: 'api',
        limit: 1,
        cursor: first.nextCursor!,
      }),
      'list permissions, page 2',
    );
    expect(second.nextCursor).toBeUndefined();
    expect([...first.permissions, ...second.permissions].map((p) => p.teamSlug).sort()).toEqual([
      'globex',
      'northwind-qa',
    ]);

    const added = value(
      await vcrAddRepositoryPermission(sdk, {
        ...scope,
        idOrName: 'api',
        requestBody: { teamSlug: 'initech' },
      }),
      'add permission',
    );
    expect(added.permission).toMatchObject({ teamId: 'team_initech', teamSlug: 'initech' });

    expect(
      errorStatus(
        await vcrAddRepositoryPermission(sdk, {
          ...scope,
          idOrName: 'api',
          requestBody: { teamId: 'team_initech' },
        }),
      ),
    ).toBe(409);
    expect(
      errorStatus(
        await vcrAddRepositoryPermission(sdk, {
          ...scope,
          idOrName: 'api',
          requestBody: { teamSlug: 'no-such-team' },
        }),
      ),
    ).toBe(404);

    expect(
      emptyAnswerStatus(
        await vcrRemoveRepositoryPermission(sdk, {
          ...scope,
          idOrName: 'api',
          requestBody: { teamId: 'team_initech' },
        }),
      ),
    ).toBe(204);
    const afterOne = value(
      await vcrListRepositoryPermissions(sdk, { ...scope, idOrName: 'api' }),
      'list after remove',
    );
    expect(afterOne.permissions.map((p) => p.teamSlug)).not.toContain('initech');

    expect(
      emptyAnswerStatus(await vcrClearRepositoryPermissions(sdk, { ...scope, idOrName: 'api' })),
    ).toBe(204);
    expect(
      value(
        await vcrListRepositoryPermissions(sdk, { ...scope, idOrName: 'api' }),
        'list after clear',
      ).permissions,
    ).toEqual([]);
    expect(
      errorStatus(await vcrListRepositoryPermissions(sdk, { ...scope, idOrName: 'nope' })),
    ).toBe(404);
  });

  it('deletes an image (202), which is gone with its tags once the background work ran', async () => {
    const tags = value(
      await vcrListRepositoryTags(sdk, { ...scope, idOrName: 'worker', limit: 100 }),
      'list tags',
    ).tags;
    const victim = tags[0]!;
    expect(
      emptyAnswerStatus(
        await vcrDeleteRepositoryImage(sdk, {
          ...scope,
          idOrName: 'worker',
          imageId: victim.imageId,
        }),
      ),
    ).toBe(202);
    await new Promise((r) => setTimeout(r, DELETE_DELAY_MS + 50));
    expect(
      errorStatus(
        await vcrGetRepositoryImage(sdk, {
          ...scope,
          idOrName: 'worker',
          imageIdOrDigest: victim.imageId,
        }),
      ),
    ).toBe(404);
    const left = value(
      await vcrListRepositoryTags(sdk, { ...scope, idOrName: 'worker', limit: 100 }),
      'list tags after',
    ).tags;
    expect(left.some((t) => t.imageId === victim.imageId)).toBe(false);
    expect(
      errorStatus(
        await vcrDeleteRepositoryImage(sdk, {
          ...scope,
          idOrName: 'worker',
          imageId: victim.imageId,
        }),
      ),
    ).toBe(404);
  });

  it('deletes a repository (202): get answers 404 at once, and so does a second delete', async () => {
    expect(
      emptyAnswerStatus(await vcrDeleteRepository(sdk, { ...scope, idOrName: 'docs-site' })),
    ).toBe(202);
    expect(errorStatus(await vcrGetRepository(sdk, { ...scope, idOrName: 'docs-site' }))).toBe(404);
    expect(errorStatus(await vcrDeleteRepository(sdk, { ...scope, idOrName: 'docs-site' }))).toBe(
      404,
    );
  });

  it('PATCH {public} answers the repository model (no SDK func: checked with fetch)', async () => {
    const url = `${base}/v1/vcr/repository/scratchpad?projectId=${DEMO_PROJECT_ID}&teamId=${DEMO_TEAM_ID}`;
    const res = await fetch(url, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ public: true }),
    });
    expect(res.status).toBe(200);
    const body = z.strictObject({ repository }).parse(await res.json());
    expect(body.repository.public).toBe(true);
    const got = value(await vcrGetRepository(sdk, { ...scope, idOrName: 'scratchpad' }), 'get');
    expect(got.repository.public).toBe(true);
  });

  it('saw every write go through the emulator', () => {
    for (const expected of [
      'POST /v1/vcr/repository/api/permissions 200',
      'DELETE /v1/vcr/repository/api/permissions 204',
      'DELETE /v1/vcr/repository/api/permissions/all 204',
      'DELETE /v1/vcr/repository/docs-site 202',
    ]) {
      expect(statuses).toContain(expected);
    }
  });
});
