// What the header's "Go to" box was given, before any request: a full image reference (parsed
// by the same parser as the start page), a dashboard URL, a digest or image id, or the
// `repo:tag` / `repo@sha256:…` / `repo` shorthands within the current project.
import { TAG_NAME_RE, isValidRepositoryName } from '../../api/schemas';
import { isValidImageRef } from '../../api/get-image';
import {
  looksLikeImageReference,
  parseImageReference,
  VCR_HOST,
  type ImageReference,
} from '../../lib/image-reference';

export type GoToInput =
  | { kind: 'reference'; ref: ImageReference }
  | { kind: 'url'; path: string }
  | { kind: 'image'; ref: string; repo?: string }
  /** The 12 hex characters lists show (the CLI's short form), looked up by prefix. */
  | { kind: 'short-digest'; prefix: string }
  | { kind: 'tag'; repo: string; tag: string }
  | { kind: 'repository'; repo: string }
  | { kind: 'invalid'; message: string };

export const GO_TO_HELP = `Paste a ${VCR_HOST}/… reference (:tag or @sha256:…), a digest (full, or its first 12 hex characters within a repository), an image id (image_…), a dashboard link, or repo:tag.`;

// The dashboard's own pages (src/app/router.tsx); a link to any of them opens here whatever
// host it was copied from, since the path and query carry everything the page needs.
const DASHBOARD_PATHS = [
  /^\/$/,
  /^\/settings\/?$/,
  /^\/repositories\/?$/,
  /^\/repositories\/[^/]+\/?$/,
  /^\/repositories\/[^/]+\/images\/?$/,
  /^\/repositories\/[^/]+\/(?:tags|images)\/[^/]+\/?$/,
];

function classifyUrl(text: string, origin: string): GoToInput {
  let url: URL;
  try {
    url = new URL(text, origin);
  } catch {
    return { kind: 'invalid', message: `"${text}" is not a valid link.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'invalid', message: 'Only http(s) links to this dashboard can be opened.' };
  }
  if (!DASHBOARD_PATHS.some((re) => re.test(url.pathname))) {
    return {
      kind: 'invalid',
      message: `${url.pathname} is not a page of this dashboard (links look like /repositories/<repo>/tags/<tag>?projectId=…).`,
    };
  }
  return { kind: 'url', path: `${url.pathname}${url.search}${url.hash}` };
}

function classifyImageRef(ref: string, repo?: string): GoToInput {
  const digest = /^[a-f0-9]{64}$/i.test(ref) ? `sha256:${ref}` : ref;
  const normalized = digest.startsWith('sha256:') ? digest.toLowerCase() : digest;
  if (isValidImageRef(normalized))
    return { kind: 'image', ref: normalized, ...(repo ? { repo } : {}) };
  if (ref.startsWith('sha256:')) {
    return {
      kind: 'invalid',
      message: `"${ref}" is not a full digest: sha256: followed by 64 hex characters.`,
    };
  }
  return {
    kind: 'invalid',
    message: `"${ref}" is not an image id: image_ followed by letters and digits.`,
  };
}

export function classifyGoTo(input: string, origin: string): GoToInput {
  const text = input.trim();
  if (!text) return { kind: 'invalid', message: GO_TO_HELP };
  const lower = text.toLowerCase();
  if (looksLikeImageReference(text) || lower.startsWith(`${VCR_HOST}/`) || lower === VCR_HOST) {
    const parsed = parseImageReference(text);
    return parsed.ok
      ? { kind: 'reference', ref: parsed.ref }
      : { kind: 'invalid', message: parsed.message };
  }
  if (/^https?:\/\//i.test(text) || text.startsWith('/')) return classifyUrl(text, origin);
  if (/\s/.test(text)) return { kind: 'invalid', message: GO_TO_HELP };
  // Exactly 12 hex characters is how every list (and the CLI) shortens a digest; a repository
  // could be named so too, but a digest is far more likely what was copied.
  const short = /^(?:sha256:)?([a-f0-9]{12})$/i.exec(text);
  if (short) return { kind: 'short-digest', prefix: `sha256:${short[1]!.toLowerCase()}` };
  if (lower.startsWith('sha256:') || text.startsWith('image_') || /^[a-f0-9]{64}$/i.test(text)) {
    return classifyImageRef(text);
  }
  const at = text.indexOf('@');
  if (at > 0) {
    const repo = text.slice(0, at);
    if (!isValidRepositoryName(repo)) return invalidRepo(repo);
    return classifyImageRef(text.slice(at + 1), repo);
  }
  const colon = text.indexOf(':');
  if (colon > 0) {
    const repo = text.slice(0, colon);
    const tag = text.slice(colon + 1);
    if (!isValidRepositoryName(repo)) return invalidRepo(repo);
    if (!TAG_NAME_RE.test(tag)) {
      return { kind: 'invalid', message: `"${tag}" cannot be a tag: letters, digits, _ . and -.` };
    }
    return { kind: 'tag', repo, tag };
  }
  if (isValidRepositoryName(text)) return { kind: 'repository', repo: text };
  return { kind: 'invalid', message: `Not a reference this box understands. ${GO_TO_HELP}` };
}

function invalidRepo(repo: string): GoToInput {
  return {
    kind: 'invalid',
    message: `"${repo}" cannot be a repository name: lowercase letters, digits and single separators (. _ __ -).`,
  };
}
