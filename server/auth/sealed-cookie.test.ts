import { describe, expect, it } from 'vitest';
import { createSealer } from './sealed-cookie';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

describe('sealed cookies', () => {
  const sealer = createSealer(SECRET);
  const payload = { user: { sub: 'user_1' }, at: 'vca_secret_access_token' };

  it('round-trips a payload before it expires', () => {
    const value = sealer.seal('vcr_session', payload, Date.now() + 60_000);
    expect(sealer.unseal('vcr_session', value)).toEqual(payload);
  });

  it('is encrypted: the token is not readable in the cookie value', () => {
    const value = sealer.seal('vcr_session', payload, Date.now() + 60_000);
    expect(value).not.toContain('vca_');
    expect(Buffer.from(value, 'base64url').toString('latin1')).not.toContain('vca_secret');
    // A fresh IV each time: the same payload never seals to the same value.
    expect(sealer.seal('vcr_session', payload, 1e15)).not.toBe(
      sealer.seal('vcr_session', payload, 1e15),
    );
  });

  it('refuses any flipped bit', () => {
    const value = sealer.seal('vcr_session', payload, Date.now() + 60_000);
    const raw = Buffer.from(value, 'base64url');
    for (const index of [0, 5, 20, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[index] = tampered[index]! ^ 1;
      expect(sealer.unseal('vcr_session', tampered.toString('base64url'))).toBeUndefined();
    }
    expect(sealer.unseal('vcr_session', value.slice(0, -4))).toBeUndefined();
  });

  it('refuses a value sealed under another cookie name (no replay as another kind)', () => {
    const value = sealer.seal('vcr_signin', payload, Date.now() + 60_000);
    expect(sealer.unseal('vcr_session', value)).toBeUndefined();
  });

  it('refuses a value sealed with another secret', () => {
    const other = createSealer('another-secret-that-is-also-32-bytes-or-more');
    const value = other.seal('vcr_session', payload, Date.now() + 60_000);
    expect(sealer.unseal('vcr_session', value)).toBeUndefined();
  });

  it('refuses an expired value even if the browser kept it', () => {
    const value = sealer.seal('vcr_session', payload, 1000);
    expect(sealer.unseal('vcr_session', value, 999)).toEqual(payload);
    expect(sealer.unseal('vcr_session', value, 1000)).toBeUndefined();
  });

  it('refuses garbage', () => {
    for (const value of [undefined, '', 'not base64!', 'AAAA', 'x'.repeat(9000)]) {
      expect(sealer.unseal('vcr_session', value)).toBeUndefined();
    }
  });

  it('refuses a short secret', () => {
    expect(() => createSealer('short')).toThrow(/at least 32 bytes/);
  });
});
