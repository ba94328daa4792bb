// The tag page of a tag Sandbox can never use: an index lists its platforms (from the
// registry, through /api/registry) with each child's own, live status (from the REST API,
// by digest), and every case says why it will never be ready and what to run instead.
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageDetail, Tag } from '../../api/schemas';
import { server } from '../../test/msw-server';
import { baseTag, renderAt, serveTag, useLookups } from './test-utils';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const AMD64 = d('a');
const ARM64 = d('b');
const ATT = d('c');
const INDEX_DIGEST = d('9');
const REGISTRY_PATH = '/api/registry/v2/:team/:project/:repo/manifests/:ref';
const IMAGE_PATH = '/api/v1/vcr/repository/:repo/images/:ref';

const indexTag: Tag = {
  ...baseTag,
  tag: 'multi',
  manifestDigest: INDEX_DIGEST,
  kind: 'index',
  platform: undefined,
  arch: undefined,
  status: null,
  sizeInBytes: 2048,
};
delete (indexTag as Partial<Tag>).platform;
delete (indexTag as Partial<Tag>).arch;

const index = {
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: AMD64,
      size: 700,
      platform: { os: 'linux', architecture: 'amd64' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: ARM64,
      size: 700,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: ATT,
      size: 400,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.digest': AMD64,
        'vnd.docker.reference.type': 'attestation-manifest',
      },
    },
  ],
};

function image(digest: string, extra: Partial<ImageDetail>): ImageDetail {
  return {
    id: `image_${digest.slice(7, 15)}`,
    repositoryId: 'repo_1',
    manifestDigest: digest,
    kind: 'manifest',
    platform: 'linux',
    arch: 'amd64',
    status: 'ready',
    sizeInBytes: 52_428_800,
    createdAt: '2026-11-20T12:00:00Z',
    tags: [],
    layers: [],
    ...extra,
  };
}

/** The registry answers the index; the REST API answers each child, amd64 preparing first. */
function serveIndex(amd64: Array<'preparing' | 'ready'> = ['ready']) {
  const seen = { registry: [] as URL[], amd64: 0 };
  server.use(
    http.get(REGISTRY_PATH, ({ request }) => {
      seen.registry.push(new URL(request.url));
      return HttpResponse.json(index);
    }),
    http.get(IMAGE_PATH, ({ params }) => {
      const ref = params.ref as string;
      if (ref === AMD64) {
        const status = amd64[Math.min(seen.amd64++, amd64.length - 1)];
        return HttpResponse.json({ image: image(AMD64, { status }) });
      }
      if (ref === ARM64) {
        return HttpResponse.json({
          image: image(ARM64, { arch: 'arm64', status: 'unoptimized', sizeInBytes: 50_331_648 }),
        });
      }
      if (ref === ATT) {
        return HttpResponse.json({
          image: image(ATT, { kind: 'attestation', status: null, sizeInBytes: 1_048_576 }),
        });
      }
      return HttpResponse.json(
        { error: { code: 'not_found', message: 'VCR Image not found.' } },
        { status: 404 },
      );
    }),
  );
  return seen;
}

const url = (tag: string) =>
  `/repositories/platforms/tags/${tag}?projectId=prj_e2e&teamId=team_e2e`;

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-11-27T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('an index tag', () => {
  it('lists its platforms and attestations with digests, sizes, statuses and image links', async () => {
    serveTag(useLookups(), [indexTag]);
    const seen = serveIndex();
    renderAt(url('multi'));
    const section = await screen.findByTestId('index-platforms');
    const rows = await within(section).findAllByTestId('index-child');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByText('linux/amd64')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('linux/arm64/v8')).toBeInTheDocument();
    expect(rows[2]).toHaveTextContent(`Attestation for linux/amd64 ${'a'.repeat(12)}`);
    expect(within(rows[0]!).getByText('a'.repeat(12))).toBeInTheDocument();
    expect(await within(rows[0]!).findByText('Ready')).toBeInTheDocument();
    expect(await within(rows[1]!).findByText('Ready (unoptimized)')).toBeInTheDocument();
    expect(await within(rows[2]!).findByText('No status (attestation)')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('48 MiB')).toBeInTheDocument();
    expect(
      within(rows[0]!).getByRole('button', { name: /Copy digest of linux\/amd64/ }),
    ).toBeInTheDocument();
    expect(within(rows[1]!).getByRole('link', { name: /Open image linux\/arm64/ })).toHaveAttribute(
      'href',
      `/repositories/platforms/images/${encodeURIComponent(ARM64)}?projectId=prj_e2e&teamId=team_e2e`,
    );
    // The registry was asked for the tag's digest, with the team ID for its Basic username.
    expect(seen.registry[0]!.pathname).toBe(
      `/api/registry/v2/acme/storefront/platforms/manifests/${INDEX_DIGEST}`,
    );
    expect(seen.registry[0]!.searchParams.get('teamId')).toBe('team_e2e');
  });

  it('watches a preparing child until it is ready, and then says so', async () => {
    serveTag(useLookups(), [indexTag]);
    const seen = serveIndex(['preparing', 'preparing', 'ready']);
    renderAt(url('multi'));
    const rows = await screen.findAllByTestId('index-child');
    expect(await within(rows[0]!).findByText('Preparing')).toBeInTheDocument();
    expect(screen.getByTestId('amd64-child')).toHaveTextContent('still preparing');
    // Polled every 2 s while preparing, like the tag itself.
    await vi.advanceTimersByTimeAsync(2100);
    await vi.advanceTimersByTimeAsync(2100);
    await waitFor(() => expect(within(rows[0]!).getByText('Ready')).toBeInTheDocument());
    expect(seen.amd64).toBeGreaterThanOrEqual(3);
    expect(screen.getByTestId('amd64-child')).toHaveTextContent(
      'Its linux/amd64 image is ready: point Sandbox at it by digest instead.',
    );
    // Ready: no more polling.
    const count = seen.amd64;
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen.amd64).toBe(count);
  });

  it('says why it will never be ready, with the Buildx command and the amd64 reference', async () => {
    serveTag(useLookups(), [indexTag]);
    serveIndex();
    renderAt(url('multi'));
    const why = await screen.findByTestId('why-not-ready');
    expect(
      within(why).getByRole('heading', { name: 'Why this tag will never be ready' }),
    ).toBeInTheDocument();
    expect(why).toHaveTextContent(/multi-platform index.*only runs a single linux\/amd64 image/);
    expect(
      await within(why).findByText(
        'docker buildx build --platform linux/amd64 --provenance=false --sbom=false -t vcr.vercel.com/acme/storefront/platforms:multi --push .',
      ),
    ).toBeInTheDocument();
    expect(
      await within(why).findByText(`vcr.vercel.com/acme/storefront/platforms@${AMD64}`),
    ).toBeInTheDocument();
    expect(
      within(why).getByRole('button', { name: 'Copy the linux/amd64 image reference' }),
    ).toBeInTheDocument();
  });

  it('a single-platform push wrapped by its attestation is named as such', async () => {
    serveTag(useLookups(), [indexTag]);
    serveIndex();
    server.use(
      http.get(REGISTRY_PATH, () =>
        HttpResponse.json({ ...index, manifests: [index.manifests[0], index.manifests[2]] }),
      ),
    );
    renderAt(url('multi'));
    expect(
      await screen.findByText(/single-platform image wrapped in an index/),
    ).toBeInTheDocument();
  });

  it('shows a registry failure inside the section, with a retry', async () => {
    serveTag(useLookups(), [indexTag]);
    server.use(
      http.get(REGISTRY_PATH, () =>
        HttpResponse.json(
          {
            error: {
              code: 'registry_unauthorized',
              message: 'The registry refused the token for this team.',
            },
          },
          { status: 401 },
        ),
      ),
    );
    renderAt(url('multi'));
    const section = await screen.findByTestId('index-platforms');
    expect(await within(section).findByRole('alert')).toBeInTheDocument();
    expect(screen.getByTestId('tag-facts')).toBeInTheDocument();
  });
});

describe('why not ready, other cases', () => {
  it('an unoptimized image: not linux/amd64, rebuild with --platform linux/amd64', async () => {
    serveTag(useLookups(), [{ ...baseTag, tag: 'arm', arch: 'arm64', status: 'unoptimized' }]);
    renderAt(url('arm'));
    const why = await screen.findByTestId('why-not-ready');
    expect(why).toHaveTextContent(
      'This image is built for linux/arm64, not linux/amd64, so Vercel Sandbox cannot use it: rebuild it with --platform linux/amd64.',
    );
    expect(
      await within(why).findByText(
        /--platform linux\/amd64 .* -t vcr\.vercel\.com\/acme\/storefront\/platforms:arm --push \./,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('index-platforms')).not.toBeInTheDocument();
  });

  it('an attestation: not an image', async () => {
    serveTag(useLookups(), [{ ...baseTag, tag: 'sbom', kind: 'attestation', status: null }]);
    renderAt(url('sbom'));
    expect(await screen.findByTestId('why-not-ready')).toHaveTextContent(
      /attestation .* describes an image but is not one/,
    );
  });

  it('a ready image says nothing and asks the registry nothing', async () => {
    serveTag(useLookups(), [baseTag]);
    const seen = serveIndex();
    renderAt(url('v1.0.0'));
    await screen.findByTestId('tag-facts');
    await vi.advanceTimersByTimeAsync(100);
    expect(screen.queryByTestId('why-not-ready')).not.toBeInTheDocument();
    expect(seen.registry).toHaveLength(0);
  });
});
