// A relative time that stays current (one shared clock) with the exact local time on hover.
import {
  formatExactTime,
  formatExactTimePlain,
  formatRelative,
  formatRelativePlain,
  relativeRefreshMs,
} from '../lib/format';
import { useNow } from '../lib/use-now';
import { useReaderFormat } from '../lib/use-reader-format';

export function RelativeTime({ value, className }: { value: string; className?: string }) {
  // The refresh rate depends on the age, so recent times count seconds and old ones are quiet.
  const now = useNow(relativeRefreshMs(value));
  // Server HTML (and its hydration) in plain en-US/UTC; the reader's locale right after.
  const intl = useReaderFormat();
  const exact = intl ? formatExactTime(value) : formatExactTimePlain(value);
  return (
    <time dateTime={value} title={exact} className={className}>
      {intl ? formatRelative(value, now) : formatRelativePlain(value, now)}
    </time>
  );
}
