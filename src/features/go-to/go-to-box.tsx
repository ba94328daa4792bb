// The header's "Go to" box, on every page: paste a reference, digest, image id or dashboard
// link and press Enter. `g` focuses it from anywhere except while typing in a field. This
// file is in the tag deep link's first-load chunk, so it holds only the input and the
// shortcut; resolving and its messages load on the first submit (./go-to-result).
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';

const GoToResult = lazy(() => import('./go-to-result').then((m) => ({ default: m.GoToResult })));

export function GoToBox() {
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  // Each submit is a new request object, so submitting the same text again looks it up again.
  const [request, setRequest] = useState<{ input: string } | null>(null);
  const { pathname } = useLocation();
  const id = useId();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const t = e.target as HTMLElement | null;
      if (e.key !== 'g' || e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A message belongs to the page it was given on.
  useEffect(() => setRequest(null), [pathname]);

  return (
    <form
      role="search"
      aria-label="Go to a reference"
      className="relative min-w-0 max-w-md flex-1"
      onSubmit={(e) => {
        e.preventDefault();
        setRequest({ input: value });
      }}
    >
      <input
        ref={inputRef}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setRequest(null);
            e.currentTarget.blur();
          }
        }}
        aria-label="Go to a reference, digest, image id or dashboard link (Enter opens)"
        placeholder="Go to reference…"
        aria-keyshortcuts="g"
        aria-describedby={request ? id : undefined}
        autoComplete="off"
        spellCheck={false}
        className="h-8 w-full rounded-md border border-border bg-surface pl-2 pr-8 font-mono text-xs text-fg placeholder:font-sans placeholder:text-muted-fg"
      />
      <kbd
        aria-hidden="true"
        className="pointer-events-none absolute right-2 top-1.5 rounded border border-border bg-bg px-1 font-mono text-xs text-muted-fg"
      >
        g
      </kbd>
      {request ? (
        <Suspense fallback={null}>
          <GoToResult
            id={id}
            request={request}
            onDone={() => {
              setValue('');
              setRequest(null);
              inputRef.current?.blur();
            }}
          />
        </Suspense>
      ) : null}
    </form>
  );
}
