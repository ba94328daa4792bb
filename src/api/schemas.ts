// The VCR API contract (../shared/vcr-api.md), as runtime validators. The server's emulator
// reuses these, so the app and the emulator can never drift apart silently.
//
// Enumerations are validated as strings on purpose: a value the API adds later (a new kind
// or status) must be shown as it comes, not turned into a validation error.
import * as z from 'zod/mini';

export const KNOWN_TAG_KINDS = ['index', 'manifest', 'attestation'] as const;
export const KNOWN_TAG_STATUSES = ['preparing', 'ready', 'unoptimized'] as const;
export type KnownTagKind = (typeof KNOWN_TAG_KINDS)[number];
export type KnownTagStatus = (typeof KNOWN_TAG_STATUSES)[number];

export const isoTimestamp = z
  .string()
  .check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp'));

// What a tag and the image behind it share: the contract's Image is the Tag fields minus
// `tag` and `updatedAt`, plus `id`, `repositoryId` and `tags`.
export const imageFields = {
  manifestDigest: z.string(),
  kind: z.string(),
  platform: z.optional(z.string()),
  arch: z.optional(z.string()),
  pushedBy: z.optional(z.string()),
  status: z.nullable(z.string()),
  sizeInBytes: z.number(),
  createdAt: isoTimestamp,
};

export const tagSchema = z.object({
  tag: z.string(),
  imageId: z.string(),
  ...imageFields,
  updatedAt: isoTimestamp,
});
export type Tag = z.infer<typeof tagSchema>;

export const repositorySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  public: z.boolean(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type Repository = z.infer<typeof repositorySchema>;

// The optimized drive Vercel Sandbox boots from; present once a linux/amd64 image is ready.
export const vhsSchema = z.object({ digest: z.string(), path: z.string() });
export type Vhs = z.infer<typeof vhsSchema>;

export const imageListItemSchema = z.object({
  id: z.string(),
  repositoryId: z.string(),
  ...imageFields,
  tags: z.array(z.string()),
  vhs: z.optional(vhsSchema),
});
export type ImageListItem = z.infer<typeof imageListItemSchema>;

// Layers are a union keyed by `type` in the SDK; the fields below are the union of all
// variants, each optional/nullable, so a layer of an operation we do not know still renders.
export const imageLayerSchema = z.object({
  type: z.optional(z.string()),
  operation: z.nullable(z.optional(z.string())),
  createdBy: z.nullable(z.optional(z.string())),
  digest: z.nullable(z.optional(z.string())),
  sizeBytes: z.nullable(z.optional(z.number())),
  baseImage: z.nullable(z.optional(z.string())),
  collapsedDigests: z.optional(z.array(z.string())),
  collapsedLayerCount: z.optional(z.number()),
  command: z.nullable(z.optional(z.string())),
  env: z.nullable(z.optional(z.string())),
  value: z.nullable(z.optional(z.string())),
});
export type ImageLayer = z.infer<typeof imageLayerSchema>;

export const imageDetailSchema = z.extend(imageListItemSchema, {
  layers: z.array(imageLayerSchema),
});
export type ImageDetail = z.infer<typeof imageDetailSchema>;

export const tagResponseSchema = z.object({ tag: tagSchema });
export const tagListResponseSchema = z.object({
  tags: z.array(tagSchema),
  nextCursor: z.optional(z.string()),
});
export const repositoryResponseSchema = z.object({ repository: repositorySchema });
export const repositoryListResponseSchema = z.object({
  repositories: z.array(repositorySchema),
  nextCursor: z.optional(z.string()),
});
export const imageListResponseSchema = z.object({
  images: z.array(imageListItemSchema),
  nextCursor: z.optional(z.string()),
});
export const imageResponseSchema = z.object({ image: imageDetailSchema });

// Scope look-ups (the calls the official CLI makes to build image references).
export const userResponseSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    email: z.optional(z.string()),
    defaultTeamId: z.optional(z.nullable(z.string())),
  }),
});
export const teamSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.nullable(z.optional(z.string())),
});
export type Team = z.infer<typeof teamSchema>;
export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.optional(z.string()),
});
export type Project = z.infer<typeof projectSchema>;

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});

// Naming rules from vcr-api.md: a name that cannot exist is refused before any request.
export const REPOSITORY_NAME_RE = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
export const TAG_NAME_RE = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
export const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

export function isValidRepositoryName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && REPOSITORY_NAME_RE.test(name);
}
export function isValidTagName(tag: string): boolean {
  return TAG_NAME_RE.test(tag);
}
