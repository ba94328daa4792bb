// `PUT …/manifests/<tag|digest>`: image manifests and indexes, OCI and Docker v2 media
// types, checked as VCR documents ("Money and limits" in vcr-api.md) and as distribution
// checks references:
// - the manifest is at most 4 MB (4 MiB; distribution's own cap) → 413 MANIFEST_INVALID;
// - an image's config and layers, an index's children, must already be in this repository
//   → MANIFEST_BLOB_UNKNOWN (a `subject` and non-distributable layers with `urls` are not
//   checked, as the spec asks);
// - config ≤ 1 MB (1 MiB), naming `os` and `architecture`; layers gzip or zstd (a Buildx
//   attestation manifest's in-toto layers too); a layer ≤ 500 MB (the plan limit);
// - a digest reference must be the digest of the bytes (DIGEST_INVALID).
// What it becomes: an image of the repository with the manifest's digest (sha256 of the
// bytes), kind, platform/arch from the config, size = manifest + config + layers, pushedBy
// the token's user; `preparing` for `prepareMs(size)`. The bytes are kept and served as sent.
import { createHash } from 'node:crypto';
import { TAG_NAME_RE } from '../../src/api/schemas';
import { BlobStore, DIGEST_PARTS, isSupportedDigest } from './blob-store';
import { RegistryError } from './errors';
import type { EmulatorState, IndexChild, ProjectRecord, RepositoryRecord } from '../state/state';
import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  IN_TOTO,
  OCI_INDEX,
  OCI_MANIFEST,
} from '../state/manifests';

export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_LAYER_BYTES = 500 * 1024 * 1024;

const IMAGE_TYPES = new Set([OCI_MANIFEST, DOCKER_MANIFEST]);
const INDEX_TYPES = new Set([OCI_INDEX, DOCKER_MANIFEST_LIST]);
const LAYER_TYPES = new Set([
  'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.oci.image.layer.v1.tar+zstd',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
  'application/vnd.docker.image.rootfs.diff.tar.gzip',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
]);

interface Descriptor {
  mediaType?: string;
  digest: string;
  size: number;
  urls?: string[];
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ManifestPutContext {
  state: EmulatorState;
  store: BlobStore;
  linked(key: string): Set<string>;
  prepareMs(sizeInBytes: number): number;
}

export interface ManifestTarget {
  name: string;
  key: string;
  project: ProjectRecord;
  repoName: string;
  repo: RepositoryRecord | undefined;
}

const invalid = (message: string, detail?: unknown) =>
  new RegistryError(400, 'MANIFEST_INVALID', message, detail);

function hashAs(algorithm: string, bytes: Buffer): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Reads at most `MAX_MANIFEST_BYTES`; one byte more is a 413 naming the limit. */
async function readManifest(req: Request): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  const tooBig = (n: string) =>
    new RegistryError(
      413,
      'MANIFEST_INVALID',
      `manifest is ${n} bytes; VCR accepts manifests up to 4 MB (${MAX_MANIFEST_BYTES} bytes)`,
      { limit: MAX_MANIFEST_BYTES },
    );
  if (declared > MAX_MANIFEST_BYTES) throw tooBig(String(declared));
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw invalid(`the manifest body was cut off after ${total} bytes; nothing was stored`);
    }
    if (chunk.done) break;
    total += chunk.value.length;
    if (total > MAX_MANIFEST_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooBig(`more than ${MAX_MANIFEST_BYTES}`);
    }
    chunks.push(chunk.value);
  }
  if (Number.isFinite(declared) && declared !== total) {
    throw invalid(
      `Content-Length said ${declared} bytes, the manifest had ${total}; nothing was stored`,
    );
  }
  return Buffer.concat(chunks);
}

function descriptor(value: unknown, where: string): Descriptor {
  const d = value as Partial<Descriptor> | null;
  if (
    typeof d !== 'object' ||
    d === null ||
    typeof d.digest !== 'string' ||
    !DIGEST_PARTS.test(d.digest) ||
    !Number.isSafeInteger(d.size) ||
    (d.size as number) < 0
  ) {
    throw invalid(`${where} must be a descriptor with a digest (sha256:…) and a size`);
  }
  return d as Descriptor;
}

export async function putManifest(
  ctx: ManifestPutContext,
  req: Request,
  headers: Headers,
  target: ManifestTarget,
  reference: string,
  pushedBy: string | undefined,
): Promise<Response> {
  const byDigest = reference.includes(':');
  if (byDigest && !isSupportedDigest(reference)) {
    throw new RegistryError(
      400,
      'DIGEST_INVALID',
      `invalid digest reference "${reference.slice(0, 140)}"`,
      {
        digest: reference.slice(0, 140),
      },
    );
  }
  if (!byDigest && !TAG_NAME_RE.test(reference)) {
    throw new RegistryError(
      400,
      'TAG_INVALID',
      'tag must match ^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$',
      { tag: reference.slice(0, 140) },
    );
  }
  const bytes = await readManifest(req);
  const digest = hashAs('sha256', bytes);
  if (byDigest) {
    const alg = DIGEST_PARTS.exec(reference)![1]!;
    if (hashAs(alg, bytes) !== reference) {
      throw new RegistryError(
        400,
        'DIGEST_INVALID',
        `the manifest's bytes do not hash to ${reference}`,
        { digest: reference },
      );
    }
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalid('manifest is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('manifest must be a JSON object');
  }
  const headerType = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const bodyType = typeof body.mediaType === 'string' ? body.mediaType : undefined;
  if (bodyType && headerType && bodyType !== headerType) {
    throw invalid(`Content-Type ${headerType} does not match the manifest's mediaType ${bodyType}`);
  }
  const mediaType =
    bodyType ??
    (headerType && headerType !== 'application/json' && headerType !== 'application/octet-stream'
      ? headerType
      : Array.isArray(body.manifests)
        ? OCI_INDEX
        : OCI_MANIFEST);
  if (body.schemaVersion !== 2) throw invalid('manifest must have schemaVersion 2');
  const linked = ctx.linked(target.key);
  const blobUnknown = (d: string, what: string) =>
    new RegistryError(
      400,
      'MANIFEST_BLOB_UNKNOWN',
      `${what} ${d} is not in ${target.name}: push (or mount) it before the manifest`,
      { digest: d },
    );

  let record: Parameters<EmulatorState['recordPush']>[2];
  const pushed = {
    mediaType,
    bytes,
    ...(byDigest && !reference.startsWith('sha256:') ? { alias: reference } : {}),
  };

  if (IMAGE_TYPES.has(mediaType)) {
    const config = descriptor(body.config, 'config');
    const layers = Array.isArray(body.layers) ? body.layers : [];
    if (body.layers !== undefined && !Array.isArray(body.layers)) {
      throw invalid('layers must be an array');
    }
    const configSize = linked.has(config.digest) ? await ctx.store.size(config.digest) : null;
    if (configSize === null) throw blobUnknown(config.digest, 'config blob');
    if (configSize > MAX_CONFIG_BYTES) {
      throw invalid(
        `config blob is ${configSize} bytes; VCR accepts configs up to 1 MB (${MAX_CONFIG_BYTES} bytes)`,
        { limit: MAX_CONFIG_BYTES },
      );
    }
    let cfg: { os?: unknown; architecture?: unknown; variant?: unknown } = {};
    try {
      cfg = JSON.parse((await ctx.store.readAll(config.digest)).toString('utf8')) as typeof cfg;
    } catch {
      cfg = {};
    }
    if (
      typeof cfg !== 'object' ||
      cfg === null ||
      typeof cfg.os !== 'string' ||
      !cfg.os ||
      typeof cfg.architecture !== 'string' ||
      !cfg.architecture
    ) {
      throw invalid(
        `config blob ${config.digest} must be JSON naming os and architecture: VCR takes single-platform images only (config mediaType ${String(config.mediaType)})`,
      );
    }
    const descriptors = layers.map((l, i) => descriptor(l, `layers[${i}]`));
    const attestation = descriptors.length > 0 && descriptors.every((l) => l.mediaType === IN_TOTO);
    let size = bytes.length + configSize;
    for (const [i, l] of descriptors.entries()) {
      if (!attestation && !LAYER_TYPES.has(l.mediaType ?? '')) {
        throw invalid(
          `layers[${i}] is ${String(l.mediaType)}: VCR accepts gzip or zstd layers (…tar+gzip, …tar+zstd)`,
          { mediaType: l.mediaType ?? null },
        );
      }
      if (l.size > MAX_LAYER_BYTES) {
        throw invalid(
          `layers[${i}] is ${l.size} bytes; a compressed layer is at most 500 MB (${MAX_LAYER_BYTES} bytes)`,
        );
      }
      const foreign = Array.isArray(l.urls) && l.urls.length > 0;
      const stored = linked.has(l.digest) ? await ctx.store.size(l.digest) : null;
      if (stored === null && !foreign) throw blobUnknown(l.digest, `layers[${i}]`);
      size += stored ?? l.size;
    }
    const isAttestation = attestation || (cfg.os === 'unknown' && cfg.architecture === 'unknown');
    record = isAttestation
      ? { manifestDigest: digest, kind: 'attestation', sizeInBytes: size, pushed, prepareMs: 0 }
      : {
          manifestDigest: digest,
          kind: 'manifest',
          platform: cfg.os,
          arch: cfg.architecture,
          sizeInBytes: size,
          pushed,
          prepareMs: ctx.prepareMs(size),
        };
  } else if (INDEX_TYPES.has(mediaType)) {
    if (!Array.isArray(body.manifests)) throw invalid('an index must have a manifests array');
    const repo = target.repo;
    const children: IndexChild[] = [];
    let size = bytes.length;
    for (const [i, raw] of (body.manifests as unknown[]).entries()) {
      const d = descriptor(raw, `manifests[${i}]`);
      const child = repo
        ? [...repo.images.values()].find(
            (im) =>
              im.deleteAt === undefined &&
              (im.manifestDigest === d.digest || im.pushed?.alias === d.digest),
          )
        : undefined;
      if (!child) throw blobUnknown(d.digest, `manifests[${i}]`);
      const p = d.platform;
      const attestationOf =
        d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'
          ? d.annotations['vnd.docker.reference.digest']
          : undefined;
      children.push({
        digest: child.manifestDigest,
        platform:
          p?.os && p.architecture
            ? [p.os, p.architecture, p.variant].filter(Boolean).join('/')
            : 'unknown/unknown',
        sizeInBytes: child.sizeInBytes,
        ...(attestationOf ? { attestationOf } : {}),
      });
      size += child.sizeInBytes;
    }
    record = {
      manifestDigest: digest,
      kind: 'index',
      sizeInBytes: size,
      manifests: children,
      pushed,
      prepareMs: 0,
    };
  } else {
    throw invalid(
      `unsupported manifest media type ${mediaType.slice(0, 120)}: VCR takes OCI or Docker v2 image manifests and indexes`,
    );
  }
  if (pushedBy !== undefined) record.pushedBy = pushedBy;

  const { image } = ctx.state.recordPush(
    target.project,
    target.repoName,
    record,
    byDigest ? undefined : reference,
  );
  headers.set('location', `/v2/${target.name}/manifests/${byDigest ? reference : digest}`);
  headers.set('docker-content-digest', byDigest ? reference : image.manifestDigest);
  headers.set('content-length', '0');
  return new Response(null, { status: 201, headers });
}
