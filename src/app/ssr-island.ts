// The data a server-rendered page carries for its hydration: a non-executable
// `<script type="application/json">` (the CSP allows no inline script), outside #root.
// Written by the server (server/ssr), read once by src/main.tsx before hydrateRoot.
import type { DehydratedState } from '@tanstack/react-query';
import { ApiError, type ApiErrorKind } from '../api/api-error';
import type { RenderInfo } from '../lib/render-context';

export const ISLAND_ID = 'vcr-ssr';

export interface SsrIsland extends RenderInfo {
  /** The request's query cache (the tag, or the ApiError it failed with). */
  queries: DehydratedState;
}

interface SerializedApiError {
  $apiError: {
    kind: ApiErrorKind;
    status: number;
    code: string;
    message: string;
    retryAfterMs?: number;
    requestId?: string;
    url?: string;
  };
}

/**
 * JSON for the island. `<` becomes \u003c, so neither `</script` nor `<!--` can end or bend
 * the element (script content is raw text: HTML entities would not be decoded). An ApiError
 * keeps its class across the trip, so the page explains it as it would its own.
 */
export function serializeIsland(island: SsrIsland): string {
  return JSON.stringify(island, (_key, value: unknown) =>
    value instanceof ApiError
      ? ({
          $apiError: {
            kind: value.kind,
            status: value.status,
            code: value.code,
            message: value.message,
            retryAfterMs: value.retryAfterMs,
            requestId: value.requestId,
            url: value.url,
          },
        } satisfies SerializedApiError)
      : value,
  ).replace(/</g, '\\u003c');
}

export function parseIsland(text: string): SsrIsland | null {
  try {
    const island = JSON.parse(text, (_key, value: unknown) =>
      value && typeof value === 'object' && '$apiError' in value
        ? new ApiError((value as SerializedApiError).$apiError)
        : value,
    ) as SsrIsland;
    return typeof island.renderedAt === 'number' && island.queries ? island : null;
  } catch {
    return null;
  }
}

/** The island of this document, if the server rendered it. */
export function readIsland(doc: Document): SsrIsland | null {
  const text = doc.getElementById(ISLAND_ID)?.textContent;
  return text ? parseIsland(text) : null;
}
