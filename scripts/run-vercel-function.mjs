#!/usr/bin/env node
// Runs one built Vercel Function (Build Output API v3) the way its Node.js launcher does:
// reads the function's .vc-config.json, checks it is a `launcherType: "Nodejs"` function,
// imports its `handler` file from inside the .func folder (its working directory on
// Vercel) and calls the default export with Node's (req, res) for every request. Nothing
// of Vercel's proxy is imitated (no helpers on req/res, no x-forwarded-* headers).
//
//   node scripts/run-vercel-function.mjs [.vercel/output/functions/api/dashboard.func]
//
// Environment: the function's own variables, plus PORT (0 = any free port) and HOST.
// Prints "Vercel function listening on http://HOST:PORT/" once it accepts requests.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const funcDir = path.resolve(process.argv[2] ?? '.vercel/output/functions/api/dashboard.func');
let vc;
try {
  vc = JSON.parse(readFileSync(path.join(funcDir, '.vc-config.json'), 'utf8'));
} catch (err) {
  console.error(`run-vercel-function: cannot read ${funcDir}/.vc-config.json: ${err.message}`);
  console.error('Run `npm run build:vercel` first.');
  process.exit(1);
}
if (vc.launcherType !== 'Nodejs' || typeof vc.handler !== 'string') {
  console.error(`run-vercel-function: ${funcDir} is not a Node.js launcher function.`);
  process.exit(1);
}
process.chdir(funcDir);
const mod = await import(pathToFileURL(path.join(funcDir, vc.handler)).href);
const handler = mod.default;
if (typeof handler !== 'function') {
  console.error(`run-vercel-function: ${vc.handler} has no default-exported function.`);
  process.exit(1);
}

const server = http.createServer((req, res) => {
  Promise.resolve()
    .then(() => handler(req, res))
    .catch((err) => {
      // What Vercel reports as FUNCTION_INVOCATION_FAILED.
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('FUNCTION_INVOCATION_FAILED');
    });
});
const host = process.env.HOST ?? '127.0.0.1';
server.listen(Number(process.env.PORT ?? 3000), host, () => {
  console.log(`Vercel function listening on http://${host}:${server.address().port}/`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
