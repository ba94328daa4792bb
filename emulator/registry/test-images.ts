// Test support: small real images (a gzip layer of a tar, a config naming os/architecture,
// an OCI manifest), as bytes for the request-level tests and as an OCI image layout on disk
// for the real clients (skopeo copy oci:DIR:TAG …).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const sha256 = (bytes: Buffer | string) =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export interface Blob {
  digest: string;
  bytes: Buffer;
  mediaType: string;
}

const blob = (mediaType: string, bytes: Buffer): Blob => ({
  mediaType,
  bytes,
  digest: sha256(bytes),
});

/** A one-file tar (512-byte header + content, padded, two zero blocks). */
function tarOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const pad = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, pad, Buffer.alloc(1024)]);
}

export interface TestImage {
  layer: Blob;
  config: Blob;
  manifest: Blob;
  /** manifest + config + layer bytes: what the REST API's sizeInBytes must say. */
  size: number;
}

export function testImage(
  options: {
    arch?: string;
    os?: string;
    text?: string;
    docker?: boolean;
    layerMediaType?: string;
    config?: Record<string, unknown>;
  } = {},
): TestImage {
  const text = options.text ?? `hello from ${options.arch ?? 'amd64'}\n`;
  const tar = tarOf('hello.txt', Buffer.from(text));
  const docker = options.docker ?? false;
  const layer = blob(
    options.layerMediaType ??
      (docker
        ? 'application/vnd.docker.image.rootfs.diff.tar.gzip'
        : 'application/vnd.oci.image.layer.v1.tar+gzip'),
    gzipSync(tar),
  );
  const config = blob(
    docker
      ? 'application/vnd.docker.container.image.v1+json'
      : 'application/vnd.oci.image.config.v1+json',
    Buffer.from(
      JSON.stringify(
        options.config ?? {
          architecture: options.arch ?? 'amd64',
          os: options.os ?? 'linux',
          config: { Cmd: ['/hello.txt'] },
          rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
        },
      ),
    ),
  );
  const manifestType = docker
    ? 'application/vnd.docker.distribution.manifest.v2+json'
    : 'application/vnd.oci.image.manifest.v1+json';
  const manifest = blob(
    manifestType,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: manifestType,
        config: { mediaType: config.mediaType, digest: config.digest, size: config.bytes.length },
        layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.bytes.length }],
      }),
    ),
  );
  return {
    layer,
    config,
    manifest,
    size: manifest.bytes.length + config.bytes.length + layer.bytes.length,
  };
}

export function testIndex(images: { image: TestImage; arch: string }[]): Blob {
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  return blob(
    mediaType,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType,
        manifests: images.map(({ image, arch }) => ({
          mediaType: image.manifest.mediaType,
          digest: image.manifest.digest,
          size: image.manifest.bytes.length,
          platform: { os: 'linux', architecture: arch },
        })),
      }),
    ),
  );
}

/**
 * Writes an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`) with `tag`
 * naming `top` (an image manifest or an index).
 */
export function writeOciLayout(dir: string, blobs: Blob[], top: Blob, tag: string): void {
  mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const b of [...blobs, top]) {
    writeFileSync(path.join(dir, 'blobs', 'sha256', b.digest.slice(7)), b.bytes);
  }
  writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: top.mediaType,
          digest: top.digest,
          size: top.bytes.length,
          annotations: { 'org.opencontainers.image.ref.name': tag },
        },
      ],
    }),
  );
}
