// The registry's error answer, `{"errors":[{code,message,detail}]}` (OCI distribution spec),
// shared by the read routes, the uploads and the manifest writes.
export type ErrorCode =
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'NAME_UNKNOWN'
  | 'NAME_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_BLOB_UNKNOWN'
  | 'BLOB_UNKNOWN'
  | 'BLOB_UPLOAD_UNKNOWN'
  | 'BLOB_UPLOAD_INVALID'
  | 'SIZE_INVALID'
  | 'RANGE_INVALID'
  | 'UNSUPPORTED'
  | 'PAGINATION_NUMBER_INVALID'
  | 'TAG_INVALID'
  | 'DIGEST_INVALID'
  | 'UNKNOWN';

export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly detail?: unknown,
    /** The scope to name in the 401 challenge. */
    readonly scope?: string,
  ) {
    super(message);
  }
}
