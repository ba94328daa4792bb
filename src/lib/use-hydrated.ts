// False while the server renders and while the client hydrates that HTML, true from the
// render right after. What the server cannot know (the reader's locale, time zone, browser
// features) is rendered the server's way first, so hydration finds the same HTML, and then
// the reader's way in one small re-render. With createRoot (no server HTML) it is true at once.
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
