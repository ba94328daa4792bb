// The header's place for the "Go to" box. This file is in the tag deep link's first-load
// chunk, so it holds only a stand-in that looks like the box, and the `g` shortcut; the box
// itself (./go-to-box, with its resolver) is a lazy chunk loaded the first time it is
// wanted: `g`, a click, or Tab onto the stand-in. It then takes the focus at once.
import { lazy, Suspense, useEffect, useState } from 'react';

const GoToBox = lazy(() => import('./go-to-box').then((m) => ({ default: m.GoToBox })));

export const GO_TO_LABEL = 'Go to a reference, digest, image id or dashboard link';
export const GO_TO_INPUT_CLASS =
  'h-8 w-full rounded-md border border-border bg-surface pl-2 pr-8 font-mono text-xs text-fg placeholder:font-sans placeholder:text-muted-fg';

/** `g` alone, not while typing in a field (nor someone else's Ctrl/Cmd/Alt+G). */
export function isGoToShortcut(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (e.key !== 'g' || e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return false;
  return !(t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)));
}

export function GoToSlot() {
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (wanted) return;
    function onKey(e: KeyboardEvent) {
      if (!isGoToShortcut(e)) return;
      e.preventDefault();
      setWanted(true);
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [wanted]);

  const standIn = (
    <input
      readOnly
      aria-label={GO_TO_LABEL}
      aria-keyshortcuts="g"
      placeholder="Go to reference…"
      onFocus={() => setWanted(true)}
      className={GO_TO_INPUT_CLASS}
    />
  );
  return (
    <div className="relative min-w-0 max-w-md flex-1">
      {wanted ? (
        <Suspense fallback={standIn}>
          <GoToBox />
        </Suspense>
      ) : (
        standIn
      )}
      <kbd
        aria-hidden="true"
        className="pointer-events-none absolute right-2 top-1.5 rounded border border-border bg-bg px-1 font-mono text-xs text-muted-fg"
      >
        g
      </kbd>
    </div>
  );
}
