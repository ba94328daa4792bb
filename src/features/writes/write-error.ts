// What a failed write means for the person who tried it, and what to do next.
import { isApiError } from '../../api/api-error';

/** `action` completes "Could not …", e.g. "delete the image". */
export function describeWriteError(error: unknown, action: string): string {
  if (!isApiError(error)) {
    return `Could not ${action}: ${error instanceof Error ? error.message : 'unexpected error'}.`;
  }
  if (error.kind === 'network' || error.kind === 'timeout') {
    return `Could not ${action}: ${error.message} Nothing may have changed; check, then try again.`;
  }
  if (error.kind === 'invalid-input') return `Could not ${action}: ${error.message}`;
  const why = (() => {
    switch (error.status) {
      case 400:
        return `the API refused the request (${error.message})`;
      case 401:
        return 'the API did not accept the token in use; set VERCEL_TOKEN or paste a token in Settings';
      case 402:
        return `the team's plan does not allow this (${error.message}); check billing on vercel.com`;
      case 403:
        return `the token in use is not allowed to change this repository (${error.message}). A token of a team owner or member with write access is needed`;
      case 404:
        return `it was not found; it may have been deleted already (${error.message})`;
      case 405:
        return error.code === 'writes_disabled'
          ? 'writes are off on this dashboard server (start it with ALLOW_WRITES=1)'
          : `the server does not allow it (${error.message})`;
      case 409:
        return `it conflicts with the current state: ${error.message}`;
      case 410:
        return `the API says it is gone for good (${error.message})`;
      case 413:
      case 415:
        return `the dashboard server refused the request (${error.message})`;
      case 429:
        return 'the API asked to slow down; wait a moment and try again';
      default:
        return error.status >= 500
          ? `the API had trouble (${error.status}: ${error.message}); nothing may have changed, try again`
          : `the API answered ${error.status}: ${error.message}`;
    }
  })();
  const id = error.requestId ? ` (request id ${error.requestId})` : '';
  return `Could not ${action}: ${why}.${id}`;
}
