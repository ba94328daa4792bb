// Which formatting a render uses: the plain en-US/UTC forms (lib/format.ts, no Intl) while the
// server renders and the client hydrates, and for a reader whose own locale and zone are
// exactly those; the reader's Intl forms otherwise, from the render after hydration.
import { useHydrated } from './use-hydrated';

function readerIsPlain(): boolean {
  return navigator.language === 'en-US' && new Date().getTimezoneOffset() === 0;
}

/** True: format with Intl in the reader's locale; false: the plain en-US/UTC forms. */
export function useReaderFormat(): boolean {
  return useHydrated() && !readerIsPlain();
}
