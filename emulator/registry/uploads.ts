// Blob uploads (OCI distribution "push"): monolithic `POST ?digest=`, `POST` then `PUT`,
// chunked `PATCH` with `Content-Range`, `GET` for the upload's status, `DELETE` to cancel,
// and cross-repository mount within a project (`POST ?mount=&from=`). Bodies are streamed to
// disk (blob-store.ts); the digest is checked on the closing request. A blob belongs to the
// repositories it was pushed to or mounted into ("links"): a HEAD in another repository is a
// 404, as in distribution, so clients mount it instead.
//
// Choices where the spec leaves room (distribution 2.8 does the same):
// - Location is an absolute path (`/v2/<name>/blobs/uploads/<id>`), so it survives a port
//   the server does not know it listens on.
// - `Range` is `0-<last byte>` without a `bytes=` unit (Docker's parser rejects one), `0-0`
//   before any byte.
// - A body cut off mid-stream, or bytes that do not match the digest, drop the whole
//   upload (its file is removed at once): the client starts again, nothing half-written
//   stays.
import { BlobStore, CutOffError, isSupportedDigest, type UploadSession } from './blob-store';
import { RegistryError } from './errors';

const STALE_UPLOAD_MS = 60 * 60 * 1000;

export interface UploadTarget {
  /** `<team>/<project>/<repo>` as in the URL. */
  name: string;
  /** What links key on: `<projectId>/<repo>`. */
  key: string;
}

export interface UploadContext {
  store: BlobStore;
  /** Digests of blobs pushed to (or mounted into) a repository key. */
  linked(key: string): Set<string>;
  now(): number;
}

function contentLength(req: Request): number | null {
  const raw = req.headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

function uploadHeaders(headers: Headers, target: UploadTarget, session: UploadSession): Headers {
  headers.set('location', `/v2/${target.name}/blobs/uploads/${session.id}`);
  headers.set('range', `0-${Math.max(0, session.size - 1)}`);
  headers.set('docker-upload-uuid', session.id);
  headers.set('content-length', '0');
  return headers;
}

function blobCreated(headers: Headers, target: UploadTarget, digest: string): Response {
  headers.set('location', `/v2/${target.name}/blobs/${digest}`);
  headers.set('docker-content-digest', digest);
  headers.set('content-length', '0');
  return new Response(null, { status: 201, headers });
}

function checkDigest(digest: string | null): string {
  if (!digest) {
    throw new RegistryError(400, 'DIGEST_INVALID', 'the closing PUT needs ?digest=<alg>:<hex>');
  }
  if (!isSupportedDigest(digest)) {
    throw new RegistryError(
      400,
      'DIGEST_INVALID',
      `unsupported digest "${digest.slice(0, 140)}": use sha256:<64 hex> or sha512:<128 hex>`,
      { digest: digest.slice(0, 140) },
    );
  }
  return digest;
}

export function createUploads(ctx: UploadContext) {
  const { store } = ctx;

  function session(target: UploadTarget, id: string): UploadSession {
    const found = store.uploads.get(id);
    if (!found) {
      throw new RegistryError(
        404,
        'BLOB_UPLOAD_UNKNOWN',
        `blob upload unknown: ${id.slice(0, 80)}`,
      );
    }
    if (found.name !== target.name) {
      // Never let one repository's upload be finished (or read) through another's name.
      throw new RegistryError(
        404,
        'BLOB_UPLOAD_UNKNOWN',
        `blob upload unknown to ${target.name}: upload ${id} belongs to another repository`,
      );
    }
    if (found.busy) {
      throw new RegistryError(
        416,
        'BLOB_UPLOAD_INVALID',
        'another request is still writing to this upload',
      );
    }
    return found;
  }

  /** Streams a body into the upload; a cut-off body drops it and answers 400. */
  async function append(req: Request, s: UploadSession): Promise<void> {
    try {
      await store.append(s, req.body, contentLength(req));
    } catch (err) {
      if (err instanceof CutOffError) {
        throw new RegistryError(
          400,
          'BLOB_UPLOAD_INVALID',
          `the upload body was cut off (${err.message}); the upload was dropped, start again`,
        );
      }
      throw err;
    }
  }

  /** Content-Range `<start>-<end>`: must continue where the upload stands (else 416). */
  function checkRange(req: Request, headers: Headers, target: UploadTarget, s: UploadSession) {
    const raw = req.headers.get('content-range');
    if (raw === null) return;
    const m = /^(?:bytes[ =])?(\d+)-(\d+)(?:\/(?:\d+|\*))?$/.exec(raw.trim());
    if (!m || Number(m[1]) !== s.size || Number(m[2]) < Number(m[1])) {
      uploadHeaders(headers, target, s);
      throw new RegistryError(
        416,
        'RANGE_INVALID',
        `Content-Range ${raw.slice(0, 60)} is out of order: the upload holds ${s.size} bytes, so the next chunk starts at ${s.size}`,
        { range: raw.slice(0, 60), size: s.size },
      );
    }
    const length = contentLength(req);
    if (length !== null && length !== Number(m[2]) - Number(m[1]) + 1) {
      throw new RegistryError(
        400,
        'SIZE_INVALID',
        `Content-Range ${raw.slice(0, 60)} names ${Number(m[2]) - Number(m[1]) + 1} bytes but Content-Length is ${length}`,
      );
    }
  }

  async function finish(
    target: UploadTarget,
    s: UploadSession,
    digest: string,
    headers: Headers,
  ): Promise<Response> {
    if (!(await store.commit(s, digest))) {
      throw new RegistryError(
        400,
        'DIGEST_INVALID',
        `provided digest did not match uploaded content: the ${s.size} bytes received do not hash to ${digest}; the upload was dropped`,
        { digest },
      );
    }
    ctx.linked(target.key).add(digest);
    return blobCreated(headers, target, digest);
  }

  return {
    /** POST …/blobs/uploads/ (with `?digest=` monolithic, with `?mount=&from=` a mount). */
    async start(
      req: Request,
      url: URL,
      headers: Headers,
      target: UploadTarget,
      /** The `from` repository's key when the caller may read it (same project), else null. */
      fromKey: string | null,
    ): Promise<Response> {
      const now = ctx.now();
      await store.purgeStale(now, STALE_UPLOAD_MS);
      const mount = url.searchParams.get('mount');
      if (mount && fromKey && isSupportedDigest(mount) && ctx.linked(fromKey).has(mount)) {
        if ((await store.size(mount)) !== null) {
          ctx.linked(target.key).add(mount);
          return blobCreated(headers, target, mount);
        }
      }
      const digestParam = url.searchParams.get('digest');
      const s = await store.startUpload(target.name, now);
      if (digestParam !== null) {
        let digest: string;
        try {
          digest = checkDigest(digestParam);
        } catch (err) {
          await store.drop(s);
          throw err;
        }
        await append(req, s);
        return finish(target, s, digest, headers);
      }
      // A mount that cannot be honoured falls back to an ordinary upload (202), as the spec says.
      return new Response(null, { status: 202, headers: uploadHeaders(headers, target, s) });
    },

    async patch(req: Request, headers: Headers, target: UploadTarget, id: string) {
      const s = session(target, id);
      checkRange(req, headers, target, s);
      await append(req, s);
      return new Response(null, { status: 202, headers: uploadHeaders(headers, target, s) });
    },

    async put(req: Request, url: URL, headers: Headers, target: UploadTarget, id: string) {
      const s = session(target, id);
      const digest = checkDigest(url.searchParams.get('digest'));
      checkRange(req, headers, target, s);
      await append(req, s);
      return finish(target, s, digest, headers);
    },

    status(headers: Headers, target: UploadTarget, id: string): Response {
      const s = session(target, id);
      return new Response(null, { status: 204, headers: uploadHeaders(headers, target, s) });
    },

    async cancel(headers: Headers, target: UploadTarget, id: string): Promise<Response> {
      await store.drop(session(target, id));
      headers.set('content-length', '0');
      return new Response(null, { status: 204, headers });
    },
  };
}
