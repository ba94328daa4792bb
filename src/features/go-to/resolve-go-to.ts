// Turns what the header's "Go to" box was given into a page. Loaded on demand (the first
// time the box is submitted), so the tag deep link's first-load JS carries only the box.
//
// A digest or image id names no repository: it is looked up in the current repository first,
// then in every repository of the current project (the one in the address, else the server's
// default). One hit opens it; several (the same digest pushed to two repositories) are offered
// as choices; none, or no project to look in, is said in a sentence.
import type { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error';
import { dashboardConfigQueryOptions } from '../../api/dashboard-config';
import { imageQueryOptions } from '../../api/get-image';
import { fetchImagesPage } from '../../api/list-images';
import { fetchRepositoriesPage } from '../../api/list-repositories';
import type { Scope } from '../../api/scope';
import { shortDigest } from '../../lib/format';
import { imagePath, repositoryPath, tagPath } from '../scope/paths';
import { referenceLookupMessage, resolveReferencePath } from '../scope/resolve-reference';
import { classifyGoTo } from './classify-go-to';

export interface GoToContext {
  /** The scope of the page the user is on, if its address has one. */
  scope: Scope | null;
  /** The repository of the page the user is on, if any. */
  repo: string | null;
  origin: string;
  onProgress?: (message: string) => void;
}

export interface GoToChoice {
  label: string;
  path: string;
}

export type GoToResult =
  | { kind: 'go'; path: string }
  | { kind: 'choose'; message: string; choices: GoToChoice[] }
  | { kind: 'error'; message: string };

/** Repositories searched for a bare digest or id: enough for any real project, bounded. */
export const MAX_REPOSITORIES_SEARCHED = 200;
const CONCURRENCY = 4;
/** Images read to match a short digest: 20 pages. */
export const MAX_IMAGES_SEARCHED = 2_000;

async function scopeToUse(queryClient: QueryClient, context: GoToContext): Promise<Scope | null> {
  if (context.scope) return context.scope;
  try {
    const config = await queryClient.fetchQuery(dashboardConfigQueryOptions());
    const d = config.defaultScope;
    return d ? { projectId: d.projectId, ...(d.teamId ? { teamId: d.teamId } : {}) } : null;
  } catch {
    return null;
  }
}

function label(ref: string): string {
  return ref.startsWith('sha256:') ? `sha256:${shortDigest(ref)}…` : ref;
}

const NO_PROJECT = (what: string) =>
  `${what} does not say which project it is in: open a project first, or paste the full reference (vcr.vercel.com/<team>/<project>/<repo>…).`;

/** Whether the image is in `repo`: true, false on 404, an error for anything else. */
async function hasImage(queryClient: QueryClient, scope: Scope, repo: string, ref: string) {
  try {
    await queryClient.fetchQuery(imageQueryOptions(scope, repo, ref));
    return true;
  } catch (e) {
    if (isApiError(e) && e.status === 404) return false;
    throw e;
  }
}

async function listRepositoryNames(scope: Scope): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchRepositoriesPage(scope, cursor);
    names.push(...page.repositories.map((r) => r.name));
    cursor = page.nextCursor;
  } while (cursor && names.length < MAX_REPOSITORIES_SEARCHED);
  return names.slice(0, MAX_REPOSITORIES_SEARCHED);
}

async function findImage(
  queryClient: QueryClient,
  scope: Scope,
  ref: string,
  context: GoToContext,
): Promise<GoToResult> {
  if (context.repo && (await hasImage(queryClient, scope, context.repo, ref))) {
    return { kind: 'go', path: imagePath(scope, context.repo, ref) };
  }
  context.onProgress?.('Looking through the project’s repositories…');
  const names = (await listRepositoryNames(scope)).filter((n) => n !== context.repo);
  const hits: string[] = [];
  let done = 0;
  for (let i = 0; i < names.length; i += CONCURRENCY) {
    const batch = names.slice(i, i + CONCURRENCY);
    const found = await Promise.all(batch.map((n) => hasImage(queryClient, scope, n, ref)));
    batch.forEach((n, k) => found[k] && hits.push(n));
    done += batch.length;
    context.onProgress?.(`Searched ${done} of ${names.length} repositories…`);
    // An image id is unique: the first hit is the answer.
    if (ref.startsWith('image_') && hits.length > 0) break;
  }
  if (hits.length === 1) return { kind: 'go', path: imagePath(scope, hits[0]!, ref) };
  if (hits.length > 1) {
    return {
      kind: 'choose',
      message: `${label(ref)} is in ${hits.length} repositories. Open it in:`,
      choices: hits.map((repo) => ({ label: repo, path: imagePath(scope, repo, ref) })),
    };
  }
  const searched = names.length + (context.repo ? 1 : 0);
  const capped = names.length >= MAX_REPOSITORIES_SEARCHED ? ` (the first ${searched})` : '';
  return {
    kind: 'error',
    message: `No image ${label(ref)} in the ${searched} ${searched === 1 ? 'repository' : 'repositories'} of project ${scope.projectId}${capped}. Paste the full reference to look in another project.`,
  };
}

/** A 12-hex short digest, matched against the current repository's images. */
async function findShortDigest(
  scope: Scope,
  repo: string,
  prefix: string,
  context: GoToContext,
): Promise<GoToResult> {
  const matches = new Map<string, string>();
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await fetchImagesPage(scope, repo, false, cursor);
    for (const img of page.images) {
      if (img.manifestDigest.startsWith(prefix)) matches.set(img.manifestDigest, img.id);
    }
    read += page.images.length;
    cursor = page.nextCursor;
    context.onProgress?.(`Looked through ${read} images of ${repo}…`);
  } while (cursor && read < MAX_IMAGES_SEARCHED);
  const digests = [...matches.keys()];
  if (digests.length === 1) return { kind: 'go', path: imagePath(scope, repo, digests[0]!) };
  if (digests.length > 1) {
    return {
      kind: 'choose',
      message: `${digests.length} images of ${repo} start with ${prefix.slice(7)}. Open:`,
      choices: digests.map((d) => ({ label: d, path: imagePath(scope, repo, d) })),
    };
  }
  const partial = cursor ? ` (the newest ${read})` : '';
  return {
    kind: 'error',
    message: `No image of ${repo}${partial} has a digest starting with ${prefix.slice(7)}. Paste the full sha256:… digest to search the whole project.`,
  };
}

export async function resolveGoTo(
  queryClient: QueryClient,
  input: string,
  context: GoToContext,
): Promise<GoToResult> {
  const what = classifyGoTo(input, context.origin);
  switch (what.kind) {
    case 'invalid':
      return { kind: 'error', message: what.message };
    case 'url':
      return { kind: 'go', path: what.path };
    case 'reference':
      try {
        return { kind: 'go', path: (await resolveReferencePath(queryClient, what.ref)).path };
      } catch (e) {
        return { kind: 'error', message: referenceLookupMessage(e, what.ref) };
      }
    default:
      break;
  }
  const scope = await scopeToUse(queryClient, context);
  if (what.kind === 'tag') {
    if (!scope) return { kind: 'error', message: NO_PROJECT(`${what.repo}:${what.tag}`) };
    return { kind: 'go', path: tagPath(scope, what.repo, what.tag) };
  }
  if (what.kind === 'repository') {
    if (!scope) return { kind: 'error', message: NO_PROJECT(`"${what.repo}"`) };
    return { kind: 'go', path: repositoryPath(scope, what.repo) };
  }
  if (what.kind === 'short-digest') {
    if (!scope || !context.repo) {
      return {
        kind: 'error',
        message: `A short digest (${what.prefix.slice(7)}) is looked up in the repository you are on: open one, or paste the full sha256:… digest.`,
      };
    }
    try {
      return await findShortDigest(scope, context.repo, what.prefix, context);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return { kind: 'error', message: `Could not look through ${context.repo}: ${reason}` };
    }
  }
  const noun = what.ref.startsWith('image_') ? 'An image id' : 'A digest';
  if (!scope) return { kind: 'error', message: NO_PROJECT(noun) };
  try {
    if (what.repo) {
      return (await hasImage(queryClient, scope, what.repo, what.ref))
        ? { kind: 'go', path: imagePath(scope, what.repo, what.ref) }
        : { kind: 'error', message: `No image ${label(what.ref)} in repository ${what.repo}.` };
    }
    return await findImage(queryClient, scope, what.ref, context);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { kind: 'error', message: `Could not look up ${label(what.ref)}: ${reason}` };
  }
}
