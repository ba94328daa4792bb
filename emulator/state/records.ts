// The records the emulator's state holds, as types only: the state module and the modules
// that render an image's bytes (manifests.ts, layers.ts) share them without importing each
// other.
/** One child of an index, as the seed states it (`tags[].manifests[]`). */
export interface IndexChild {
  digest: string;
  /** `os/arch[/variant]`; `unknown/unknown` for an attestation manifest. */
  platform: string;
  sizeInBytes: number;
  /** The digest of the child this attestation manifest describes (Buildx style). */
  attestationOf?: string;
}

export type Clock = () => number;

export interface ImageRecord {
  id: string;
  repositoryId: string;
  manifestDigest: string;
  kind: string;
  platform?: string;
  arch?: string;
  pushedBy?: string;
  status: string | null;
  sizeInBytes: number;
  createdAt: string;
  /** Epoch ms when a `preparing` image becomes usable; null = preparing forever. */
  readyAt: number | null;
  /** An index's children (seed `manifests`), served by the registry protocol. */
  manifests?: IndexChild[];
  /** Epoch ms when an accepted DELETE removes it (with its tags); absent = not deleting. */
  deleteAt?: number;
  /** A manifest pushed through the registry: its exact bytes, served as they came. */
  pushed?: PushedManifest;
}

/** The bytes of a pushed manifest and the type it was pushed as. */
export interface PushedManifest {
  mediaType: string;
  bytes: Buffer;
  /** Another digest the client addressed it by (sha512), besides the sha256 of the bytes. */
  alias?: string;
}

/** A team the repository is shared with (read-only for that team). */
export interface PermissionRecord {
  teamId: string;
  createdAt: string;
}

export interface TagRecord {
  tag: string;
  imageId: string;
  pushedBy?: string;
  createdAt: string;
  updatedAt: string;
}

export interface RepositoryRecord {
  id: string;
  projectId: string;
  name: string;
  public: boolean;
  createdAt: string;
  updatedAt: string;
  tags: Map<string, TagRecord>;
  images: Map<string, ImageRecord>;
  /** Teams it is shared with, by team id, in the order they were added. */
  sharedWith: Map<string, PermissionRecord>;
  /** Bumped on every change of tags or their times; keys the derived-data cache. */
  version: number;
}

export interface TeamRecord {
  id: string;
  slug: string;
  name: string;
}

export interface ProjectRecord {
  id: string;
  name: string;
  teamId: string;
  createdAt: string;
  /** Repositories by name. */
  repositories: Map<string, RepositoryRecord>;
}

export interface TokenRecord {
  token: string;
  teamIds: string[];
  /** Seed `readOnly`: pulls only; the registry refuses a push with it. */
  readOnly?: boolean;
  user: { id: string; username: string; email: string; name: string };
}
