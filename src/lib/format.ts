// Formatting shared by every page; everything but sizes goes through Intl so it follows the
// reader's locale.
//
// Sizes have ONE convention, used wherever a size appears (tag rows, tag page, image page,
// layers, platforms, storage panel): the official Vercel CLI's digits (1024-based, one
// decimal), so a number read in the dashboard matches the one in a terminal. The unit is
// written KiB/MiB/GiB, not the CLI's "MB": the storage panel's cost line has to speak Vercel's
// billing GB (10⁹ bytes), and a 1024-based "GB" beside it would read as the same unit when it
// is 7% bigger. Exact bytes go in a title (formatExactBytes) or beside the figure.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/**
 * 1024-based, one decimal, trailing `.0` dropped, the CLI's digits (`36.9MB`) with an IEC unit
 * and a space: 38693274 → `36.9 MiB`, 2097152 → `2 MiB`, 512 → `512 B`.
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '–';
  let i = 0;
  while (i < UNITS.length - 1 && n >= 1024 ** (i + 1)) i++;
  const value = (n / 1024 ** i).toFixed(1).replace(/\.0$/, '');
  return `${value} ${UNITS[i]}`;
}

let numberFormat: Intl.NumberFormat | undefined;
/** The exact count for hover text: `38,693,274 bytes`. */
export function formatExactBytes(n: number, locale?: string): string {
  if (!Number.isFinite(n) || n < 0) return 'unknown size';
  const f =
    locale === undefined
      ? (numberFormat ??= new Intl.NumberFormat())
      : new Intl.NumberFormat(locale);
  const digits = f.format(n);
  return `${digits} ${n === 1 ? 'byte' : 'bytes'}`;
}

/** The 12 hex characters the CLI's lists show: enough to recognise, short enough to scan. */
export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale?: string): Intl.RelativeTimeFormat {
  const key = locale ?? '';
  let f = relativeFormats.get(key);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(key, f);
  }
  return f;
}

export function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** `5 minutes ago`, `yesterday`, `in 2 hours` (clock skew), `now` for the last few seconds. */
export function formatRelative(
  value: Date | string | number,
  now: Date | number = Date.now(),
  locale?: string,
): string {
  return formatRelativeWith(relativeFormat(locale), value, now);
}

function formatRelativeWith(
  rtf: Pick<Intl.RelativeTimeFormat, 'format'>,
  value: Date | string | number,
  now: Date | number,
): string {
  const t = toDate(value).getTime();
  if (Number.isNaN(t)) return 'unknown time';
  const diff = t - (typeof now === 'number' ? now : now.getTime());
  const abs = Math.abs(diff);
  // A few seconds either way is "now": a server clock a little ahead must not read "in 2 s".
  if (abs < 10 * SECOND) return rtf.format(0, 'second');
  const sign = Math.sign(diff);
  if (abs < MINUTE) return rtf.format(sign * Math.floor(abs / SECOND), 'second');
  if (abs < HOUR) return rtf.format(sign * Math.floor(abs / MINUTE), 'minute');
  if (abs < DAY) return rtf.format(sign * Math.floor(abs / HOUR), 'hour');
  if (abs < MONTH) return rtf.format(sign * Math.floor(abs / DAY), 'day');
  if (abs < YEAR) return rtf.format(sign * Math.floor(abs / MONTH), 'month');
  return rtf.format(sign * Math.floor(abs / YEAR), 'year');
}

/** How often a relative label can change: refresh often only while it counts seconds. */
export function relativeRefreshMs(value: Date | string | number, now: number = Date.now()): number {
  const abs = Math.abs(toDate(value).getTime() - now);
  if (abs < MINUTE) return SECOND;
  if (abs < HOUR) return 15 * SECOND;
  return MINUTE;
}

let exactFormat: Intl.DateTimeFormat | undefined;
/** The exact local time, with zone, for hover text and screen readers. */
export function formatExactTime(
  value: Date | string | number,
  locale?: string,
  timeZone?: string,
): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return 'unknown time';
  const f =
    locale === undefined && timeZone === undefined
      ? (exactFormat ??= new Intl.DateTimeFormat(undefined, {
          dateStyle: 'medium',
          timeStyle: 'long',
        }))
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', timeZone });
  return f.format(d);
}

// The server's way (server/ssr) and hydration's: en-US and UTC, written out without Intl. The
// same text on both sides by construction, and no Intl formatter to create while hydrating
// (the first one loads locale data: a long task on a slow phone). A reader in en-US and UTC
// keeps it; everyone else gets the Intl forms once the page is hydrated (useReaderFormat).

/** `38,693,274 bytes`, as Intl's en-US. */
export function formatExactBytesPlain(n: number): string {
  if (!Number.isFinite(n) || n < 0) return 'unknown size';
  if (!Number.isInteger(n)) return formatExactBytes(n, 'en-US');
  const digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${digits} ${n === 1 ? 'byte' : 'bytes'}`;
}

const NEAR: Partial<Record<string, Record<string, string>>> = {
  second: { '0': 'now' },
  minute: { '0': 'this minute' },
  hour: { '0': 'this hour' },
  day: { '-1': 'yesterday', '0': 'today', '1': 'tomorrow' },
  month: { '-1': 'last month', '0': 'this month', '1': 'next month' },
  year: { '-1': 'last year', '0': 'this year', '1': 'next year' },
};

/** Intl.RelativeTimeFormat('en-US', { numeric: 'auto' }) for the units formatRelative uses. */
function relativePlain(value: number, unit: string): string {
  const near = NEAR[unit]?.[String(value)];
  if (near) return near;
  const n = Math.abs(value);
  const words = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return value < 0 || Object.is(value, -0) ? `${words} ago` : `in ${words}`;
}

const plainRelativeFormat = { format: relativePlain } as Pick<Intl.RelativeTimeFormat, 'format'>;

/** formatRelative in en-US, without Intl. */
export function formatRelativePlain(
  value: Date | string | number,
  now: Date | number = Date.now(),
): string {
  return formatRelativeWith(plainRelativeFormat, value, now);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `Jan 5, 2026, 8:12:00 AM UTC`: formatExactTime in en-US and UTC, without Intl. */
export function formatExactTimePlain(value: Date | string | number): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return 'unknown time';
  const h = d.getUTCHours();
  const time = `${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${time} UTC`;
}

/**
 * Creates the reader's-locale formatters that a tag page's first render uses, one per call.
 * The first Intl formatter of a page loads locale data (tens of ms on a slow phone); done in
 * idle moments while the first API answer is on its way, that cost stays out of the render
 * that shows the answer. Returns false when there is nothing left to prime.
 */
export function primeNextFormatter(): boolean {
  if (!numberFormat) formatExactBytes(0);
  else if (!exactFormat) formatExactTime(0);
  else if (!relativeFormats.has('')) relativeFormat();
  else return false;
  return true;
}
