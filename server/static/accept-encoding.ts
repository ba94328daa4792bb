// Content negotiation of Content-Encoding (RFC 9110 §12.5.3), shared by the static files and
// the JSON compression: q-values, `*`, and `identity` are honoured, so a client that says
// `br;q=0` or `gzip;q=0.5, br;q=0.9` gets what it asked for.

export type Coding = 'br' | 'gzip';
/** `identity` = send the bytes as they are. */
export type Chosen = Coding | 'identity';

interface Weighted {
  coding: string;
  q: number;
}

function parse(header: string): Weighted[] {
  const out: Weighted[] = [];
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    if (!coding) continue;
    let q = 1;
    for (const param of params) {
      const [key = '', value] = param.split('=').map((s) => s.trim());
      if (key.toLowerCase() !== 'q') continue;
      const n = Number(value);
      // A malformed weight is treated as absent rather than as a refusal.
      q = Number.isFinite(n) && n >= 0 && n <= 1 ? n : 1;
    }
    out.push({ coding: coding === 'x-gzip' ? 'gzip' : coding, q });
  }
  return out;
}

/**
 * The coding to send, among `available` (in the server's order of preference, best first),
 * for a request's Accept-Encoding. Without the header, or when nothing offered is acceptable,
 * the answer is `identity`: RFC 9110 lets a server send an unencoded body rather than a 406.
 */
export function negotiateEncoding(
  acceptEncoding: string | null | undefined,
  available: readonly Coding[],
): Chosen {
  if (!acceptEncoding) return 'identity';
  const accepted = parse(acceptEncoding);
  const wildcard = accepted.find((a) => a.coding === '*')?.q ?? 0;
  let best: { coding: Coding; q: number } | undefined;
  for (const coding of available) {
    const q = accepted.find((a) => a.coding === coding)?.q ?? wildcard;
    // Ties keep the server's order, so `gzip, br` still gets br (smaller).
    if (q > 0 && (!best || q > best.q)) best = { coding, q };
  }
  return best?.coding ?? 'identity';
}

/** Adds `Accept-Encoding` to a Vary header value, once. */
export function varyOnAcceptEncoding(headers: Headers): void {
  const current = headers.get('vary');
  if (!current) headers.set('vary', 'Accept-Encoding');
  else if (current.trim() !== '*' && !/(^|,)\s*accept-encoding\s*(,|$)/i.test(current))
    headers.set('vary', `${current}, Accept-Encoding`);
}
