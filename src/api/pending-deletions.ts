// Images the API accepted a DELETE for (202) but may go on listing for a moment while the
// registry removes them in the background. Lists leave them out for a while, so a deleted
// row does not come back on the next fetch; after that, what the API says wins again (a
// deletion that never happened shows up again rather than hiding forever).
import type { Scope } from './scope';
import { scopeKey } from './scope';

export const HIDE_DELETING_MS = 60_000;

const deleting = new Map<string, number>();
const keyOf = (scope: Scope, repo: string, imageId: string) =>
  [...scopeKey(scope), repo, imageId].join('\u0000');

export function markImageDeleting(
  scope: Scope,
  repo: string,
  imageId: string,
  now = Date.now(),
): void {
  deleting.set(keyOf(scope, repo, imageId), now + HIDE_DELETING_MS);
}

export function isImageDeleting(
  scope: Scope,
  repo: string,
  imageId: string,
  now = Date.now(),
): boolean {
  if (deleting.size === 0) return false;
  const key = keyOf(scope, repo, imageId);
  const until = deleting.get(key);
  if (until === undefined) return false;
  if (until > now) return true;
  deleting.delete(key);
  return false;
}

/** Test helper: forget every pending deletion. */
export function clearPendingDeletions(): void {
  deleting.clear();
}
