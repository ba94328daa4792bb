// A relative time that stays current (one shared clock) with the exact local time on hover.
import { formatExactTime, formatRelative, relativeRefreshMs } from '../lib/format';
import { SERVER_LOCALE, SERVER_TIME_ZONE } from '../lib/render-context';
import { useHydrated } from '../lib/use-hydrated';
import { useNow } from '../lib/use-now';

export function RelativeTime({ value, className }: { value: string; className?: string }) {
  // The refresh rate depends on the age, so recent times count seconds and old ones are quiet.
  const now = useNow(relativeRefreshMs(value));
  // Server HTML (and its hydration) in the server's locale; the reader's right after.
  const hydrated = useHydrated();
  const locale = hydrated ? undefined : SERVER_LOCALE;
  const exact = formatExactTime(value, locale, hydrated ? undefined : SERVER_TIME_ZONE);
  return (
    <time dateTime={value} title={exact} className={className}>
      {formatRelative(value, now, locale)}
    </time>
  );
}
