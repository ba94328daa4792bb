// `npm run start:team`: the whole team mode offline. The dashboard server with Sign in with
// Vercel on, per user, against the emulator's authorization server mounted inside it
// (VERCEL_OAUTH_ISSUER=embedded) and the demo seed's Vercel App. Sign in as `maya` (a
// northwind member) or `oscar` (in no team: he gets the 403 page). PORT/HOST as `npm start`.
import { randomBytes } from 'node:crypto';
import { DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET } from '../emulator';

const env = process.env;
env.VERCEL_APP_CLIENT_ID ||= DEMO_OAUTH_CLIENT_ID;
env.VERCEL_APP_CLIENT_SECRET ||= DEMO_OAUTH_CLIENT_SECRET;
env.VERCEL_OAUTH_ISSUER ||= 'embedded';
// A fresh secret per start: sessions of a demo need not survive a restart.
env.SESSION_SECRET ||= randomBytes(32).toString('base64url');
// Empty wins over a developer's .env: the team demo always runs on the embedded emulator.
env.VERCEL_TOKEN = '';
env.VERCEL_API_URL = '';

console.log(
  'Team mode (offline): sign in as "maya" (northwind member) or "oscar" (no team) on the emulator\'s sign-in page.',
);
await import('../server/main');
