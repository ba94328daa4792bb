// Where the browser goes after sign-in. Only a path on this very origin is accepted, so a
// crafted `/auth/login?returnTo=…` link can never send a freshly signed-in user elsewhere
// (no open redirect). Anything doubtful falls back to the home page rather than failing.
const BASE = 'http://return-to.invalid';
const MAX_LENGTH = 2048;

/** The same-origin path (with its query) to go back to, or '/' when `value` is not one. */
export function safeReturnTo(value: string | null | undefined): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return '/';
  // Must be an absolute path: not `//host` or `/\host` (browsers read both as another origin),
  // not a scheme, not a relative path.
  if (value[0] !== '/' || value[1] === '/' || value[1] === '\\') return '/';
  // Browsers strip tabs and newlines and treat backslashes as slashes, so a value that only
  // looks like a path can still change origin; no legitimate dashboard URL contains them raw.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  // Going back into the sign-in routes would loop.
  if (url.pathname === '/auth' || url.pathname.startsWith('/auth/')) return '/';
  // The fragment never reaches the server, and the normalized form is what gets stored.
  return url.pathname + url.search;
}
