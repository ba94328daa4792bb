// The seam between the dashboard server and whatever answers `/api`: the embedded emulator
// (offline, demo data) or a proxy to the real Vercel REST API. The app server only ever
// sees this interface.
import type { Hono } from 'hono';
import type { RegistryUpstream } from './registry/registry-route';

export interface ApiBackend {
  mode: 'emulator' | 'proxy';
  /**
   * Answers one API request. The request URL's path is relative to the API root
   * (`/v1/vcr/repository…`), exactly as api.vercel.com would receive it.
   */
  fetch(request: Request): Promise<Response>;
  /**
   * Routes mounted at the server root that are not part of the Vercel API (the emulator's
   * control routes). A proxy backend has none, so they do not exist in proxy mode.
   */
  control?: Hono;
  /** Where `/api/registry` reads manifests (the emulator's registry, or vcr.vercel.com). */
  registry?: RegistryUpstream;
  /**
   * The embedded emulator's registry protocol (`/v2/…`, pushes included), served on the
   * dashboard's origin in emulator mode. `writesRefused` turns every push into DENIED.
   */
  registryProtocol?(request: Request, options: { writesRefused?: string }): Promise<Response>;
  /** The scope the backend itself suggests (the emulator: its demo project). */
  defaultScope?(): { projectId: string; teamId?: string } | undefined;
  /** One line for the start-up banner: which backend, which scope. */
  describe(): string;
  close?(): Promise<void>;
}
