// Redirect URI matching. Registered URIs match exactly (RFC 6749 §3.1.2.3, OAuth 2.1), except
// loopback ones: a native or local app listens on whatever port is free, so RFC 8252 §7.3 has
// the server accept any port for them. `localhost` is treated like the loopback IP literals
// here because the seed registers both and a dashboard started with PORT=0 needs it.

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase());
}

/** True when `requested` is one of `registered` (loopback: any port). */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  let want: URL;
  try {
    want = new URL(requested);
  } catch {
    return false;
  }
  if (want.protocol !== 'http:' || !isLoopbackHost(want.hostname) || requested.includes('#')) {
    return false;
  }
  return registered.some((uri) => {
    let reg: URL;
    try {
      reg = new URL(uri);
    } catch {
      return false;
    }
    return (
      reg.protocol === 'http:' &&
      reg.hostname === want.hostname &&
      reg.pathname === want.pathname &&
      reg.search === want.search &&
      reg.username === want.username &&
      reg.password === want.password
    );
  });
}
