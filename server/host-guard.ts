// DNS rebinding and cross-site request protection for every route of the server (pages,
// assets, /api, /_dashboard, /auth, the emulator's control routes).
//
// A page on attacker.example whose name is rebound to 127.0.0.1 talks to this server with
// `Host: attacker.example:<port>`, and the browser treats the answers as same-origin to it.
// So the server only answers for names it knows it is: the loopback names on the port it
// listens on, the host of PUBLIC_URL, the address HOST binds when it is a single address,
// and ALLOWED_HOSTS. Anything else gets 421 before any route (or upstream call) runs.
//
// On top of that, a request that can change state (anything but GET/HEAD) must come from an
// allowed origin, and a cross-site fetch of /api or /auth (Fetch Metadata) is refused:
// - `Origin` present but not an allowed origin (including `Origin: null`, which sandboxed
//   frames and some redirects send) → 403.
// - `Origin` absent on a non-GET: accepted. Browsers send `Origin` on every cross-origin
//   non-GET request (fetch, XHR and form posts), so its absence means a non-browser client
//   (curl, `npm run vcr:push`), which DNS rebinding and CSRF do not concern; the Host check
//   still applies to it.
// - `Sec-Fetch-Site: cross-site` on /api/* → 403 (nothing on another site has a reason to
//   read the API). On /auth/* a cross-site top-level GET navigation is let through, since
//   that is how an OAuth provider sends the user back to /auth/callback and how a shared
//   link reaches /auth/login; every other cross-site /auth request (fetch, frame, form
//   post) → 403.
import type { Context, MiddlewareHandler } from 'hono';

export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/** Where a request with `Sec-Fetch-Site: cross-site` is refused outright. */
export const CROSS_SITE_REFUSED = ['/api', '/v2'] as const;
/** Where it is refused unless it is a top-level GET navigation. */
export const CROSS_SITE_NAVIGABLE = ['/auth'] as const;

/** How one allowed entry matches a port. */
type PortRule =
  | { kind: 'any' }
  /** The port the server listens on (the connection's local port when known). */
  | { kind: 'listening' }
  /** An exact port; `bare` = a Host without a port also matches (the scheme's default). */
  | { kind: 'exact'; port: number; bare: boolean };

interface HostRule {
  name: string;
  /** `.example.com` in ALLOWED_HOSTS: the name and every subdomain of it. */
  subdomains: boolean;
  port: PortRule;
  /** Where the rule came from, for the start-up banner. */
  label: string;
}

export interface HostAllowListOptions {
  /** The port the server listens on, when no socket can tell (serverless, tests). */
  port?: number;
  /** PUBLIC_URL: the dashboard's external origin (validated). */
  publicUrl?: string;
  /** ALLOWED_HOSTS entries (each validated). */
  allowedHosts?: readonly string[];
  /** The HOST the server binds; a single non-wildcard address is allowed on the listening port. */
  bindHost?: string;
}

export interface HostAllowList {
  /**
   * Whether a Host header (or an origin's host part) names this server. `localPort` is the
   * port the connection arrived on, when the server knows it.
   */
  allows(host: string, localPort?: number): boolean;
  /** Whether an `Origin` header value is one of this server's origins. */
  allowsOrigin(origin: string, localPort?: number): boolean;
  /** Records the listening port once known (PORT=0 picks it at listen time). */
  setPort(port: number): void;
  /** One line for the start-up banner. */
  describe(): string;
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const IPV6_BRACKETED = /^\[[0-9a-f:.]{2,45}\]$/;
const PORT = /^[0-9]{1,5}$/;

interface ParsedHost {
  name: string;
  port: number | null;
}

/** Splits a Host header value (`name`, `name:port`, `[v6]`, `[v6]:port`); null if malformed. */
export function parseHostHeader(value: string): ParsedHost | null {
  const host = value.trim().toLowerCase();
  if (!host || host.length > 300) return null;
  let name: string;
  let portText: string | undefined;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end === -1) return null;
    name = host.slice(0, end + 1);
    const rest = host.slice(end + 1);
    if (rest) {
      if (!rest.startsWith(':')) return null;
      portText = rest.slice(1);
    }
    if (!IPV6_BRACKETED.test(name)) return null;
  } else {
    const colon = host.indexOf(':');
    name = colon === -1 ? host : host.slice(0, colon);
    portText = colon === -1 ? undefined : host.slice(colon + 1);
    if (!HOST_NAME.test(name) && !IPV4.test(name)) return null;
  }
  if (portText === undefined) return { name, port: null };
  if (!PORT.test(portText)) return null;
  const port = Number(portText);
  return port >= 1 && port <= 65535 ? { name, port } : null;
}

function nameMatches(rule: HostRule, name: string): boolean {
  return rule.name === name || (rule.subdomains && name.endsWith(`.${rule.name}`));
}

function portMatches(rule: PortRule, port: number | null, listening: number | undefined) {
  switch (rule.kind) {
    case 'any':
      return true;
    case 'listening':
      // Without a way to know the port (an in-process request, a serverless runtime), the
      // name alone decides: rebinding needs a foreign name, never a foreign port.
      return listening === undefined || (port ?? 80) === listening;
    case 'exact':
      return port === rule.port || (port === null && rule.bare);
  }
}

/** Parses one ALLOWED_HOSTS entry; throws a message naming the variable and the entry. */
export function parseAllowedHostEntry(entry: string): HostRule {
  const raw = entry.trim().toLowerCase();
  const fail = (why: string): never => {
    throw new Error(`ALLOWED_HOSTS: "${entry.trim().slice(0, 100)}" ${why}`);
  };
  if (raw.includes('://') || raw.includes('/')) {
    fail('is a URL; list host names only, e.g. dash.example.com or dash.example.com:8080');
  }
  if (raw === '*' || raw.includes('*')) {
    fail('is a wildcard; list each host name (a leading dot, .example.com, allows subdomains)');
  }
  const subdomains = raw.startsWith('.');
  const parsed = parseHostHeader(subdomains ? raw.slice(1) : raw);
  if (!parsed) fail('is not a host name, IP address or [IPv6] address with an optional :port');
  const { name, port } = parsed!;
  if (subdomains && (IPV4.test(name) || name.startsWith('['))) {
    fail('puts a leading dot before an IP address');
  }
  return {
    name,
    subdomains,
    port: port === null ? { kind: 'any' } : { kind: 'exact', port, bare: false },
    label: raw,
  };
}

/** Parses PUBLIC_URL (an http(s) origin); throws a message naming the variable. */
export function parsePublicUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`PUBLIC_URL is not a URL: "${value.slice(0, 200)}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_URL must be an http(s) URL, got "${url.protocol}".`);
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new Error(
      `PUBLIC_URL must be an origin only (like https://dash.example.com), without a path, query or credentials.`,
    );
  }
  return url;
}

const WILDCARD_BIND = new Set(['0.0.0.0', '::', '[::]', '']);

export function createHostAllowList(options: HostAllowListOptions = {}): HostAllowList {
  let configuredPort = options.port;
  const rules: HostRule[] = LOOPBACK_NAMES.map((name) => ({
    name,
    subdomains: false,
    port: { kind: 'listening' },
    label: name,
  }));
  const bind = options.bindHost?.trim().toLowerCase();
  if (bind && !WILDCARD_BIND.has(bind)) {
    const parsed = parseHostHeader(
      bind.includes(':') && !bind.startsWith('[') ? `[${bind}]` : bind,
    );
    if (parsed && !rules.some((r) => r.name === parsed.name)) {
      rules.push({
        name: parsed.name,
        subdomains: false,
        port: { kind: 'listening' },
        label: 'HOST',
      });
    }
  }
  if (options.publicUrl) {
    const url = parsePublicUrl(options.publicUrl);
    const bare = url.protocol === 'https:' ? 443 : 80;
    rules.push({
      name: url.hostname,
      subdomains: false,
      port: { kind: 'exact', port: url.port ? Number(url.port) : bare, bare: !url.port },
      label: 'PUBLIC_URL',
    });
  }
  for (const entry of options.allowedHosts ?? []) rules.push(parseAllowedHostEntry(entry));

  const allows = (host: string, localPort?: number) => {
    const parsed = parseHostHeader(host);
    if (!parsed) return false;
    const listening = localPort ?? configuredPort;
    return rules.some(
      (r) => nameMatches(r, parsed.name) && portMatches(r.port, parsed.port, listening),
    );
  };

  return {
    allows,
    allowsOrigin(origin, localPort) {
      // `null` (opaque origins) and anything not http(s) fail to parse or match here.
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      // Browsers send the serialised origin exactly; anything else (a path, a default port
      // spelled out) is not from one.
      if (url.origin !== origin) return false;
      return allows(url.host, localPort);
    },
    setPort(port) {
      configuredPort = port;
    },
    describe() {
      const extra = rules.filter((r) => r.port.kind !== 'listening' || r.label === 'HOST');
      const names = extra.map((r) =>
        r.label === 'PUBLIC_URL' || r.label === 'HOST' ? `${r.name} (${r.label})` : r.label,
      );
      return `Allowed hosts: localhost, 127.0.0.1, [::1] on the listening port${names.length ? `; ${names.join(', ')}` : ''} (others get 421; add names with ALLOWED_HOSTS)`;
    },
  };
}

/**
 * The allow-list from the environment: PUBLIC_URL, ALLOWED_HOSTS (comma-separated), plus
 * what the caller knows (the HOST it binds; names of its own, e.g. a deployment's domain).
 */
export function hostAllowListFromEnv(
  env: Record<string, string | undefined>,
  extra: Pick<HostAllowListOptions, 'port' | 'bindHost' | 'allowedHosts'> = {},
): HostAllowList {
  const publicUrl = env.PUBLIC_URL?.trim();
  const fromEnv = (env.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return createHostAllowList({
    ...extra,
    ...(publicUrl ? { publicUrl } : {}),
    allowedHosts: [...fromEnv, ...(extra.allowedHosts ?? [])],
  });
}

interface RefusalBody {
  error: { code: string; message: string };
}

function refuse(c: Context, status: 421 | 403, code: string, message: string) {
  c.header('cache-control', 'no-store');
  return c.json({ error: { code, message } } satisfies RefusalBody, status);
}

/** The connection's local port under @hono/node-server; undefined elsewhere. */
function localPortOf(c: Context): number | undefined {
  const env = c.env as { incoming?: { socket?: { localPort?: number } } } | undefined;
  return env?.incoming?.socket?.localPort;
}

const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);

export interface HostGuardOptions {
  /** Prefixes where every cross-site request is refused (default: /api). */
  crossSiteRefused?: readonly string[];
  /**
   * Prefixes where a cross-site request is refused unless it is a top-level GET navigation
   * (default: /auth, where the OAuth provider's redirect and shared links arrive).
   */
  crossSiteNavigable?: readonly string[];
}

function underPrefix(pathname: string, prefixes: readonly string[]): boolean {
  return prefixes.some(
    (p) => p === '/' || pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`),
  );
}

/** Hono middleware: the Host allow-list, the Origin check and the Fetch Metadata check. */
export function hostGuard(
  list: HostAllowList,
  {
    crossSiteRefused = CROSS_SITE_REFUSED,
    crossSiteNavigable = CROSS_SITE_NAVIGABLE,
  }: HostGuardOptions = {},
): MiddlewareHandler {
  return async (c, next) => {
    const localPort = localPortOf(c);
    const url = new URL(c.req.url);
    const header = c.req.header('host');
    // An absolute-form request target (`GET http://x/…`) names its own authority, which
    // the adapter uses for the URL; both it and the Host header must name this server.
    if (
      (header !== undefined && !list.allows(header, localPort)) ||
      !list.allows(url.host, localPort)
    ) {
      return refuse(
        c,
        421,
        'misdirected_request',
        `This server does not answer for the host "${printable(header ?? url.host)}". Open the dashboard at its own address, or add the name to ALLOWED_HOSTS (or PUBLIC_URL) where the server runs.`,
      );
    }

    const method = c.req.method;
    const origin = c.req.header('origin');
    if (method !== 'GET' && method !== 'HEAD' && origin !== undefined) {
      if (!list.allowsOrigin(origin, localPort)) {
        return refuse(
          c,
          403,
          'cross_origin_request',
          `A ${printable(method)} request from another origin (${printable(origin)}) is not accepted.`,
        );
      }
    }

    if (c.req.header('sec-fetch-site') === 'cross-site') {
      const navigation =
        method === 'GET' &&
        c.req.header('sec-fetch-mode') === 'navigate' &&
        c.req.header('sec-fetch-dest') === 'document';
      if (
        underPrefix(url.pathname, crossSiteRefused) ||
        (!navigation && underPrefix(url.pathname, crossSiteNavigable))
      ) {
        return refuse(
          c,
          403,
          'cross_site_request',
          'A request from another site is not accepted here. Open the dashboard directly.',
        );
      }
    }
    await next();
  };
}
