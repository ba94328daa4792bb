// Deterministic identifiers and the request id header. Everything the emulator invents is
// derived from a hash of stable inputs, so a seed always produces the same ids, digests and
// layers across restarts (tests and screenshots can rely on them).
import { createHash, randomBytes } from 'node:crypto';

export function sha256Hex(input: string): string {
  return createHash('sha256').update(input).digest('hex');
}

export function digestOf(input: string): string {
  return `sha256:${sha256Hex(input)}`;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `image_…`-style id: a prefix plus 24 lowercase alphanumerics derived from `input`. */
export function idFrom(prefix: string, input: string, length = 24): string {
  const hex = sha256Hex(`${prefix}:${input}`);
  let out = '';
  for (let i = 0; out.length < length; i += 2) {
    out += ALNUM[parseInt(hex.slice(i % 64, (i % 64) + 2), 16) % ALNUM.length];
  }
  return `${prefix}_${out}`;
}

/** A small deterministic PRNG (mulberry32) seeded from a string. */
export function prng(seed: string): () => number {
  let a = parseInt(sha256Hex(seed).slice(0, 8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The shape support asks for: `<region>::<5 chars>-<epoch ms>-<12 hex>`, e.g.
 * `iad1::abcde-1700000000000-0123456789ab`. Unique per response.
 */
export function vercelId(nowMs: number): string {
  const bytes = randomBytes(6).toString('hex');
  let tag = '';
  const r = randomBytes(5);
  for (const b of r) tag += ALNUM[b % ALNUM.length];
  return `iad1::${tag}-${Math.floor(nowMs)}-${bytes}`;
}

export const VERCEL_ID_RE = /^[a-z0-9]+::[a-z0-9]{5}-\d{13}-[0-9a-f]{12}$/;
