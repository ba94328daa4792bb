import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    [
      '/repositories/web/tags/v1.2.3?projectId=prj_1&teamId=team_1',
      '/repositories/web/tags/v1.2.3?projectId=prj_1&teamId=team_1',
    ],
    ['/', '/'],
    ['/settings', '/settings'],
    ['/repositories/web%2Fapp/tags/latest?x=a%20b', '/repositories/web%2Fapp/tags/latest?x=a%20b'],
    ['/a/../b', '/b'],
    ['/tags#frag', '/tags'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    ['protocol-relative', '//evil.example/x'],
    ['backslash host', '/\\evil.example'],
    ['backslash later', '/a\\b'],
    ['absolute https', 'https://evil.example/'],
    ['javascript URL', 'javascript:alert(1)'],
    ['relative', 'tags/latest'],
    ['tab to hide //', '/\t/evil.example'],
    ['newline', '/a\nb'],
    ['NUL', '/a\u0000'],
    ['DEL', '/a\u007f'],
    ['empty', ''],
    ['sign-in loop', '/auth/login?returnTo=/x'],
    ['sign-in root', '/auth'],
    ['too long', `/${'a'.repeat(3000)}`],
  ])('refuses %s', (_label, input) => {
    expect(safeReturnTo(input)).toBe('/');
  });

  it('refuses a missing value', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo(null)).toBe('/');
  });
});
