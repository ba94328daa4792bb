// Opaque list cursors. Like the real API's they are base64 JSON, but each one carries an
// HMAC over its contents and the listing it belongs to, so an edited, forged or foreign
// cursor (another repository, another sort, a previous emulator run) is refused with 400
// instead of silently paging through something else.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type CursorKey = (string | number)[];

export class CursorCodec {
  private readonly secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  private sign(listing: string, key: CursorKey): string {
    return createHmac('sha256', this.secret)
      .update(JSON.stringify([listing, key]))
      .digest('base64url')
      .slice(0, 22);
  }

  /** `listing` names what is paged (e.g. `tags:repo_x:updatedAt:desc`); `key` is the last item's sort key. */
  encode(listing: string, key: CursorKey): string {
    const body = JSON.stringify({ k: key, s: this.sign(listing, key) });
    return Buffer.from(body, 'utf8').toString('base64url');
  }

  /** The key after which the next page starts, or null when the cursor is not valid here. */
  decode(listing: string, cursor: string): CursorKey | null {
    if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { k, s } = parsed as { k?: unknown; s?: unknown };
    if (!Array.isArray(k) || typeof s !== 'string') return null;
    if (!k.every((v) => typeof v === 'string' || typeof v === 'number')) return null;
    const expected = Buffer.from(this.sign(listing, k as CursorKey));
    const given = Buffer.from(s);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return k as CursorKey;
  }
}
