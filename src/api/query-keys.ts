// Query keys, generic to specific, so one invalidation can reach a whole scope, a
// repository, or one tag. Every query-options factory in src/api builds on these.
import { scopeKey, type Scope } from './scope';

export const vcrKeys = {
  all: ['vcr'] as const,
  scope: (scope: Scope) => [...vcrKeys.all, ...scopeKey(scope)] as const,
  repositories: (scope: Scope) => [...vcrKeys.scope(scope), 'repositories'] as const,
  repository: (scope: Scope, repo: string) => [...vcrKeys.repositories(scope), repo] as const,
  tags: (scope: Scope, repo: string) => [...vcrKeys.repository(scope, repo), 'tags'] as const,
  tag: (scope: Scope, repo: string, tag: string) =>
    [...vcrKeys.tags(scope, repo), 'detail', tag] as const,
  images: (scope: Scope, repo: string) => [...vcrKeys.repository(scope, repo), 'images'] as const,
  image: (scope: Scope, repo: string, imageIdOrDigest: string) =>
    [...vcrKeys.images(scope, repo), 'detail', imageIdOrDigest] as const,
};

export const lookupKeys = {
  all: ['lookup'] as const,
  user: () => [...lookupKeys.all, 'user'] as const,
  team: (teamIdOrSlug: string) => [...lookupKeys.all, 'team', teamIdOrSlug] as const,
  project: (scope: Scope) => [...lookupKeys.all, 'project', ...scopeKey(scope)] as const,
};
