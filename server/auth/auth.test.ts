import { describe, expect, it } from 'vitest';
import { initialsOf, teamOfRequest } from './auth';

describe('initialsOf', () => {
  it.each([
    [{ sub: 's', name: 'Alice Martin' }, 'AM'],
    [{ sub: 's', name: 'Jean-Luc  de la Cruz' }, 'JC'],
    [{ sub: 's', name: 'Cher' }, 'CH'],
    [{ sub: 's', username: 'olivia' }, 'OL'],
    [{ sub: 's', email: 'bob.smith@acme.dev' }, 'BS'],
    [{ sub: 's', name: '  ' }, '?'],
    [{ sub: 's' }, '?'],
  ])('%o → %s', (user, expected) => {
    expect(initialsOf(user)).toBe(expected);
  });
});

describe('teamOfRequest', () => {
  it('reads the team from the query or a /teams path', () => {
    expect(teamOfRequest(new URL('http://x/v1/vcr/repository?projectId=p&teamId=team_1'))).toBe(
      'team_1',
    );
    expect(teamOfRequest(new URL('http://x/v1/vcr/repository?projectId=p&slug=acme'))).toBe('acme');
    expect(teamOfRequest(new URL('http://x/v2/teams/team_2'))).toBe('team_2');
    expect(teamOfRequest(new URL('http://x/teams/team_3'))).toBe('team_3');
    expect(teamOfRequest(new URL('http://x/v2/user'))).toBeUndefined();
  });
});
