// What a layer row shows: the Dockerfile instruction and its argument, whatever variant the
// API sent. The SDK's layer union is keyed by `type` (FROM carries baseImage, RUN command,
// ENV env, every other instruction value); `operation` names the instruction. Either may be
// missing on an old record, so both are consulted.
import type { ImageLayer } from '../../api/schemas';

export function layerOperation(layer: ImageLayer): string {
  return (layer.operation ?? layer.type ?? 'UNKNOWN').toUpperCase();
}

function variant(layer: ImageLayer): string {
  return (layer.type ?? layer.operation ?? '').toUpperCase();
}

/** A JSON array (exec form, VOLUME list), or null when the value is not one. */
function jsonArray(value: string): string[] | null {
  if (!value.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** Go's `map[a:{} b:{}]` print of a set, as `docker history` records EXPOSE and VOLUME. */
function goMapKeys(value: string): string[] | null {
  const m = /^map\[(.*)\]$/.exec(value.trim());
  if (!m) return null;
  return m[1]!
    .split(/\s+/)
    .map((entry) => entry.replace(/:\{\}$/, ''))
    .filter(Boolean);
}

function listOf(value: string): string[] {
  return jsonArray(value) ?? goMapKeys(value) ?? value.trim().split(/\s+/).filter(Boolean);
}

/** Exec form as a Dockerfile writes it: `["node", "server.js"]`. */
function execForm(value: string): string {
  const arr = jsonArray(value);
  return arr ? `[${arr.map((a) => JSON.stringify(a)).join(', ')}]` : value;
}

/** A HEALTHCHECK recorded as the runtime's JSON ({ Test: ["CMD-SHELL", "…"], … }) or as text. */
function healthcheck(value: string): string {
  if (!value.startsWith('{')) return value;
  try {
    const parsed = JSON.parse(value) as { Test?: unknown };
    const test = Array.isArray(parsed.Test) ? (parsed.Test as string[]) : null;
    if (!test || test.length === 0) return value;
    if (test[0] === 'NONE') return 'NONE';
    if (test[0] === 'CMD-SHELL') return `CMD ${test.slice(1).join(' ')}`;
    if (test[0] === 'CMD') return `CMD ${JSON.stringify(test.slice(1))}`;
    return value;
  } catch {
    return value;
  }
}

/** The instruction's argument, formatted as it would read in a Dockerfile. */
export function layerDetail(layer: ImageLayer): string {
  const op = layerOperation(layer);
  const kind = variant(layer);
  if (op === 'FROM' || kind === 'FROM')
    return layer.baseImage ?? layer.value ?? layer.createdBy ?? '';
  if (op === 'RUN' || kind === 'RUN') return layer.command ?? layer.value ?? layer.createdBy ?? '';
  if (op === 'ENV' || kind === 'ENV') return layer.env ?? layer.value ?? layer.createdBy ?? '';
  const value = layer.value ?? layer.command ?? layer.env ?? null;
  if (value == null) return layer.createdBy ?? '';
  switch (op) {
    case 'EXPOSE':
      // A bare port is TCP, as Docker reads it.
      return listOf(value)
        .map((p) => (p.includes('/') ? p : `${p}/tcp`))
        .join(' ');
    case 'VOLUME':
      return listOf(value).join(' ');
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
      return execForm(value);
    case 'HEALTHCHECK':
      return healthcheck(value);
    default:
      return value;
  }
}

// What each instruction means for whoever runs the image: the part a reader of the history
// may not know by heart. Instructions every Dockerfile has (COPY, RUN…) need no note.
const NOTES: Record<string, string> = {
  ARG: 'Build argument: set at build time, not present in the running container',
  CMD: 'Default command, replaced by arguments given at run time',
  ENTRYPOINT: 'The program the container runs; arguments are appended to it',
  EXPOSE: 'Port the container listens on (documentation: publishing is up to the runtime)',
  HEALTHCHECK: 'How the runtime checks that the container is healthy',
  LABEL: 'Metadata on the image',
  ONBUILD: 'Runs when another image is built FROM this one',
  SHELL: 'Shell used by the RUN, CMD and ENTRYPOINT instructions in shell form after it',
  STOPSIGNAL: 'Signal sent to the container to stop it',
  USER: 'User the container runs as',
  VOLUME: 'Mount point for data kept outside the image',
  WORKDIR: 'Working directory for the instructions after it and for the container',
};

export function layerNote(layer: ImageLayer): string | null {
  return NOTES[layerOperation(layer)] ?? null;
}

/** The base image of the FROM layer, when the history records one. */
export function baseImageOf(layers: readonly ImageLayer[]): string | null {
  for (const l of layers) if (layerOperation(l) === 'FROM' && l.baseImage) return l.baseImage;
  return null;
}

/**
 * Each layer's share of the bytes the layers add up to (null when the layer has no size).
 * The bars compare layers with each other; manifest and config are not layers, so the sum
 * is a little below the image's size.
 */
export function layerShares(layers: readonly ImageLayer[]): (number | null)[] {
  const total = layers.reduce((n, l) => n + Math.max(0, l.sizeBytes ?? 0), 0);
  return layers.map((l) =>
    l.sizeBytes == null ? null : total > 0 ? Math.max(0, l.sizeBytes) / total : 0,
  );
}
