// The embedded emulator as the dashboard server's `/api` backend (server/backend.ts).
// The browser never holds a token: a request without an Authorization header gets the
// seed's first token, while a request that brings its own (a token pasted in the tab) is
// answered with that one, so the UI can still meet a 401 or a 403.
import type { ApiBackend } from './backend';
import { createEmulator, CONTROL_PREFIX, pushOptionsFromEnv, type Emulator } from '../emulator';
import { loadSeed } from '../emulator';
import { OAUTH_MOUNT } from '../emulator';
import type { Clock } from '../emulator';

export interface EmulatorBackendOptions {
  /** Path of a seed file; the built-in demo seed when absent. */
  seedPath?: string;
  clock?: Clock;
  /** VCR_DATA_DIR, VCR_PUSH_PREPARE_MS, VCR_PUSH_PREPARE_MS_PER_MB (pushes through /v2/). */
  env?: Record<string, string | undefined>;
}

export interface EmulatorBackend extends ApiBackend {
  emulator: Emulator;
}

export function createEmulatorBackend({
  seedPath,
  clock,
  env = {},
}: EmulatorBackendOptions = {}): EmulatorBackend {
  const { seed, label } = loadSeed(seedPath);
  const emulator = createEmulator({
    seed,
    ...(clock ? { clock } : {}),
    ...pushOptionsFromEnv(env),
  });
  return {
    mode: 'emulator',
    emulator,
    fetch: (request) => emulator.fetch(request, { fallbackToken: emulator.firstToken() }),
    control: emulator.control,
    // In process: the same state as /api, so a control-route push is at once a registry tag.
    registry: {
      url: 'http://emulator.internal',
      fetch: (request) => emulator.registry(request),
      serverToken: emulator.firstToken(),
      serverTokenIsFallback: true,
    },
    registryProtocol: (request, options) => emulator.registry(request, options),
    defaultScope: () => emulator.defaultScope(),
    describe() {
      const { projectId, teamId } = emulator.defaultScope();
      const project = emulator.state().projects.get(projectId)!;
      const team = emulator.state().teams.get(teamId)!;
      return `API: embedded VCR emulator (${label}); default project ${project.name} (${projectId}) in team ${team.slug} (${teamId}); control routes under ${CONTROL_PREFIX}/; Sign in with Vercel issuer <this origin>${OAUTH_MOUNT}`;
    },
    async close() {},
  };
}
