// The emulator's interface: the dashboard server, the scripts and the benches import the
// emulator through this file only (tests add ./testing.ts). Inside, rest/, oauth/ and
// registry/ are three protocols over one state module (state/); see README.md.
export {
  CONTROL_PREFIX,
  createEmulator,
  pushOptionsFromEnv,
  standaloneFetch,
  type Emulator,
  type EmulatorOptions,
} from './emulator';
export { OAUTH_MOUNT } from './oauth';
export type { RegistryRequestOptions } from './registry/registry';
export { loadSeed, type LoadedSeed } from './state/load-seed';
export { SeedError, validateSeed, type Seed } from './state/seed-schema';
export type { Clock } from './state/state';
export {
  buildDemoSeed,
  DEMO_BIG_REPOSITORY,
  DEMO_OAUTH_CLIENT_ID,
  DEMO_OAUTH_CLIENT_SECRET,
  DEMO_PROJECT_ID,
  DEMO_TEAM_ID,
  DEMO_TOKEN,
} from './state/demo-seed';
// Seeds name image manifests by digest: a seed builder seals its images the way the emulator does.
export { sealImage, sealIndex, type ImageRecipe, type IndexChild } from './state/manifests';
