import { describe, expect, it } from 'vitest';
import { isAllowed, parseAllowedUsers } from './allowed-users';

describe('parseAllowedUsers', () => {
  it('reads usernames, emails and @domain, trimming and ignoring case', () => {
    expect(parseAllowedUsers(' Alice , bob@Example.com,@northwind.dev ,')).toEqual([
      { kind: 'username', value: 'alice' },
      { kind: 'email', value: 'bob@example.com' },
      { kind: 'domain', value: 'northwind.dev' },
    ]);
  });

  it.each([
    ['empty', ' , ', /is empty/],
    ['bad domain', '@not a domain', /not a domain/],
    ['bad email', 'a b@example.com', /not an email/],
    ['bad username', 'al ice', /not a Vercel username/],
  ])('refuses %s with a line naming the entry', (_label, value, message) => {
    expect(() => parseAllowedUsers(value)).toThrow(message);
  });
});

describe('isAllowed', () => {
  const list = parseAllowedUsers('alice,bob@example.com,@northwind.dev');

  it('matches a username regardless of case', () => {
    expect(isAllowed(list, { username: 'ALICE' })).toBe(true);
  });

  it('matches an exact email and a domain', () => {
    expect(isAllowed(list, { username: 'b', email: 'Bob@example.com' })).toBe(true);
    expect(isAllowed(list, { username: 'c', email: 'carol@northwind.dev' })).toBe(true);
  });

  it('does not match a look-alike domain or a sub-domain', () => {
    expect(isAllowed(list, { email: 'mallory@evilnorthwind.dev' })).toBe(false);
    expect(isAllowed(list, { email: 'mallory@northwind.dev.evil.example' })).toBe(false);
    expect(isAllowed(list, { email: 'x@sub.northwind.dev' })).toBe(false);
  });

  it('ignores an email the issuer marks unverified', () => {
    expect(isAllowed(list, { email: 'carol@northwind.dev', emailVerified: false })).toBe(false);
    expect(isAllowed(list, { username: 'alice', emailVerified: false })).toBe(true);
  });

  it('refuses everyone else, and an empty identity', () => {
    expect(isAllowed(list, { username: 'mallory', email: 'mallory@example.org' })).toBe(false);
    expect(isAllowed(list, {})).toBe(false);
  });

  it('does not let a username entry match an email local part', () => {
    expect(isAllowed(list, { email: 'alice@example.org' })).toBe(false);
  });
});
