import { describe, expect, it } from 'vitest';
import { retryAfterMs, UpstreamCoalescer, type PreparedAnswer } from './coalesce';

const answer = (status: number, body = `{"status":${status}}`, headers: [string, string][] = []) =>
  ({ status, headers, body: new Uint8Array(Buffer.from(body)) }) satisfies PreparedAnswer;

function setup(options: { freshMs?: number; maxEntries?: number; maxBytes?: number } = {}) {
  let now = 1_000_000;
  const calls: string[] = [];
  let next: (target: string) => PreparedAnswer = (t) => answer(200, `{"t":"${t}"}`);
  const c = new UpstreamCoalescer({ freshMs: 1000, ...options, now: () => now });
  const get = (credential: string, target: string, cacheable = true) =>
    c.get(credential, target, cacheable, async () => {
      calls.push(`${credential} ${target}`);
      await new Promise((r) => setTimeout(r, 5));
      return next(target);
    });
  return {
    c,
    calls,
    get,
    advance: (ms: number) => {
      now += ms;
    },
    answerWith: (fn: (target: string) => PreparedAnswer) => {
      next = fn;
    },
  };
}

describe('UpstreamCoalescer', () => {
  it('makes one call for identical requests in flight together', async () => {
    const t = setup({ freshMs: 0 });
    const served = await Promise.all(Array.from({ length: 30 }, () => t.get('Bearer a', '/x')));
    expect(t.calls).toEqual(['Bearer a /x']);
    expect(served.map((s) => s.source).sort()).toEqual([
      ...Array<string>(29).fill('shared'),
      'upstream',
    ]);
    expect(new Set(served.map((s) => s.answer)).size).toBe(1);
    // Nothing kept once it is done (freshMs 0).
    await t.get('Bearer a', '/x');
    expect(t.calls).toHaveLength(2);
  });

  it('reuses a 2xx of a cacheable route for freshMs after it arrived, then asks again', async () => {
    const t = setup();
    await t.get('Bearer a', '/tag');
    t.advance(999);
    expect((await t.get('Bearer a', '/tag')).source).toBe('fresh');
    t.advance(1);
    expect((await t.get('Bearer a', '/tag')).source).toBe('upstream');
    expect(t.calls).toHaveLength(2);
  });

  it('never shares between credentials, nor between URLs', async () => {
    const t = setup();
    await Promise.all([
      t.get('Bearer a', '/tag'),
      t.get('Bearer b', '/tag'),
      t.get('Bearer a', '/tag?x=1'),
    ]);
    await t.get('Bearer b', '/tag');
    expect(t.calls.sort()).toEqual(['Bearer a /tag', 'Bearer a /tag?x=1', 'Bearer b /tag']);
  });

  it('keeps no answer of a route that is not cacheable, and no non-2xx answer', async () => {
    const t = setup();
    await t.get('Bearer a', '/v2/user', false);
    await t.get('Bearer a', '/v2/user', false);
    t.answerWith(() => answer(404));
    await t.get('Bearer a', '/tag');
    await t.get('Bearer a', '/tag');
    t.answerWith(() => answer(503));
    await t.get('Bearer a', '/tag2');
    await t.get('Bearer a', '/tag2');
    expect(t.calls).toHaveLength(6);
  });

  it('holds a credential after a 429 with Retry-After, answering the remaining seconds', async () => {
    const t = setup();
    t.answerWith(() => answer(429, '{"error":{"code":"rate_limited"}}', [['retry-after', '5']]));
    const first = await t.get('Bearer a', '/tag');
    expect(first).toMatchObject({ source: 'upstream', retryAfter: 5 });
    t.answerWith(() => answer(200));
    for (const [ms, left] of [
      [1, 5],
      [1200, 4],
      [2799, 1],
      [999, 1],
    ] as const) {
      t.advance(ms);
      // Any route of that credential, cacheable or not.
      const held = await t.get('Bearer a', ms % 2 ? '/other' : '/tag', ms % 2 === 0);
      expect(held.source).toBe('held');
      expect(held.answer.status).toBe(429);
      expect(held.retryAfter).toBe(left);
      expect(held.answer).toBe(first.answer);
    }
    expect(t.calls).toHaveLength(1);
    // Another credential is not held.
    expect((await t.get('Bearer b', '/tag')).source).toBe('upstream');
    t.advance(1);
    const after = await t.get('Bearer a', '/tag');
    expect(after).toMatchObject({ source: 'upstream' });
    expect(after.answer.status).toBe(200);
  });

  it('gives every tab waiting on the call that met the 429 the same remaining wait', async () => {
    const t = setup();
    t.answerWith(() => answer(429, '{}', [['retry-after', '3']]));
    const served = await Promise.all(Array.from({ length: 5 }, () => t.get('Bearer a', '/tag')));
    expect(served.map((s) => [s.answer.status, s.retryAfter])).toEqual(Array(5).fill([429, 3]));
    expect(t.calls).toHaveLength(1);
  });

  it('passes a 429 without a usable Retry-After through without holding', async () => {
    const t = setup();
    t.answerWith(() => answer(429, '{}', [['retry-after', 'soon']]));
    await t.get('Bearer a', '/tag');
    await t.get('Bearer a', '/tag');
    expect(t.calls).toHaveLength(2);
  });

  it('bounds what it keeps: entries, bytes, expired first', async () => {
    const t = setup({ maxEntries: 3, maxBytes: 1000 });
    for (const p of ['/a', '/b', '/c', '/d']) await t.get('Bearer a', p);
    expect(t.c.stats().fresh).toBe(3);
    // The oldest (/a) went; /b is still fresh.
    expect((await t.get('Bearer a', '/b')).source).toBe('fresh');
    expect((await t.get('Bearer a', '/a')).source).toBe('upstream');
    t.answerWith(() => answer(200, 'x'.repeat(600)));
    await t.get('Bearer a', '/big1');
    await t.get('Bearer a', '/big2');
    expect(t.c.stats().freshBytes).toBeLessThanOrEqual(1000);
    t.advance(1000);
    await t.get('Bearer a', '/e');
    expect(t.c.stats()).toMatchObject({ fresh: 1, inflight: 0 });
  });

  it('forgets the fresh answers of one credential after a write, and only those', async () => {
    const t = setup();
    await t.get('Bearer a', '/tags');
    await t.get('Bearer b', '/tags');
    t.c.forget('Bearer a');
    expect((await t.get('Bearer a', '/tags')).source).toBe('upstream');
    expect((await t.get('Bearer b', '/tags')).source).toBe('fresh');
    expect(t.calls).toEqual(['Bearer a /tags', 'Bearer b /tags', 'Bearer a /tags']);
  });

  it('refuses a freshness window over 1 s', () => {
    expect(() => new UpstreamCoalescer({ freshMs: 1001 })).toThrow(/between 0 and 1000/);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');
  it.each([
    ['5', 5000],
    [' 120 ', 120_000],
    ['Sat, 28 Nov 2026 10:00:30 GMT', 30_000],
    ['0', undefined],
    ['-1', undefined],
    ['Sat, 28 Nov 2026 09:59:00 GMT', undefined],
    ['soon', undefined],
    [undefined, undefined],
  ])('%j → %s', (value, ms) => {
    expect(retryAfterMs(value, now)).toBe(ms);
  });
});
