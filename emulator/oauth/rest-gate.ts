// How the REST API (../api.ts) sees an access token the authorization server issued: as the
// signed-in user, limited to that user's teams on which the app is installed. Any other team
// or its projects answer 403 `forbidden`, as a seed token without the team does. Vercel calls
// per-permission app access a private beta, so the emulator grants read on whole teams.
import type { TokenRecord } from '../state/state';
import type { OAuthStore } from '../state/oauth-store';

export function oauthTokenRecord(store: OAuthStore, value: string): TokenRecord | undefined {
  if (!value.startsWith('vca_')) return undefined;
  const live = store.liveToken(value, 'access');
  const grant = live && store.getGrant(live.grantId);
  const user = grant && store.users.get(grant.userId);
  if (!grant || !user) return undefined;
  return {
    token: value,
    teamIds: store.tokenTeams(grant),
    user: { id: user.id, username: user.username, email: user.email, name: user.name },
  };
}
