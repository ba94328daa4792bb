// Addresses of the browse pages; the scope always travels in the query.
import { scopeSearch, type Scope } from '../../api/scope';

export function repositoriesPath(scope: Scope): string {
  return `/repositories${scopeSearch(scope)}`;
}
export function repositoryPath(scope: Scope, repo: string): string {
  return `/repositories/${encodeURIComponent(repo)}${scopeSearch(scope)}`;
}
export function tagPath(scope: Scope, repo: string, tag: string): string {
  return `/repositories/${encodeURIComponent(repo)}/tags/${encodeURIComponent(tag)}${scopeSearch(scope)}`;
}
export function imagesPath(scope: Scope, repo: string, untagged: boolean): string {
  return `/repositories/${encodeURIComponent(repo)}/images${scopeSearch(scope, { untagged: untagged ? 'true' : undefined })}`;
}
export function imagePath(scope: Scope, repo: string, imageIdOrDigest: string): string {
  return `/repositories/${encodeURIComponent(repo)}/images/${encodeURIComponent(imageIdOrDigest)}${scopeSearch(scope)}`;
}
export function recentPushesPath(scope: Scope): string {
  return `/pushes${scopeSearch(scope)}`;
}
