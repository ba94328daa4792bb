// Pushed blobs on disk, content-addressed: `<dataDir>/blobs/<alg>/<hex>`. An upload is
// streamed into `<dataDir>/uploads/<id>` while it is hashed, and renamed into place only
// once the closing PUT's digest matches, so a blob file always holds exactly its digest's
// bytes. A failed upload (cut-off body, bad digest, cancel, stale) removes its temp file.
//
// The data directory is VCR_DATA_DIR, else a fresh temp directory removed when the process
// exits (a demo's pushes are as ephemeral as the rest of the emulator's state).
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const DIGEST_PARTS = /^(sha256|sha512):([a-f0-9]+)$/;
const WRITE_BATCH_BYTES = 1024 * 1024;
const HEX_LENGTH: Record<string, number> = { sha256: 64, sha512: 128 };

/** Whether a digest is one this store can verify (sha256 or sha512, right length). */
export function isSupportedDigest(digest: string): boolean {
  const m = DIGEST_PARTS.exec(digest);
  return m !== null && m[2]!.length === HEX_LENGTH[m[1]!];
}

export interface UploadSession {
  id: string;
  /** `<team>/<project>/<repo>`: an upload only continues under the name it began in. */
  name: string;
  file: string;
  /** Bytes received so far. */
  size: number;
  sha256: Hash;
  startedAt: number;
  /** A request is writing to it now (a second one at once is refused). */
  busy: boolean;
}

/** Why an upload stream stopped early. */
export class CutOffError extends Error {}

export class BlobStore {
  private root: string | null;
  private made = false;
  readonly uploads = new Map<string, UploadSession>();

  constructor(dataDir?: string) {
    this.root = dataDir ?? null;
    if (dataDir) {
      // A bad VCR_DATA_DIR is named at start, not met as a 500 on the first push.
      try {
        mkdirSync(dataDir, { recursive: true });
        accessSync(dataDir, constants.W_OK);
      } catch (err) {
        throw new Error(
          `VCR_DATA_DIR=${dataDir.slice(0, 200)} is not a writable directory (${(err as Error).message})`,
          { cause: err },
        );
      }
    }
  }

  /** The data directory, made on first use (no temp folder for an emulator that never gets a push). */
  dir(): string {
    if (!this.root) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'vcr-emulator-data-'));
      this.root = dir;
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    if (!this.made) {
      mkdirSync(path.join(this.root, 'uploads'), { recursive: true });
      mkdirSync(path.join(this.root, 'blobs', 'sha256'), { recursive: true });
      mkdirSync(path.join(this.root, 'blobs', 'sha512'), { recursive: true });
      this.made = true;
    }
    return this.root;
  }

  blobPath(digest: string): string {
    const m = DIGEST_PARTS.exec(digest)!;
    return path.join(this.dir(), 'blobs', m[1]!, m[2]!);
  }

  /** The blob's size, or null when it is not stored. */
  async size(digest: string): Promise<number | null> {
    if (!isSupportedDigest(digest)) return null;
    try {
      return (await stat(this.blobPath(digest))).size;
    } catch {
      return null;
    }
  }

  read(digest: string, range?: { start: number; end: number }) {
    return createReadStream(this.blobPath(digest), range ?? {});
  }

  async readAll(digest: string): Promise<Buffer> {
    const handle = await open(this.blobPath(digest), 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  async startUpload(name: string, now: number): Promise<UploadSession> {
    const id = randomUUID();
    const file = path.join(this.dir(), 'uploads', id);
    await (await open(file, 'wx')).close();
    const session: UploadSession = {
      id,
      name,
      file,
      size: 0,
      sha256: createHash('sha256'),
      startedAt: now,
      busy: false,
    };
    this.uploads.set(id, session);
    return session;
  }

  /**
   * Appends a request body to the upload, hashing as it goes; memory stays at one chunk.
   * `expected` is the Content-Length when given: fewer bytes than that means the client was
   * cut off. On any failure the whole upload is dropped (and its file removed).
   */
  async append(
    session: UploadSession,
    body: ReadableStream<Uint8Array> | null,
    expected: number | null,
  ): Promise<void> {
    if (!body) {
      if (expected) throw new CutOffError(`expected ${expected} bytes, got none`);
      return;
    }
    session.busy = true;
    const handle = await open(session.file, 'a');
    let received = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (!pendingBytes) return;
      const batch = pending;
      pending = [];
      pendingBytes = 0;
      await handle.writev(batch);
    };
    try {
      const reader = body.getReader();
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (err) {
          throw new CutOffError(`the body stopped after ${received} bytes (${String(err)})`);
        }
        if (chunk.done) break;
        session.sha256.update(chunk.value);
        received += chunk.value.length;
        // Sockets deliver 16–64 kB at a time: one write per MB instead keeps the syscalls
        // (and the awaits) off the hot path while memory stays at one buffer.
        pending.push(chunk.value);
        pendingBytes += chunk.value.length;
        if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
      }
      await flush();
      if (expected !== null && received !== expected) {
        throw new CutOffError(`Content-Length said ${expected} bytes, the body had ${received}`);
      }
      session.size += received;
    } catch (err) {
      await handle.close().catch(() => {});
      await this.drop(session);
      throw err;
    } finally {
      session.busy = false;
    }
    await handle.close();
  }

  /**
   * Checks the upload against `digest` and moves it into place. Returns false (and drops the
   * upload) when the bytes do not match.
   */
  async commit(session: UploadSession, digest: string): Promise<boolean> {
    const m = DIGEST_PARTS.exec(digest)!;
    let actual: string;
    if (m[1] === 'sha256') {
      actual = session.sha256.digest('hex');
    } else {
      // sha512 is rare (conformance data): hashed from the file at the end, not on every write.
      const hash = createHash('sha512');
      for await (const chunk of createReadStream(session.file)) hash.update(chunk as Buffer);
      actual = hash.digest('hex');
    }
    if (actual !== m[2]) {
      await this.drop(session);
      return false;
    }
    this.uploads.delete(session.id);
    await rename(session.file, this.blobPath(digest));
    return true;
  }

  async drop(session: UploadSession): Promise<void> {
    this.uploads.delete(session.id);
    await rm(session.file, { force: true });
  }

  /** Drops uploads untouched for `maxAgeMs` (distribution purges stale uploads the same way). */
  async purgeStale(now: number, maxAgeMs: number): Promise<void> {
    for (const session of [...this.uploads.values()]) {
      if (!session.busy && now - session.startedAt > maxAgeMs) await this.drop(session);
    }
  }
}
