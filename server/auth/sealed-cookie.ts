// Encrypted cookies: the session lives in the browser, sealed so that only this server can
// read or forge it. Nothing is kept in server memory, so any number of instances (Vercel
// Functions included) can serve one user. AES-256-GCM with a key derived from SESSION_SECRET
// by HKDF; the cookie name is bound in as associated data, so one kind of cookie can never
// be replayed as another.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const MIN_SECRET_BYTES = 32;

export interface Sealer {
  seal(name: string, payload: object, expiresAt: number): string;
  /** The payload, or undefined when the value is forged, tampered with, foreign or expired. */
  unseal<T>(name: string, value: string | undefined, now?: number): T | undefined;
}

export function createSealer(secret: string): Sealer {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`SESSION_SECRET must be at least ${MIN_SECRET_BYTES} bytes.`);
  }
  const key = Buffer.from(
    hkdfSync('sha256', secret, 'vcr-dashboard', 'sealed-cookie v1', 32) as ArrayBuffer,
  );

  return {
    seal(name, payload, expiresAt) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(name));
      const body = Buffer.from(JSON.stringify({ exp: expiresAt, data: payload }));
      const encrypted = Buffer.concat([cipher.update(body), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, encrypted, cipher.getAuthTag()]).toString(
        'base64url',
      );
    },
    unseal<T>(name: string, value: string | undefined, now = Date.now()) {
      if (!value || value.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
      const raw = Buffer.from(value, 'base64url');
      if (raw.length < 1 + IV_BYTES + TAG_BYTES + 1 || raw[0] !== VERSION) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 1 + IV_BYTES));
        decipher.setAAD(Buffer.from(name));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const plain = Buffer.concat([
          decipher.update(raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]);
        const parsed = JSON.parse(plain.toString('utf8')) as { exp?: unknown; data?: unknown };
        if (typeof parsed.exp !== 'number' || parsed.exp <= now) return undefined;
        return parsed.data as T;
      } catch {
        return undefined;
      }
    },
  };
}
