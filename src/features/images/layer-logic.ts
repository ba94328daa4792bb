// What a layer row shows: the Dockerfile instruction and its argument, whatever variant the
// API sent (FROM carries baseImage, RUN command, ENV env, the rest value).
import type { ImageLayer } from '../../api/schemas';

export function layerOperation(layer: ImageLayer): string {
  return (layer.operation ?? layer.type ?? 'UNKNOWN').toUpperCase();
}

export function layerDetail(layer: ImageLayer): string {
  const op = layerOperation(layer);
  if (op === 'FROM') return layer.baseImage ?? layer.value ?? layer.createdBy ?? '';
  if (op === 'RUN') return layer.command ?? layer.createdBy ?? '';
  if (op === 'ENV') return layer.env ?? layer.value ?? layer.createdBy ?? '';
  return layer.value ?? layer.command ?? layer.env ?? layer.createdBy ?? '';
}

/** The base image of the FROM layer, when the history records one. */
export function baseImageOf(layers: readonly ImageLayer[]): string | null {
  for (const l of layers) if (layerOperation(l) === 'FROM' && l.baseImage) return l.baseImage;
  return null;
}
