// What a page load costs on the wire, as Chromium counts it: for each response, the bytes
// received (CDP Network.loadingFinished encodedDataLength: status line, headers and the
// body as sent, compressed or not), and the request's timing for the critical chain: from
// when it was sent to when what it brought could be used (a page's first bytes, any other
// response's last).
import type { CDPSession, Page } from 'playwright-core';
import type { Timed } from './critical-chain';

export interface WireEntry extends Timed {
  /** CDP resource type: Document, Script, Stylesheet, Fetch, Image, … */
  type: string;
  status: number;
  contentEncoding: string | null;
  /** Bytes received for this response, headers included. */
  wireBytes: number;
  /** Of which the status line and headers. */
  headerBytes: number;
}

interface Pending {
  url: string;
  type: string;
  /** Seconds, CDP's monotonic clock. */
  sent: number;
  status?: number;
  contentEncoding?: string | null;
  /** Seconds: when the response headers arrived. */
  answered?: number;
  headerBytes?: number;
}

export interface WireRecorder {
  /** Responses finished so far, in the order they finished. */
  entries(): WireEntry[];
  stop(): Promise<void>;
}

/** Starts recording a page's network; call before navigating. */
export async function recordWire(page: Page): Promise<WireRecorder> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const pending = new Map<string, Pending>();
  const done: WireEntry[] = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    pending.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', sent: e.timestamp });
  });
  cdp.on('Network.responseReceived', (e) => {
    const p = pending.get(e.requestId);
    if (!p) return;
    p.status = e.response.status;
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    p.contentEncoding = headers['content-encoding'] ?? null;
    p.answered = e.timestamp;
    p.headerBytes = e.response.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const p = pending.get(e.requestId);
    if (!p) return;
    pending.delete(e.requestId);
    done.push({
      url: p.url,
      type: p.type,
      status: p.status ?? 0,
      contentEncoding: p.contentEncoding ?? null,
      wireBytes: e.encodedDataLength,
      headerBytes: p.headerBytes ?? 0,
      start: p.sent * 1000,
      // The browser parses a page as it streams in, but runs a script or applies a stylesheet
      // only once all of it is there: the next request can depend on it from then on.
      end: (p.type === 'Document' ? (p.answered ?? e.timestamp) : e.timestamp) * 1000,
    });
  });
  await cdp.send('Network.enable');
  // A cold load: nothing from an earlier visit.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return {
    entries: () => [...done],
    stop: async () => {
      await cdp.detach().catch(() => undefined);
    },
  };
}

export function sumWire(entries: readonly WireEntry[]): number {
  return entries.reduce((s, e) => s + e.wireBytes, 0);
}
