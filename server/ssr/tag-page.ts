// The tag deep link (`/repositories/:repo/tags/:tag?projectId=…`) rendered on the server: the
// first response already holds the tag's facts, rendered by the app's own components
// (src/app/server-app.tsx), plus the query cache for hydration in a JSON island. See
// docs/server-rendering.md.
//
// Whose data: the request's own credential (the server token, or the signed-in user's session
// through auth.wrapBackend), asked in-process exactly as the page's /api request would be. A
// tab-pasted token is unknown here, so without a server credential the page keeps the client
// path (the SPA shell). The HTML is private and never stored.
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { createElement } from 'react';
import { renderToReadableStream } from 'react-dom/server';
import { matchPath } from 'react-router-dom';
import { dehydrate, hashKey, QueryClient } from '@tanstack/react-query';
import { AsyncLocalStorage } from 'node:async_hooks';
import { isApiError } from '../../src/api/api-error';
import { setApiTransport, type ApiTransport } from '../../src/api/api-fetch';
import { projectQueryOptions } from '../../src/api/get-project';
import { assertRepositoryName } from '../../src/api/get-repository';
import { assertTagName, tagQueryOptions } from '../../src/api/get-tag';
import { teamQueryOptions, type TeamRef } from '../../src/api/get-team';
import { requireScope, scopeFromSearchParams, type Scope } from '../../src/api/scope';
import { ServerApp } from '../../src/app/server-app';
import { serializeIsland, ISLAND_ID } from '../../src/app/ssr-island';
import {
  adoptServerAnswer,
  forgetEarlyDeepLinkQuery,
  TAG_DETAIL_ROUTE,
} from '../../src/features/tag-detail/start-deep-link-fetch';
import { pageTitle } from '../../src/features/tag-detail/use-ready-signals';
import { themeFromCookieHeader } from '../../src/lib/render-context';
import type { ApiBackend } from '../backend';
import { negotiateEncoding } from '../static/accept-encoding';
import { injectIntoShell, type ShellSource } from './shell';

/** How long the server waits for the API before it sends the shell instead (ms). */
export const DEFAULT_SSR_BUDGET_MS = 500;

export interface TagPageOptions {
  /** The API as this server's /api answers it (with auth, the session-wrapped backend). */
  api: ApiBackend;
  /** Whether the server holds a credential (server token, emulator, or sign-in). */
  serverCredential: boolean;
  shell: ShellSource;
  budgetMs?: number;
  /** For tests: the server's clock. */
  now?: () => number;
}

export function parseSsrBudget(value: string | undefined): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(n) && n >= 0
    ? n
    : DEFAULT_SSR_BUDGET_MS;
}

interface DeepLink {
  scope: Scope;
  repo: string;
  tag: string;
}

/** The deep link this request names, or null for anything the page itself must judge. */
export function parseDeepLink(url: URL): DeepLink | null {
  // As the client's early request (start-deep-link-fetch): valid names need no escapes.
  if (url.pathname.includes('%')) return null;
  const match = matchPath(TAG_DETAIL_ROUTE, url.pathname);
  if (!match) return null;
  const repo = match.params.repo ?? '';
  const tag = match.params.tag ?? '';
  const scope = scopeFromSearchParams(url.searchParams);
  try {
    assertRepositoryName(repo);
    assertTagName(tag);
    return { scope: requireScope(scope), repo, tag };
  } catch {
    return null;
  }
}

/** The request being rendered: where this async context's API requests go (see below). */
const requestTransport = new AsyncLocalStorage<ApiTransport>();
let transportInstalled = false;

/**
 * The page's own query functions (src/api) run here unchanged: their `/api/…` requests go to
 * this server's API in-process, with only what identifies this reader (the session cookie,
 * and the Host the backend's own checks expect), never an Authorization header.
 */
function installTransport(): void {
  if (transportInstalled) return;
  transportInstalled = true;
  setApiTransport((url, init) => {
    const send = requestTransport.getStore();
    return send ? send(url, init) : fetch(url, init);
  });
}

function transportFor(
  c: Context,
  api: ApiBackend,
  signal: AbortSignal,
  setCookies: string[],
): ApiTransport {
  const origin = new URL(c.req.url).origin;
  return async (url, init) => {
    // `/api/v1/…` → `/v1/…`: the backend sees the API's own paths, as app.ts's /api route does.
    const target = new URL(url.replace(/^\/api(?=\/)/, ''), origin);
    const headers = new Headers({ accept: 'application/json' });
    const cookie = c.req.header('cookie');
    if (cookie) headers.set('cookie', cookie);
    const host = c.req.header('host');
    if (host) headers.set('host', host);
    const signals = init.signal ? [signal, init.signal] : [signal];
    const res = await api.fetch(
      new Request(target, { method: 'GET', headers, signal: AbortSignal.any(signals) }),
    );
    // A session renewed on the way (sign-in's access token refresh) must reach the browser,
    // as it would from the page's own /api request.
    setCookies.push(...res.headers.getSetCookie());
    return res;
  };
}

/** The tag, and (when they answer in time) the names its pull commands need. */
async function prefetch(client: QueryClient, link: DeepLink): Promise<void> {
  const tag = client.prefetchQuery(tagQueryOptions(link.scope, link.repo, link.tag));
  const names = (async () => {
    const project = await client
      .fetchQuery({ ...projectQueryOptions(link.scope), retry: false })
      .catch(() => undefined);
    const teamRef: TeamRef | null = link.scope.slug
      ? null
      : link.scope.teamId
        ? { teamId: link.scope.teamId }
        : project?.accountId
          ? { teamId: project.accountId }
          : null;
    if (teamRef) await client.prefetchQuery({ ...teamQueryOptions(teamRef), retry: false });
  })();
  await Promise.all([tag, names]);
}

/** The query cache filled within the budget, or null when the tag did not answer in time. */
async function askApi(
  c: Context,
  api: ApiBackend,
  link: DeepLink,
  budgetMs: number,
  setCookies: string[],
): Promise<QueryClient | null> {
  installTransport();
  // One client per request: one reader's cache never meets another's.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, budgetMs);
  });
  const work = requestTransport.run(transportFor(c, api, controller.signal, setCookies), () =>
    prefetch(client, link),
  );
  await Promise.race([work, late]);
  clearTimeout(timer);
  // What is still out is the client's to ask; the budget is spent.
  controller.abort();
  const tag = client.getQueryState(tagQueryOptions(link.scope, link.repo, link.tag).queryKey);
  return tag && tag.status !== 'pending' ? client : null;
}

async function renderApp(
  client: QueryClient,
  location: string,
  renderedAt: number,
  cookie?: string,
) {
  const theme = themeFromCookieHeader(cookie);
  const renderInfo = { renderedAt, theme };
  let failure: unknown;
  const stream = await renderToReadableStream(
    createElement(ServerApp, { client, renderInfo, location }),
    { onError: (e) => void (failure ??= e) },
  );
  // Everything, lazy chunks included, before the first byte: a boundary still pending would
  // need React's inline reveal script, which the CSP forbids (and no-JS readers never see).
  await stream.allReady;
  const html = await new Response(stream).text();
  if (failure) throw failure;
  const island = serializeIsland({
    renderedAt,
    theme,
    // The tag as it ended (its data or its error); look-ups only when they answered.
    queries: dehydrate(client, {
      shouldDehydrateQuery: (q) =>
        q.state.status === 'success' || (q.state.status === 'error' && q.queryKey[0] === 'vcr'),
    }),
  });
  return { html, island, theme };
}

function respond(c: Context, body: string, status: number, setCookies: string[]): Response {
  const headers = new Headers({
    'content-type': 'text/html; charset=utf-8',
    // One reader's data: never stored by the browser's cache, a proxy or a CDN.
    'cache-control': 'private, no-store',
    vary: 'Cookie, Accept-Encoding',
  });
  const coding = negotiateEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
  let bytes: Uint8Array<ArrayBuffer> = new TextEncoder().encode(body);
  if (coding === 'br') {
    // Quality 5: within a few per cent of the best for a page this size, at a fraction of the time.
    bytes = new Uint8Array(
      brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }),
    );
  } else if (coding === 'gzip') {
    bytes = new Uint8Array(gzipSync(bytes));
  }
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  if (coding !== 'identity') headers.set('content-encoding', coding);
  headers.set('content-length', String(bytes.byteLength));
  return new Response(c.req.method === 'HEAD' ? null : bytes, { status, headers });
}

/** GET middleware for the deep-link route; anything it does not render goes on to the shell. */
export function tagPage({
  api,
  serverCredential,
  shell,
  budgetMs = DEFAULT_SSR_BUDGET_MS,
  now = Date.now,
}: TagPageOptions): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const link = serverCredential ? parseDeepLink(url) : null;
    const template = link ? await shell.read() : null;
    if (!link || !template) return next();
    const setCookies: string[] = [];
    // The shell instead of a rendered page, still carrying a session renewed on the way.
    const shellInstead = async (why?: string) => {
      await next();
      for (const cookie of setCookies) c.res.headers.append('set-cookie', cookie);
      if (why) c.res.headers.set('server-timing', `ssr;desc="shell: ${why}"`);
    };
    const client = await askApi(c, api, link, budgetMs, setCookies);
    if (!client) return shellInstead('API over budget');
    const tagState = client.getQueryState(
      tagQueryOptions(link.scope, link.repo, link.tag).queryKey,
    );
    const error = isApiError(tagState?.error) ? tagState.error : null;
    // A session that must sign in again is the sign-in flow's, which the client page leads.
    if (error && ['not_signed_in', 'session_expired'].includes(error.code))
      return shellInstead('sign in again');
    // Only what asking again will not change (4xx) is rendered here. A 5xx, a broken answer
    // or no answer gets the shell: the page's own retries with backoff are the way through.
    if (tagState?.error && !(error?.kind === 'http' && error.status < 500))
      return shellInstead('transient API failure');
    const renderedAt = now();
    let rendered: Awaited<ReturnType<typeof renderApp>>;
    // The page treats the answer as the browser will after hydration: its own, not a copy to
    // refresh or a failure to retry on mount (else the server would render a spinner).
    const tagHash = hashKey(tagQueryOptions(link.scope, link.repo, link.tag).queryKey);
    adoptServerAnswer(tagHash);
    try {
      rendered = await renderApp(
        client,
        url.pathname + url.search,
        renderedAt,
        c.req.header('cookie'),
      );
    } catch (e) {
      // Never a blank page or a stack trace: the shell renders it in the browser instead.
      console.error(
        `ssr: ${url.pathname} fell back to the shell: ${e instanceof Error ? e.message : String(e)}`,
      );
      return shellInstead('render failed');
    } finally {
      forgetEarlyDeepLinkQuery(tagHash);
    }
    const { html, island, theme } = rendered;
    const title = pageTitle(link.repo, link.tag, tagState?.data);
    const page = injectIntoShell(template, {
      html,
      island: `<script type="application/json" id="${ISLAND_ID}">${island}</script>`,
      title,
      theme,
    });
    // A failure keeps the API's own status (401, 403, 404, 410, 429), as the page explains it.
    return respond(c, page, error ? error.status : 200, setCookies);
  };
}
