// What the storage panel shows, computed from a repository's image list (GET …/images, all
// pages, untagged images included). Pure functions, so the rules are tested on their own.
//
// The rules:
// - Storage counts images, not tags: several tags on one image store it once, so images are
//   de-duplicated by id (or digest) and each counts its `sizeInBytes` once. Untagged images
//   are still stored (and billed) until deleted, so they count.
// - Every image the API lists counts with its own size, an index as well as its platform
//   images (the API lists those as images of their own). Layers two images share are stored
//   once by the registry but the API does not say which, so the total is an upper bound.
// - Cost: $0.10 per GB-month, GB = 10^9 bytes (decimal, as Vercel's pricing pages write GB).
// - Pushes per day: images created per UTC day over the last 30 days (UTC so everyone, and
//   the API's own timestamps, agree on where a day starts). Re-tagging an existing image
//   creates no image, so it is not a push here.
import type { ImageListItem } from '../../api/schemas';

export const PRICE_PER_GB_MONTH_USD = 0.1;
export const BYTES_PER_GB = 1e9;
export const PUSH_HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;

type CountedImage = Pick<
  ImageListItem,
  'id' | 'manifestDigest' | 'sizeInBytes' | 'tags' | 'createdAt'
>;

export interface StorageTotals {
  images: number;
  untaggedImages: number;
  tags: number;
  bytes: number;
  /** The part of `bytes` in images no tag points at (what a cleanup could free). */
  untaggedBytes: number;
}

export function uniqueImages<T extends CountedImage>(images: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const img of images) {
    const key = img.id || img.manifestDigest;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(img);
  }
  return out;
}

export function storageTotals(images: readonly CountedImage[]): StorageTotals {
  const unique = uniqueImages(images);
  const tags = new Set<string>();
  let bytes = 0;
  let untagged = 0;
  let untaggedBytes = 0;
  for (const img of unique) {
    const size = Math.max(0, img.sizeInBytes);
    bytes += size;
    if (img.tags.length === 0) {
      untagged++;
      untaggedBytes += size;
    }
    for (const t of img.tags) tags.add(t);
  }
  return { images: unique.length, untaggedImages: untagged, tags: tags.size, bytes, untaggedBytes };
}

/** Estimated monthly storage cost in US dollars (unrounded). */
export function monthlyCostUsd(bytes: number): number {
  return (Math.max(0, bytes) / BYTES_PER_GB) * PRICE_PER_GB_MONTH_USD;
}

/** `$1.23`; a cost above zero that would round to $0.00 reads `< $0.01`, never `$0.00`. */
export function formatUsd(amount: number, locale?: string): string {
  const f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
  if (amount > 0 && amount < 0.005) return `< ${f.format(0.01)}`;
  return f.format(amount);
}

/**
 * `12.3 GB` in decimal units, matching the price's GB: only for the cost line. Every stored
 * size reads in src/lib/format's formatBytes units, like the rows it sums.
 */
export function formatDecimalGb(bytes: number, locale?: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: bytes < 1e8 ? 3 : 2 }).format(bytes / BYTES_PER_GB)} GB`;
}

export interface DayBucket {
  /** Midnight UTC of the day, ms. */
  day: number;
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  count: number;
}

/** The last `days` UTC days ending with today's, oldest first, with the images created in each. */
export function pushesPerDay(
  images: readonly Pick<ImageListItem, 'createdAt'>[],
  now: number,
  days = PUSH_HISTORY_DAYS,
): DayBucket[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const first = today - (days - 1) * DAY_MS;
  const buckets: DayBucket[] = Array.from({ length: days }, (_, i) => {
    const day = first + i * DAY_MS;
    return { day, date: new Date(day).toISOString().slice(0, 10), count: 0 };
  });
  for (const img of images) {
    const t = Date.parse(img.createdAt);
    if (!Number.isFinite(t) || t < first || t >= today + DAY_MS) continue;
    buckets[Math.floor((t - first) / DAY_MS)]!.count++;
  }
  return buckets;
}

export type UsageLevel = 'ok' | 'near' | 'over';

/** 80% of a limit is "near" (time to clean up); at or past it is "over". */
export function usageLevel(used: number, limit: number): UsageLevel {
  if (used >= limit) return 'over';
  return used >= limit * 0.8 ? 'near' : 'ok';
}
