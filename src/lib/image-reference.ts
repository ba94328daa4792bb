// Image references as the official CLI prints them, for `docker pull`, and the parser for
// references users paste (from a terminal, a CI log or a Dockerfile).
import { DIGEST_RE, SLUG_RE, TAG_NAME_RE, isValidRepositoryName } from '../api/schemas';
// The builders live in pull-commands.ts (first-load JS of the tag detail page).
import { VCR_HOST } from './pull-commands';
export { VCR_HOST, imageReference, pullByDigest, pullByTag } from './pull-commands';
export type { ImageReferenceParts } from './pull-commands';

// Parsing: `vcr.vercel.com/<team>/<project>/<repo>:<tag>` or `…/<repo>@sha256:…`.

export type ImageReference =
  | { team: string; project: string; repo: string; tag: string; digest?: undefined }
  | { team: string; project: string; repo: string; digest: string; tag?: string };

export type ParseResult = { ok: true; ref: ImageReference } | { ok: false; message: string };

/** True when the text looks like an attempt at a reference rather than a project id. */
export function looksLikeImageReference(text: string): boolean {
  return /vcr\.vercel\.com\//i.test(text) || /^docker\s+pull\s/i.test(text.trim());
}

export function parseImageReference(input: string): ParseResult {
  let text = input.trim();
  if (!text)
    return {
      ok: false,
      message:
        'Paste an image reference, for example vcr.vercel.com/acme/storefront/web-app:latest.',
    };
  // Accept what people copy: a whole `docker pull …` line, a URL-ish prefix, quotes.
  text = text
    .replace(/^docker\s+pull\s+/i, '')
    .replace(/^["']|["']$/g, '')
    .trim();
  text = text.replace(/^(?:https?|docker):\/\//i, '');
  if (/\s/.test(text)) return { ok: false, message: 'An image reference has no spaces.' };

  const slash = text.indexOf('/');
  const host = slash === -1 ? text : text.slice(0, slash);
  if (host.toLowerCase() !== VCR_HOST) {
    return {
      ok: false,
      message: `Only ${VCR_HOST} references can be opened here ("${host}" is another registry).`,
    };
  }
  let rest = text.slice(slash + 1);

  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) {
      return {
        ok: false,
        message: `"${digest}" is not a digest: it must be sha256: followed by 64 lowercase hex characters.`,
      };
    }
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }

  const parts = rest.split('/');
  if (parts.length !== 3 || parts.some((p) => p === '')) {
    return {
      ok: false,
      message: `A reference has three parts after ${VCR_HOST}: <team>/<project>/<repository>, then :<tag> or @sha256:<digest>.`,
    };
  }
  const [team, project, repo] = parts as [string, string, string];
  if (!SLUG_RE.test(team)) {
    return {
      ok: false,
      message: `"${team}" cannot be a team slug: lowercase letters, digits and dashes, at most 48.`,
    };
  }
  if (!SLUG_RE.test(project)) {
    return {
      ok: false,
      message: `"${project}" cannot be a project name: lowercase letters, digits and dashes, at most 48.`,
    };
  }
  if (!isValidRepositoryName(repo)) {
    return {
      ok: false,
      message: `"${repo}" cannot be a repository name: lowercase letters, digits and single separators (. _ __ -).`,
    };
  }
  if (tag !== undefined && !TAG_NAME_RE.test(tag)) {
    return {
      ok: false,
      message: `"${tag}" cannot be a tag: letters, digits, _ . and -, not starting with . or -, at most 128.`,
    };
  }
  if (digest) return { ok: true, ref: { team, project, repo, digest, ...(tag ? { tag } : {}) } };
  if (!tag) {
    return {
      ok: false,
      message:
        'The reference names no tag or digest: add :<tag> (for example :latest) or @sha256:<digest>.',
    };
  }
  return { ok: true, ref: { team, project, repo, tag } };
}
