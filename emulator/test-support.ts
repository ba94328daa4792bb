// Shared by the emulator's tests: the e2e fixture seed and a one-line request helper.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Emulator } from './emulator';

export const FIXTURE_SEED_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../e2e/fixtures/seed.json',
);

/** A fresh deep copy of e2e/fixtures/seed.json, safe to mutate in a test. */
export function fixtureSeed(): Record<string, unknown> & { projects: unknown[] } {
  return JSON.parse(readFileSync(FIXTURE_SEED_PATH, 'utf8')) as Record<string, unknown> & {
    projects: unknown[];
  };
}

export interface CallResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Calls the emulator's API; `token: null` sends no Authorization header. */
export async function call(
  emulator: Pick<Emulator, 'fetch'>,
  pathAndQuery: string,
  init: { method?: string; body?: unknown; token?: string | null } = {},
): Promise<CallResult> {
  const headers = new Headers();
  const token = init.token === undefined ? 'vcr_e2e_token' : init.token;
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const res = await emulator.fetch(
    new Request(`http://emulator.test${pathAndQuery}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
    }),
  );
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Left as text: some fault tests send malformed JSON on purpose.
  }
  return { status: res.status, headers: res.headers, body };
}

/** Serves an emulator (API at the root + control routes) on a free loopback port. */
export async function listen(
  emulator: Emulator,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { serve } = await import('@hono/node-server');
  const { standaloneFetch } = await import('./emulator');
  return new Promise((resolve) => {
    const server = serve(
      { fetch: standaloneFetch(emulator), port: 0, hostname: '127.0.0.1' },
      (info) => {
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              // Keep-alive sockets would hold close() open until they time out.
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
              server.close(() => done());
            }),
        });
      },
    );
  });
}
