// Plausible Dockerfile history for an image, in the SDK's VcrImageLayer union shape (a
// `type` discriminator equal to `operation`; FROM adds baseImage/collapsed*, RUN adds
// command, ENV adds env, every other instruction adds value). Derived only from the image
// id, size and repository name, so the same image always shows the same layers, and the
// size-bearing layers add up to the image's size minus manifest and config.
import { prng, sha256Hex } from './ids';
import type { ImageRecord } from './records';

export interface ImageLayer {
  type: string;
  operation: string;
  createdBy: string | null;
  digest: string | null;
  sizeBytes: number | null;
  baseImage?: string | null;
  collapsedDigests?: string[];
  collapsedLayerCount?: number;
  command?: string | null;
  env?: string | null;
  value?: string | null;
}

type Step =
  | { op: 'FROM'; base: string; collapsed: number; weight: number }
  | { op: 'RUN'; command: string; weight: number }
  | { op: 'ENV'; env: string }
  | { op: 'COPY' | 'ADD'; value: string; weight: number }
  | {
      op:
        | 'WORKDIR'
        | 'CMD'
        | 'ENTRYPOINT'
        | 'EXPOSE'
        | 'USER'
        | 'LABEL'
        | 'ARG'
        | 'HEALTHCHECK'
        | 'STOPSIGNAL'
        | 'VOLUME'
        | 'SHELL'
        | 'ONBUILD';
      value: string;
    };

interface Profile {
  match: RegExp;
  steps: (r: () => number) => Step[];
}

const node =
  (base: string, port: number, start: string): Profile['steps'] =>
  () => [
    { op: 'FROM', base, collapsed: 4, weight: 0.35 },
    { op: 'ARG', value: 'NODE_VERSION' },
    { op: 'LABEL', value: 'org.opencontainers.image.source="https://github.com/northwind/app"' },
    { op: 'WORKDIR', value: '/app' },
    { op: 'ENV', env: 'NODE_ENV=production' },
    { op: 'COPY', value: 'package.json package-lock.json ./', weight: 0.002 },
    { op: 'RUN', command: 'npm ci --omit=dev && npm cache clean --force', weight: 0.38 },
    { op: 'COPY', value: '. .', weight: 0.2 },
    { op: 'RUN', command: 'npm run build', weight: 0.068 },
    { op: 'EXPOSE', value: `${port}/tcp` },
    { op: 'USER', value: 'node' },
    {
      op: 'HEALTHCHECK',
      value: `--interval=30s --timeout=3s CMD wget -qO- http://127.0.0.1:${port}/healthz || exit 1`,
    },
    { op: 'STOPSIGNAL', value: 'SIGTERM' },
    { op: 'CMD', value: JSON.stringify(['node', start]) },
  ];

const PROFILES: Profile[] = [
  {
    match: /(ml|inference|model|notebook|data|etl|py)/,
    steps: (r) => [
      {
        op: 'FROM',
        base: r() < 0.5 ? 'python:3.12-slim' : 'nvidia/cuda:12.4.1-runtime-ubuntu22.04',
        collapsed: 5,
        weight: 0.3,
      },
      { op: 'ENV', env: 'PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1' },
      { op: 'SHELL', value: JSON.stringify(['/bin/bash', '-o', 'pipefail', '-c']) },
      { op: 'WORKDIR', value: '/srv' },
      {
        op: 'RUN',
        command:
          'apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*',
        weight: 0.04,
      },
      { op: 'COPY', value: 'requirements.txt .', weight: 0.001 },
      { op: 'RUN', command: 'pip install --no-cache-dir -r requirements.txt', weight: 0.5 },
      { op: 'COPY', value: 'app/ ./app/', weight: 0.159 },
      { op: 'VOLUME', value: JSON.stringify(['/srv/models']) },
      { op: 'EXPOSE', value: '8080/tcp' },
      {
        op: 'CMD',
        value: JSON.stringify(['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8080']),
      },
    ],
  },
  {
    match: /(api|gateway|cli|tool|proxy|agent|go)/,
    steps: () => [
      { op: 'FROM', base: 'gcr.io/distroless/static-debian12:nonroot', collapsed: 3, weight: 0.12 },
      { op: 'ARG', value: 'TARGETARCH' },
      { op: 'WORKDIR', value: '/' },
      { op: 'COPY', value: '--from=build /out/server /server', weight: 0.86 },
      { op: 'COPY', value: 'config/ /etc/app/', weight: 0.02 },
      { op: 'EXPOSE', value: '8080/tcp' },
      { op: 'USER', value: 'nonroot:nonroot' },
      { op: 'ENTRYPOINT', value: JSON.stringify(['/server']) },
    ],
  },
  {
    match: /(static|docs|nginx|edge|site)/,
    steps: () => [
      { op: 'FROM', base: 'nginx:1.27-alpine', collapsed: 7, weight: 0.8 },
      { op: 'COPY', value: 'nginx.conf /etc/nginx/conf.d/default.conf', weight: 0.001 },
      { op: 'COPY', value: 'dist/ /usr/share/nginx/html/', weight: 0.199 },
      { op: 'LABEL', value: 'org.opencontainers.image.source=https://github.com/acme/site' },
      { op: 'ONBUILD', value: 'COPY dist/ /usr/share/nginx/html/' },
      { op: 'EXPOSE', value: '80/tcp' },
      { op: 'STOPSIGNAL', value: 'SIGQUIT' },
    ],
  },
  { match: /(worker|queue|job|cron)/, steps: node('node:20-alpine', 9464, 'dist/worker.js') },
  { match: /./, steps: node('node:22-alpine', 3000, 'server.js') },
];

const TINY_STEPS: Step[] = [
  { op: 'FROM', base: 'scratch', collapsed: 0, weight: 0 },
  { op: 'COPY', value: 'hello /hello', weight: 1 },
  { op: 'ENTRYPOINT', value: JSON.stringify(['/hello']) },
];

function createdBy(step: Step): string {
  switch (step.op) {
    case 'FROM':
      return `FROM ${step.base}`;
    case 'RUN':
      return `RUN /bin/sh -c ${step.command} # buildkit`;
    case 'ENV':
      return `ENV ${step.env}`;
    case 'COPY':
    case 'ADD':
      return `${step.op} ${step.value} # buildkit`;
    case 'EXPOSE':
      return `EXPOSE map[${step.value}:{}]`;
    case 'VOLUME':
      return `VOLUME [${(JSON.parse(step.value) as string[]).join(' ')}]`;
    default:
      return `${step.op} ${step.value}`;
  }
}

/** Layers for one image; an index or attestation has none of its own (or an opaque one). */
export function generateLayers(image: ImageRecord, repositoryName: string): ImageLayer[] {
  if (image.kind === 'index') return [];
  const layerDigest = (i: number) => `sha256:${sha256Hex(`${image.manifestDigest}/layer/${i}`)}`;
  if (image.kind === 'attestation') {
    return [
      {
        type: 'UNKNOWN',
        operation: 'UNKNOWN',
        createdBy: null,
        digest: layerDigest(0),
        sizeBytes: Math.max(0, image.sizeInBytes - 1024),
        value: 'application/vnd.in-toto+json',
      },
    ];
  }
  const r = prng(image.id);
  const steps =
    image.sizeInBytes < 1_048_576
      ? TINY_STEPS
      : PROFILES.find((p) => p.match.test(repositoryName))!.steps(r);
  // Manifest + config blobs are part of sizeInBytes but are not layers.
  const overhead = Math.min(image.sizeInBytes, image.sizeInBytes < 4096 ? 200 : 2048);
  const budget = image.sizeInBytes - overhead;
  const weights = steps.map((s) => ('weight' in s ? s.weight : 0));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let remaining = budget;
  const lastSized = weights.reduce((last, w, i) => (w > 0 ? i : last), -1);

  return steps.map((step, i) => {
    const w = weights[i]!;
    let size = 0;
    if (w > 0) {
      size = i === lastSized ? remaining : Math.floor((budget * w) / total);
      remaining -= size;
    }
    const digest = w > 0 ? layerDigest(i) : null;
    const base = {
      type: step.op,
      operation: step.op,
      createdBy: createdBy(step),
      digest,
      sizeBytes: size,
    };
    switch (step.op) {
      case 'FROM': {
        const collapsedDigests = Array.from(
          { length: step.collapsed },
          (_, k) => `sha256:${sha256Hex(`${step.base}/base/${k}`)}`,
        );
        return {
          ...base,
          baseImage: step.base === 'scratch' ? null : step.base,
          collapsedDigests,
          collapsedLayerCount: collapsedDigests.length,
        };
      }
      case 'RUN':
        return { ...base, command: step.command };
      case 'ENV':
        return { ...base, env: step.env };
      default:
        return { ...base, value: step.value };
    }
  });
}
