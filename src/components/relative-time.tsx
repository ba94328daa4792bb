// A relative time that stays current (one shared clock) with the exact local time on hover.
import { formatExactTime, formatRelative, relativeRefreshMs } from '../lib/format';
import { useNow } from '../lib/use-now';

export function RelativeTime({ value, className }: { value: string; className?: string }) {
  // The refresh rate depends on the age, so recent times count seconds and old ones are quiet.
  const now = useNow(relativeRefreshMs(value));
  const exact = formatExactTime(value);
  return (
    <time dateTime={value} title={exact} className={className}>
      {formatRelative(value, now)}
    </time>
  );
}
