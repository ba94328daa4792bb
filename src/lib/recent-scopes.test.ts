import { describe, expect, it } from 'vitest';
import { MAX_RECENT_SCOPES, forgetScope, loadRecentScopes, rememberScope } from './recent-scopes';

describe('recent scopes', () => {
  it('keeps the most recent first, without duplicates', () => {
    rememberScope({ projectId: 'prj_a', teamId: 'team_1' }, undefined, 1);
    rememberScope({ projectId: 'prj_b', slug: 'acme' }, 'storefront', 2);
    rememberScope({ projectId: 'prj_a', teamId: 'team_1' }, undefined, 3);
    expect(loadRecentScopes()).toEqual([
      { projectId: 'prj_a', teamId: 'team_1', usedAt: 3 },
      { projectId: 'prj_b', slug: 'acme', label: 'storefront', usedAt: 2 },
    ]);
  });

  it('treats the same project under another team as another scope', () => {
    rememberScope({ projectId: 'prj_a', teamId: 'team_1' });
    rememberScope({ projectId: 'prj_a', teamId: 'team_2' });
    expect(loadRecentScopes()).toHaveLength(2);
  });

  it(`keeps at most ${MAX_RECENT_SCOPES}`, () => {
    for (let i = 0; i < MAX_RECENT_SCOPES + 3; i++)
      rememberScope({ projectId: `prj_${i}` }, undefined, i);
    const list = loadRecentScopes();
    expect(list).toHaveLength(MAX_RECENT_SCOPES);
    expect(list[0]?.projectId).toBe(`prj_${MAX_RECENT_SCOPES + 2}`);
  });

  it('forgets one scope', () => {
    rememberScope({ projectId: 'prj_a' });
    rememberScope({ projectId: 'prj_b' });
    forgetScope({ projectId: 'prj_a' });
    expect(loadRecentScopes().map((s) => s.projectId)).toEqual(['prj_b']);
  });

  it('survives a corrupt or foreign store', () => {
    localStorage.setItem('vcr-recent-scopes', '{not json');
    expect(loadRecentScopes()).toEqual([]);
    localStorage.setItem(
      'vcr-recent-scopes',
      JSON.stringify([{ projectId: 5 }, { projectId: 'prj_ok', usedAt: 1 }]),
    );
    expect(loadRecentScopes()).toEqual([{ projectId: 'prj_ok', usedAt: 1 }]);
  });
});
