// Helpers for tests outside the emulator (the dashboard server's, the scripts'): the e2e
// fixture seed, a listening emulator, and the steps of a Sign in with Vercel flow.
export { FIXTURE_SEED_PATH, call, fixtureSeed, listen, type CallResult } from './test-support';
export * from './oauth/test-flow';
