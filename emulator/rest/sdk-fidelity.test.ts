// Fidelity proof: the official @vercel/sdk (its standalone funcs, serverURL pointed at a
// real emulator on a loopback port) calls every emulated endpoint and parses every response
// of the demo seed without a validation error, and gets the documented status for each
// error case.
//
// The SDK's own schemas are forgiving (a missing string becomes "", unknown keys pass), so
// every raw body is also checked against strict schemas of the same models: exactly the
// SDK's fields, required ones present, optional ones omitted rather than null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { VercelCore } from '@vercel/sdk/core.js';
import { HTTPClient } from '@vercel/sdk/lib/http.js';
import { vcrListRepositories } from '@vercel/sdk/funcs/vcrListRepositories.js';
import { vcrCreateRepository } from '@vercel/sdk/funcs/vcrCreateRepository.js';
import { vcrGetRepository } from '@vercel/sdk/funcs/vcrGetRepository.js';
import { vcrListRepositoryTags } from '@vercel/sdk/funcs/vcrListRepositoryTags.js';
import { vcrGetRepositoryTag } from '@vercel/sdk/funcs/vcrGetRepositoryTag.js';
import { vcrListRepositoryImages } from '@vercel/sdk/funcs/vcrListRepositoryImages.js';
import { vcrGetRepositoryImage } from '@vercel/sdk/funcs/vcrGetRepositoryImage.js';
import { userGetAuthUser } from '@vercel/sdk/funcs/userGetAuthUser.js';
import { teamsGetTeam } from '@vercel/sdk/funcs/teamsGetTeam.js';
import { projectsGetProject } from '@vercel/sdk/funcs/projectsGetProject.js';
import { DIGEST_RE } from '../../src/api/schemas';
import { buildDemoSeed, DEMO_TEAM_ID, DEMO_TOKEN } from '../state/demo-seed';
import { createEmulator } from '../emulator';
import { validateSeed } from '../state/seed-schema';
import { fixtureSeed, listen } from '../test-support';

const iso = z.iso.datetime();
const kind = z.enum(['index', 'manifest', 'attestation']);
const status = z.enum(['preparing', 'ready', 'unoptimized']).nullable();
const tag = z.strictObject({
  tag: z.string().min(1),
  manifestDigest: z.string().regex(DIGEST_RE),
  imageId: z.string().regex(/^image_/),
  kind,
  platform: z.string().optional(),
  arch: z.string().optional(),
  pushedBy: z.string().optional(),
  status,
  sizeInBytes: z.number().int().nonnegative(),
  createdAt: iso,
  updatedAt: iso,
});
const repository = z.strictObject({
  id: z.string().regex(/^repo_/),
  projectId: z.string().regex(/^prj_/),
  name: z.string(),
  public: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
});
const imageFields = {
  id: z.string().regex(/^image_/),
  repositoryId: z.string().regex(/^repo_/),
  manifestDigest: z.string().regex(DIGEST_RE),
  kind,
  platform: z.string().optional(),
  arch: z.string().optional(),
  pushedBy: z.string().optional(),
  status,
  sizeInBytes: z.number().int().nonnegative(),
  createdAt: iso,
  tags: z.array(z.string()),
  // Newer than the SDK's models (which pass unknown keys through): vcr-api.md "Added since".
  vhs: z.strictObject({ digest: z.string().regex(DIGEST_RE), path: z.string().min(1) }).optional(),
};
const layerBase = {
  operation: z.string(),
  createdBy: z.string().nullable(),
  digest: z.string().regex(DIGEST_RE).nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
};
const OTHER_OPS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'LABEL']
  .concat(['ONBUILD', 'SHELL', 'STOPSIGNAL', 'UNKNOWN', 'USER', 'VOLUME', 'WORKDIR'])
  .map((op) => z.strictObject({ ...layerBase, type: z.literal(op), value: z.string().nullable() }));
const layer = z.union([
  z.strictObject({
    ...layerBase,
    type: z.literal('FROM'),
    baseImage: z.string().nullable(),
    collapsedDigests: z.array(z.string().regex(DIGEST_RE)),
    collapsedLayerCount: z.number().int(),
  }),
  z.strictObject({ ...layerBase, type: z.literal('RUN'), command: z.string().nullable() }),
  z.strictObject({ ...layerBase, type: z.literal('ENV'), env: z.string().nullable() }),
  ...OTHER_OPS,
]);
const error = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

// Built once: zod compiles each object schema on first use.
const strict = {
  repositoryList: z.strictObject({
    repositories: z.array(repository),
    nextCursor: z.string().optional(),
  }),
  repository: z.strictObject({ repository }),
  tagList: z.strictObject({ tags: z.array(tag), nextCursor: z.string().optional() }),
  tag: z.strictObject({ tag }),
  imageList: z.strictObject({
    images: z.array(z.strictObject(imageFields)),
    nextCursor: z.string().optional(),
  }),
  image: z.strictObject({ image: z.strictObject({ ...imageFields, layers: z.array(layer) }) }),
};

/** Which strict schema a 2xx response body must satisfy, by path. */
function strictSchemaFor(method: string, path: string): z.ZodType | null {
  if (/^\/v1\/vcr\/repository$/.test(path)) {
    return method === 'POST' ? strict.repository : strict.repositoryList;
  }
  if (/^\/v1\/vcr\/repository\/[^/]+$/.test(path)) return strict.repository;
  if (/\/tags$/.test(path)) return strict.tagList;
  if (/\/tags\/[^/]+$/.test(path)) return strict.tag;
  if (/\/images$/.test(path)) return strict.imageList;
  if (/\/images\/[^/]+$/.test(path)) return strict.image;
  return null;
}

interface Harness {
  sdk: VercelCore;
  close(): Promise<void>;
  /** Every response seen, checked once the test has run. */
  problems: string[];
  responses: number;
}

async function harness(seed: unknown, token: string): Promise<Harness> {
  const emulator = createEmulator({ seed: validateSeed(seed) });
  const server = await listen(emulator);
  const h: Harness = { sdk: undefined as never, close: server.close, problems: [], responses: 0 };
  const httpClient = new HTTPClient();
  httpClient.addHook('response', async (res, req) => {
    h.responses++;
    const path = new URL(req.url).pathname;
    if (
      !/^[a-z0-9]+::[a-z0-9]{5}-\d{13}-[0-9a-f]{12}$/.test(res.headers.get('x-vercel-id') ?? '')
    ) {
      h.problems.push(`${req.method} ${path}: no x-vercel-id`);
    }
    const body: unknown = await res.clone().json();
    const schema = res.ok ? strictSchemaFor(req.method, path) : error;
    if (!schema) return;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      h.problems.push(`${req.method} ${path}: ${z.prettifyError(parsed.error).slice(0, 500)}`);
    }
  });
  h.sdk = new VercelCore({ bearerToken: token, serverURL: server.url, httpClient });
  return h;
}

/** Runs `fn` over `items`, a few at a time (the SDK spends its time parsing, not waiting). */
async function pool<T>(items: T[], fn: (item: T, index: number) => Promise<void>, width = 4) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/** Unwraps an SDK result, failing with the SDK's own error (e.g. a validation error). */
function ok<T>(result: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T {
  if (!result.ok) {
    const e = result.error as Error;
    throw new Error(`${what}: ${e.name}: ${e.message.slice(0, 800)}`);
  }
  return result.value;
}

describe('@vercel/sdk against the emulator (demo seed)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(buildDemoSeed(), DEMO_TOKEN);
  });
  afterAll(() => h.close());

  it('parses every response of every endpoint, paging through everything', async () => {
    const seed = buildDemoSeed();
    const scope = { teamId: DEMO_TEAM_ID };
    let tagCount = 0;
    let imageCount = 0;

    const user = ok(await userGetAuthUser(h.sdk), 'getAuthUser');
    expect(user?.user.id).toBeTruthy();
    const team = ok(await teamsGetTeam(h.sdk, { teamId: DEMO_TEAM_ID }), 'getTeam');
    expect(team.slug).toBe('northwind');

    for (const project of seed.projects) {
      const p = ok(
        await projectsGetProject(h.sdk, { idOrName: project.id, ...scope }),
        'getProject',
      );
      expect(p.name).toBe(project.name);
      const q = { projectId: project.id, ...scope };

      const repoNames: string[] = [];
      let cursor: string | undefined;
      do {
        const page = ok(
          await vcrListRepositories(h.sdk, { ...q, limit: 2, ...(cursor ? { cursor } : {}) }),
          'listRepositories',
        );
        repoNames.push(...page.repositories.map((r) => r.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(repoNames.sort()).toEqual((project.repositories ?? []).map((r) => r.name).sort());

      for (const name of repoNames) {
        const repo = ok(await vcrGetRepository(h.sdk, { ...q, idOrName: name }), 'getRepository');
        expect(repo.repository.name).toBe(name);

        const tags: string[] = [];
        cursor = undefined;
        do {
          const page: { tags: { tag: string }[]; nextCursor?: string | undefined } = ok(
            await vcrListRepositoryTags(h.sdk, {
              ...q,
              idOrName: repo.repository.id,
              limit: 100,
              ...(cursor ? { cursor } : {}),
            }),
            'listRepositoryTags',
          );
          tags.push(...page.tags.map((t) => t.tag));
          cursor = page.nextCursor;
        } while (cursor);
        const seeded = project.repositories!.find((r) => r.name === name)!;
        expect(new Set(tags).size).toBe(seeded.tags.length);
        expect(tags.length).toBe(seeded.tags.length);

        const byTag = ok(
          await vcrListRepositoryTags(h.sdk, {
            ...q,
            idOrName: name,
            sortBy: 'tag',
            sortOrder: 'asc',
          }),
          'listRepositoryTags by tag',
        );
        expect(byTag.tags.length).toBeGreaterThanOrEqual(Math.min(20, seeded.tags.length));

        await pool(tags, async (t) => {
          const got = ok(
            await vcrGetRepositoryTag(h.sdk, { ...q, idOrName: name, tag: t }),
            `getRepositoryTag ${name}:${t}`,
          );
          expect(got.tag.tag).toBe(t);
          tagCount++;
        });

        for (const untagged of [false, true]) {
          const ids: string[] = [];
          cursor = undefined;
          do {
            const page: {
              images: { id: string; tags: string[] }[];
              nextCursor?: string | undefined;
            } = ok(
              await vcrListRepositoryImages(h.sdk, {
                ...q,
                idOrName: name,
                limit: 100,
                ...(untagged ? { untagged } : {}),
                ...(cursor ? { cursor } : {}),
              }),
              'listRepositoryImages',
            );
            for (const img of page.images) {
              ids.push(img.id);
              if (untagged) expect(img.tags).toEqual([]);
            }
            cursor = page.nextCursor;
          } while (cursor);
          if (untagged) {
            expect(ids.length).toBe(seeded.untaggedImages?.length ?? 0);
            continue;
          }
          await pool(ids, async (id, i) => {
            const img = ok(
              await vcrGetRepositoryImage(h.sdk, { ...q, idOrName: name, imageIdOrDigest: id }),
              `getRepositoryImage ${name}@${id}`,
            );
            expect(img.image.id).toBe(id);
            if (i === 0) {
              const again = ok(
                await vcrGetRepositoryImage(h.sdk, {
                  ...q,
                  idOrName: name,
                  imageIdOrDigest: img.image.manifestDigest,
                }),
                'getRepositoryImage by digest',
              );
              expect(again.image.id).toBe(id);
            }
            imageCount++;
          });
        }
      }
    }

    const created = ok(
      await vcrCreateRepository(h.sdk, {
        ...scope,
        requestBody: { projectId: seed.projects[0]!.id, name: 'sdk-made' },
      }),
      'createRepository',
    );
    expect(created.repository.name).toBe('sdk-made');

    expect(tagCount).toBeGreaterThan(2_500);
    expect(imageCount).toBeGreaterThan(2_500);
    expect(h.problems).toEqual([]);
    expect(h.responses).toBeGreaterThan(tagCount + imageCount);
  }, 240_000);
});

describe('@vercel/sdk error statuses (e2e fixture seed)', () => {
  let h: Harness;
  let bad: Harness;
  beforeAll(async () => {
    h = await harness(fixtureSeed(), 'vcr_e2e_token');
    bad = await harness(fixtureSeed(), 'not-a-token');
  });
  afterAll(async () => {
    await h.close();
    await bad.close();
  });

  const q = { projectId: 'prj_e2e', teamId: 'team_e2e' };
  const status = (result: { ok: boolean; error?: unknown }) => {
    expect(result.ok).toBe(false);
    return (result.error as { statusCode?: number }).statusCode;
  };

  it('gets the documented status for each error case', async () => {
    expect(
      status(
        await vcrGetRepositoryTag(h.sdk, {
          ...q,
          projectId: '',
          idOrName: 'web-app',
          tag: 'latest',
        }),
      ),
    ).toBe(400);
    expect(
      status(await vcrListRepositoryTags(h.sdk, { ...q, idOrName: 'web-app', limit: 0 })),
    ).toBe(400);
    expect(status(await vcrListRepositories(h.sdk, { ...q, limit: 1001 }))).toBe(400);
    expect(
      status(await vcrListRepositoryImages(h.sdk, { ...q, idOrName: 'web-app', cursor: 'forged' })),
    ).toBe(400);
    expect(
      status(await vcrGetRepositoryTag(bad.sdk, { ...q, idOrName: 'web-app', tag: 'latest' })),
    ).toBe(401);
    expect(status(await userGetAuthUser(bad.sdk))).toBe(401);
    expect(
      status(
        await vcrGetRepositoryTag(h.sdk, {
          projectId: 'prj_other',
          idOrName: 'internal',
          tag: 'v1',
        }),
      ),
    ).toBe(403);
    expect(status(await teamsGetTeam(h.sdk, { teamId: 'team_other' }))).toBe(403);
    expect(status(await projectsGetProject(h.sdk, { idOrName: 'prj_other' }))).toBe(403);
    expect(
      status(await vcrGetRepositoryTag(h.sdk, { ...q, idOrName: 'web-app', tag: 'nope' })),
    ).toBe(404);
    expect(status(await vcrGetRepository(h.sdk, { ...q, idOrName: 'nope' }))).toBe(404);
    expect(
      status(
        await vcrGetRepositoryImage(h.sdk, {
          ...q,
          idOrName: 'web-app',
          imageIdOrDigest: 'image_nope',
        }),
      ),
    ).toBe(404);
    expect(
      status(
        await vcrCreateRepository(h.sdk, {
          requestBody: { projectId: 'prj_e2e', name: 'web-app' },
        }),
      ),
    ).toBe(409);
    expect(
      status(
        await vcrCreateRepository(h.sdk, {
          requestBody: { projectId: 'prj_e2e', name: 'Not Valid' },
        }),
      ),
    ).toBe(400);
    expect(h.problems).toEqual([]);
    expect(bad.problems).toEqual([]);
  });

  it('parses the fixture seed tag the UI tests rely on', async () => {
    const res = ok(
      await vcrGetRepositoryTag(h.sdk, { ...q, idOrName: 'web-app', tag: 'latest' }),
      'getRepositoryTag',
    );
    expect(res.tag).toMatchObject({
      tag: 'latest',
      status: 'ready',
      pushedBy: 'alice@acme.dev',
      sizeInBytes: 38_693_274,
    });
    expect(h.problems).toEqual([]);
  });
});
