// One upstream call per credential and URL, however many tabs ask. Thirty teammates
// watching one preparing tag poll it every 2 s each; the Vercel API should hear about it
// about once a second, and a 429 it sends should quiet every one of them at once.
//
// Everything is keyed on the credential that goes upstream (the exact Authorization value:
// the server's token, a tab's pasted token, or later a signed-in user's access token), so an
// answer is only ever shared between requests that would have been answered the same way.
// - Single flight: identical requests in flight at the same time share one upstream call.
// - Freshness: a 2xx answer of a cacheable route (the VCR reads) is reused for `freshMs`
//   (at most 1 s) after it arrived.
// - Hold: a 429 with Retry-After stops calls on that credential until the time has passed;
//   meanwhile every request on it gets that 429 again with the remaining Retry-After.

/** An answer as the proxy serves it: already filtered and redacted, ready to copy out. */
export interface PreparedAnswer {
  status: number;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array<ArrayBuffer> | null;
}

export interface CoalescerOptions {
  /** How long a 2xx answer of a cacheable route is reused (0 = never; at most 1000). */
  freshMs: number;
  /** Most answers kept for reuse (expired ones go first, then the oldest). */
  maxEntries?: number;
  /** Most body bytes kept for reuse, all entries together. */
  maxBytes?: number;
  /** Longest hold a Retry-After may ask for; longer values are capped. */
  maxHoldSeconds?: number;
  now?: () => number;
}

export type Source = 'upstream' | 'shared' | 'fresh' | 'held';

export interface Served {
  answer: PreparedAnswer;
  source: Source;
  /** Seconds left on the credential's hold, when the answer is its 429. */
  retryAfter?: number;
}

export const MAX_FRESH_MS = 1000;
export const DEFAULT_MAX_ENTRIES = 1000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_HOLD_SECONDS = 3600;

interface FreshEntry {
  answer: PreparedAnswer;
  expires: number;
  bytes: number;
}

interface Hold {
  until: number;
  answer: PreparedAnswer;
}

/**
 * Retry-After as seconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3);
 * undefined when absent, unreadable or not in the future.
 */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(v)) ms = Number(v) * 1000;
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return ms > 0 ? ms : undefined;
}

export class UpstreamCoalescer {
  private readonly fresh = new Map<string, FreshEntry>();
  private readonly inflight = new Map<string, Promise<PreparedAnswer>>();
  private readonly holds = new Map<string, Hold>();
  private freshBytes = 0;
  private readonly freshMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxHoldMs: number;
  private readonly now: () => number;

  constructor(options: CoalescerOptions) {
    if (!(options.freshMs >= 0 && options.freshMs <= MAX_FRESH_MS)) {
      throw new Error(`freshMs must be between 0 and ${MAX_FRESH_MS}`);
    }
    this.freshMs = options.freshMs;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxHoldMs = (options.maxHoldSeconds ?? DEFAULT_MAX_HOLD_SECONDS) * 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The answer for `target` on `credential`: held, fresh, shared with a call in flight, or
   * from a new call to `load` (which must not throw: failures are answers too).
   */
  async get(
    credential: string,
    target: string,
    cacheable: boolean,
    load: () => Promise<PreparedAnswer>,
  ): Promise<Served> {
    const held = this.held(credential);
    if (held) return held;
    const key = `${credential}\n${target}`;
    if (cacheable && this.freshMs > 0) {
      this.sweepFresh();
      const entry = this.fresh.get(key);
      if (entry) return { answer: entry.answer, source: 'fresh' };
    }
    let pending = this.inflight.get(key);
    let source: Source = 'shared';
    if (!pending) {
      source = 'upstream';
      pending = load().then((answer) => {
        this.record(credential, key, cacheable, answer);
        return answer;
      });
      this.inflight.set(key, pending);
      const clear = () => this.inflight.delete(key);
      pending.then(clear, clear);
    }
    const answer = await pending;
    if (answer.status === 429) {
      // The hold (if the 429 set one) speaks for every tab: the same remaining wait.
      const hold = this.held(credential);
      if (hold) return { ...hold, source };
    }
    return { answer, source };
  }

  /**
   * After a write on `credential`, its fresh answers may describe what no longer exists:
   * the next reads go upstream. In-flight reads may still land, as they would without a cache.
   */
  forget(credential: string) {
    const prefix = `${credential}\n`;
    for (const key of [...this.fresh.keys()]) {
      if (key.startsWith(prefix)) this.dropFresh(key);
    }
  }

  /** What is kept now (for tests and the bench). */
  stats() {
    return {
      fresh: this.fresh.size,
      freshBytes: this.freshBytes,
      inflight: this.inflight.size,
      holds: this.holds.size,
    };
  }

  private held(credential: string): Served | undefined {
    const hold = this.holds.get(credential);
    if (!hold) return undefined;
    const left = hold.until - this.now();
    if (left <= 0) {
      this.holds.delete(credential);
      return undefined;
    }
    return { answer: hold.answer, source: 'held', retryAfter: Math.ceil(left / 1000) };
  }

  private record(credential: string, key: string, cacheable: boolean, answer: PreparedAnswer) {
    const now = this.now();
    if (answer.status === 429) {
      const header = answer.headers.find(([name]) => name === 'retry-after')?.[1];
      const wait = retryAfterMs(header, now);
      if (wait !== undefined) {
        this.sweepHolds(now);
        this.holds.set(credential, { until: now + Math.min(wait, this.maxHoldMs), answer });
      }
      return;
    }
    if (!cacheable || this.freshMs === 0 || answer.status < 200 || answer.status > 299) return;
    const bytes = answer.body?.byteLength ?? 0;
    if (bytes > this.maxBytes) return;
    this.dropFresh(key);
    // Entries expire in insertion order (one fixed window), so the oldest go first.
    this.sweepFresh(now);
    while (this.fresh.size >= this.maxEntries || this.freshBytes + bytes > this.maxBytes) {
      const oldest = this.fresh.keys().next().value;
      if (oldest === undefined) break;
      this.dropFresh(oldest);
    }
    this.fresh.set(key, { answer, expires: now + this.freshMs, bytes });
    this.freshBytes += bytes;
  }

  private dropFresh(key: string) {
    const entry = this.fresh.get(key);
    if (!entry) return;
    this.fresh.delete(key);
    this.freshBytes -= entry.bytes;
  }

  private sweepFresh(now = this.now()) {
    for (const [key, entry] of this.fresh) {
      if (entry.expires > now) break;
      this.dropFresh(key);
    }
  }

  private sweepHolds(now: number) {
    if (this.holds.size < this.maxEntries) return;
    for (const [credential, hold] of this.holds) {
      if (hold.until <= now) this.holds.delete(credential);
    }
    // Still full of live holds: forget the oldest rather than grow without bound.
    while (this.holds.size >= this.maxEntries) {
      const oldest = this.holds.keys().next().value;
      if (oldest === undefined) break;
      this.holds.delete(oldest);
    }
  }
}
