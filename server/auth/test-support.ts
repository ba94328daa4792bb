// Drives a dashboard server with sign-in the way a browser does (a cookie jar, manual
// redirects, the emulator's Username/Allow/Deny form), for the integration tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../app';
import type { ApiBackend } from '../backend';
import type { Env } from '../config';
import { formFields } from '../../emulator/testing';
import { createAuth, type Auth } from './auth';
import { parseAuthSettings } from './auth-config';

export const SECRET = 'integration-test-session-secret-0123456789';

export interface SignInServer {
  origin: string;
  auth: Auth;
  logs: string[];
  close(): Promise<void>;
}

export async function startSignInServer(backend: ApiBackend, env: Env): Promise<SignInServer> {
  const distDir = mkdtempSync(path.join(tmpdir(), 'vcr-signin-dist-'));
  mkdirSync(path.join(distDir, 'assets'));
  writeFileSync(
    path.join(distDir, 'index.html'),
    '<!doctype html><html><body><div id="root">app shell</div></body></html>',
  );
  const settings = parseAuthSettings({ SESSION_SECRET: SECRET, ...env });
  if (!settings) throw new Error('sign-in is off in this env');
  let origin = '';
  const logs: string[] = [];
  const auth = createAuth({
    settings,
    localOrigin: () => origin,
    log: (line) => logs.push(line),
    // The production default: on a loaded 2-core CI the in-process issuer's token exchange
    // took over 2 s once and read as "issuer unreachable" (503). An issuer that is down is
    // tested with a refused connection, which fails at once whatever this is.
    timeoutMs: 10_000,
  });
  const app = createApp({
    backend,
    distDir,
    config: {
      mode: backend.mode,
      serverToken: true,
      defaultScope: { projectId: 'prj_e2e', teamId: 'team_e2e', source: 'env' },
      writes: false,
    },
    auth,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    auth,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        (server as http.Server).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** A browser's cookie jar for one origin (name → value; expired cookies removed). */
export class Browser {
  readonly jar = new Map<string, string>();
  /** Every Set-Cookie line received, to check the flags. */
  readonly setCookies: string[] = [];

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(url: string, init: RequestInit = {}, html = false): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    if (html) {
      headers.set('accept', 'text/html');
      headers.set('sec-fetch-dest', 'document');
    }
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** Opens a page as a navigation. */
  open(url: string): Promise<Response> {
    return this.fetch(url, {}, true);
  }
}

export function locationOf(res: Response, base: string): URL {
  const location = res.headers.get('location');
  if (!location) throw new Error(`no Location on a ${res.status}`);
  return new URL(location, base);
}

/**
 * Opens `pagePath` without a session and follows sign-in to the callback: the redirect to
 * /auth/login, to the issuer's form, the form submitted as `username` with Allow or Deny.
 * Returns the callback URL the issuer sends the browser to (not yet opened).
 */
export async function startSignIn(
  browser: Browser,
  origin: string,
  pagePath: string,
  username: string,
  decision: 'allow' | 'deny' = 'allow',
): Promise<URL> {
  const page = await browser.open(origin + pagePath);
  if (page.status !== 302) throw new Error(`page answered ${page.status}, not a redirect`);
  const login = locationOf(page, origin);
  const toIssuer = await browser.open(login.href);
  if (toIssuer.status !== 302) throw new Error(`/auth/login answered ${toIssuer.status}`);
  const authorize = locationOf(toIssuer, origin);
  // The issuer is another origin: its own cookies (none) and no dashboard cookies.
  const form = await fetch(authorize, { headers: { accept: 'text/html' } });
  const html = await form.text();
  if (form.status !== 200) throw new Error(`authorize page ${form.status}: ${html}`);
  const fields = formFields(html);
  fields.set('username', username);
  fields.set('decision', decision);
  const submitted = await fetch(new URL(authorize.pathname, authorize), {
    method: 'POST',
    body: fields,
    redirect: 'manual',
  });
  return locationOf(submitted, authorize.origin);
}

/** The whole sign-in; returns the final redirect after the callback. */
export async function signIn(
  browser: Browser,
  origin: string,
  pagePath: string,
  username: string,
): Promise<Response> {
  const callback = await startSignIn(browser, origin, pagePath, username);
  return browser.open(callback.href);
}
