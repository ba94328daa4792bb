// `npm run vcr:push -- <repo>:<tag> [options]`: what `docker push` looks like to the
// dashboard, for live demos and tests. Asks a running emulator (the embedded one behind
// `npm start`, or `npm run emulator`) to create the tag, or move it onto a new image, in
// `preparing`; it turns ready after --prepare-seconds. Target: VCR_EMULATOR_URL (default
// http://127.0.0.1:5173, where `npm start` listens).
import { pathToFileURL } from 'node:url';

export const USAGE = `Usage: npm run vcr:push -- <repository>:<tag> [options]

Creates the tag (and the repository if needed), or moves it to a new image, in "preparing".

Options:
  --arch <arch>             CPU architecture (default amd64; anything else ends "unoptimized")
  --platform <os>           operating system (default linux)
  --prepare-seconds <n>     seconds until ready (default 5; "never" = preparing forever)
  --size <bytes>            image size in bytes; 512, 38693274, or with a 1024-based unit: 120MB, 2GB
  --project <prj_…>         project (default: the emulator's first project)
  --pushed-by <actor>       recorded as pushedBy
  -h, --help                this help

Environment:
  VCR_EMULATOR_URL          server to push to (default http://127.0.0.1:5173)`;

export interface PushArgs {
  repository: string;
  tag: string;
  arch?: string;
  platform?: string;
  prepareSeconds?: number | null;
  sizeInBytes?: number;
  projectId?: string;
  pushedBy?: string;
}

export class UsageError extends Error {}

const UNITS: Record<string, number> = {
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
};

export function parseSize(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?B)?$/i.exec(raw.trim());
  const unit = UNITS[(m?.[2] ?? 'B').toUpperCase()];
  const bytes = m && unit ? Math.round(Number(m[1]) * unit) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new UsageError(`--size: "${raw}" is not a size (try 512, 38693274 or 120MB)`);
  }
  return bytes;
}

export function parseArgs(argv: string[]): PushArgs | 'help' {
  const args = [...argv];
  let ref: string | undefined;
  const out: Partial<PushArgs> = {};
  while (args.length) {
    const arg = args.shift()!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (!arg.startsWith('--')) {
      if (ref !== undefined) throw new UsageError(`unexpected argument "${arg}"`);
      ref = arg;
      continue;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = inline ?? args.shift();
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    switch (flag) {
      case '--arch':
        out.arch = value;
        break;
      case '--platform':
        out.platform = value;
        break;
      case '--prepare-seconds':
        if (value === 'never' || value === 'forever') out.prepareSeconds = null;
        else if (/^\d+(\.\d+)?$/.test(value)) out.prepareSeconds = Number(value);
        else throw new UsageError(`--prepare-seconds: "${value}" is not a number of seconds`);
        break;
      case '--size':
        out.sizeInBytes = parseSize(value);
        break;
      case '--project':
        out.projectId = value;
        break;
      case '--pushed-by':
        out.pushedBy = value;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (!ref) throw new UsageError('missing <repository>:<tag>');
  const colon = ref.lastIndexOf(':');
  if (colon <= 0 || colon === ref.length - 1) {
    throw new UsageError(`"${ref}" is not <repository>:<tag> (e.g. web-app:v1.2.3)`);
  }
  return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1), ...out };
}

export interface RunIO {
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  error: (line: string) => void;
}

/** Returns the process exit code: 0 pushed, 1 the server refused or was unreachable, 2 usage. */
export async function run(argv: string[], io: RunIO): Promise<number> {
  let args: PushArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.error(`vcr:push: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.log(USAGE);
    return 0;
  }
  const base = (io.env.VCR_EMULATOR_URL || 'http://127.0.0.1:5173').replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(`${base}/__emulator/push`);
  } catch {
    io.error(`vcr:push: VCR_EMULATOR_URL "${base}" is not a URL`);
    return 1;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    io.error(
      `vcr:push: could not reach ${base} (${cause}). Start it with \`npm start\` (or \`npm run emulator\`) or set VCR_EMULATOR_URL.`,
    );
    return 1;
  }
  const text = await res.text();
  let body: { error?: { message?: string }; tag?: Record<string, unknown> } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = undefined;
  }
  if (res.status === 404 && !body?.error?.message?.includes('emulator')) {
    io.error(
      `vcr:push: ${base} has no emulator control routes. Is it the dashboard in proxy mode (VERCEL_TOKEN set) or not a VCR dashboard at all?`,
    );
    return 1;
  }
  if (!res.ok || !body?.tag) {
    io.error(`vcr:push: ${res.status}: ${body?.error?.message ?? text.slice(0, 300)}`);
    return 1;
  }
  const t = body.tag as { tag: string; imageId: string; status: string; manifestDigest: string };
  const moved = (body as { previousImageId?: string }).previousImageId;
  io.log(
    `Pushed ${args.repository}:${t.tag} → ${t.imageId} (${t.manifestDigest.slice(0, 19)}…), status ${t.status}${moved ? `; moved from ${moved}` : ''}`,
  );
  io.log(JSON.stringify(body.tag, null, 2));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.argv.slice(2), {
    env: process.env,
    log: (l) => console.log(l),
    error: (l) => console.error(l),
  }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`vcr:push: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
