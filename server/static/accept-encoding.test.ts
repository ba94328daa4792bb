import { describe, expect, it } from 'vitest';
import { negotiateEncoding, varyOnAcceptEncoding } from './accept-encoding';

describe('negotiateEncoding', () => {
  it.each([
    // [Accept-Encoding, available, expected]
    ['gzip, deflate, br, zstd', ['br', 'gzip'], 'br'],
    ['gzip, deflate', ['br', 'gzip'], 'gzip'],
    ['br', ['gzip'], 'identity'],
    [undefined, ['br', 'gzip'], 'identity'],
    ['', ['br', 'gzip'], 'identity'],
    ['identity', ['br', 'gzip'], 'identity'],
    ['deflate', ['br', 'gzip'], 'identity'],
    ['gzip, br', ['br', 'gzip'], 'br'],
    ['BR, GZIP', ['br', 'gzip'], 'br'],
    ['x-gzip', ['br', 'gzip'], 'gzip'],
    ['br;q=1.0, gzip;q=0.8', ['br', 'gzip'], 'br'],
    ['br;q=0.5, gzip;q=0.9', ['br', 'gzip'], 'gzip'],
    ['br;q=0, gzip', ['br', 'gzip'], 'gzip'],
    ['br ; q=0 , gzip ; q=0', ['br', 'gzip'], 'identity'],
    ['*', ['br', 'gzip'], 'br'],
    ['*;q=0.1, br;q=0', ['br', 'gzip'], 'gzip'],
    ['*;q=0', ['br', 'gzip'], 'identity'],
    ['br;q=banana', ['br', 'gzip'], 'br'],
    ['gzip', [], 'identity'],
  ] as const)('%j offered %j → %s', (header, available, expected) => {
    expect(negotiateEncoding(header, available)).toBe(expected);
  });
});

describe('varyOnAcceptEncoding', () => {
  it('adds Accept-Encoding once, keeping what is there', () => {
    const h = new Headers();
    varyOnAcceptEncoding(h);
    varyOnAcceptEncoding(h);
    expect(h.get('vary')).toBe('Accept-Encoding');
    const h2 = new Headers({ vary: 'Authorization' });
    varyOnAcceptEncoding(h2);
    expect(h2.get('vary')).toBe('Authorization, Accept-Encoding');
    const h3 = new Headers({ vary: '*' });
    varyOnAcceptEncoding(h3);
    expect(h3.get('vary')).toBe('*');
  });
});
