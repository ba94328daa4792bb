// Shared by the proxy's tests: an upstream that records every request it receives, the
// dashboard app served for real on port 0, and a raw HTTP client that sends request
// targets exactly as written (fetch would normalise `..` away before sending).
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../app';
import type { ApiBackend } from '../backend';
import type { DashboardConfig } from '../dashboard-config';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export type UpstreamHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface RecordingUpstream {
  url: string;
  requests: RecordedRequest[];
  setHandler(handler: UpstreamHandler): void;
  close(): Promise<void>;
}

export const defaultHandler: UpstreamHandler = (req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'x-vercel-id': 'iad1::upstream-1',
    'set-cookie': 'session=upstream; HttpOnly',
  });
  res.end(JSON.stringify({ path: req.url }));
};

export async function startRecordingUpstream(): Promise<RecordingUpstream> {
  const requests: RecordedRequest[] = [];
  let handler = defaultHandler;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setHandler(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface RunningApp {
  port: number;
  origin: string;
  distDir: string;
  close(): Promise<void>;
}

/** The real dashboard app on a free port, with a tiny built app in a temp folder. */
export async function startDashboard(
  backend: ApiBackend,
  config: Partial<DashboardConfig> = {},
): Promise<RunningApp> {
  const distDir = mkdtempSync(path.join(tmpdir(), 'vcr-dist-'));
  mkdirSync(path.join(distDir, 'assets'));
  writeFileSync(
    path.join(distDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(distDir, 'assets', 'app.js'), 'console.log("app");');
  const app = createApp({
    backend,
    distDir,
    config: { mode: backend.mode, serverToken: true, defaultScope: null, writes: false, ...config },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    distDir,
    close: () =>
      new Promise<void>((resolve) => {
        (server as http.Server).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/** Sends `raw` (a whole HTTP/1.1 request) byte for byte and reads the answer to the end. */
export function rawRequest(port: number, raw: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split === -1 ? '' : text.slice(split + 4) });
    });
    socket.write(raw);
  });
}

/**
 * A GET (or other method) with `Connection: close`, target and extra header lines verbatim.
 * The Host is `127.0.0.1:<port>` unless the extra lines bring their own.
 */
export function rawGet(
  port: number,
  target: string,
  extraHeaders: string[] = [],
  method = 'GET',
  body = '',
): Promise<RawResponse> {
  const ownHost = extraHeaders.some((h) => /^host:/i.test(h));
  const lines = [
    `${method} ${target} HTTP/1.1`,
    ...(ownHost ? [] : [`Host: 127.0.0.1:${port}`]),
    'Connection: close',
    ...extraHeaders,
  ];
  return rawRequest(port, `${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** An origin nothing listens on (a port that was free a moment ago). */
export async function unusedOrigin(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
