// A repository's `updatedAt` moves whenever a tag in it is pushed or moved.
//
// The contract (vcr-api.md, "Objects") lists `updatedAt` on a repository without saying what
// moves it. The emulator's choice: a push that creates or moves a tag is a change of the
// repository, so its `updatedAt` becomes the push's time; it never moves backwards (a clock
// that lags, or a push stamped before a lifecycle transition already recorded). Readers that
// watch a whole project (the Recent pushes page) rely on it to list tags only of the
// repositories that changed. Kept apart from state.ts so the push path can be rewritten
// without losing it.
import type { RepositoryRecord } from './records';

export function touchRepository(repo: RepositoryRecord, whenMs: number): void {
  const when = new Date(whenMs).toISOString();
  if (repo.updatedAt >= when) return;
  repo.updatedAt = when;
  // Derived data (tag lists, registry look-ups) is keyed by the version.
  repo.version++;
}
