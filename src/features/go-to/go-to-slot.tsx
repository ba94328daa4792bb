// The header's "Go to" box: paste a reference, digest, image id or dashboard link and press
// Enter. This file is in the tag deep link's first-load chunk, so it holds only the input,
// its form and the `g` shortcut; the resolver (./go-to-result) is a lazy chunk, fetched when
// the box is first wanted (focus or `g`) and shown on the first submit.
//
// The input is one real <input> from the first render, never swapped for another: a box that
// was replaced when its chunk arrived lost what was typed or pasted in between (issue 16).
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';

const loadResult = () => import('./go-to-result');
const GoToResult = lazy(() => loadResult().then((m) => ({ default: m.GoToResult })));

export const GO_TO_LABEL = 'Go to a reference, digest, image id or dashboard link (Enter opens)';
export const GO_TO_INPUT_CLASS =
  'h-8 w-full rounded-md border border-border bg-surface pl-2 pr-8 font-mono text-xs text-fg placeholder:font-sans placeholder:text-muted-fg';
/** Set by public/ssr-boot.js on a submit that came before hydration. */
export const PENDING_SUBMIT = 'data-pending-submit';
const MESSAGE_CLASS =
  'absolute left-0 right-0 top-9 z-40 rounded-md border border-border bg-bg p-2 text-sm shadow-lg';

/** `g` alone, not while typing in a field (nor someone else's Ctrl/Cmd/Alt+G). */
export function isGoToShortcut(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (e.key !== 'g' || e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return false;
  return !(t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)));
}

export function GoToSlot() {
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Each submit is a new request object, so submitting the same text again looks it up again.
  const [request, setRequest] = useState<{ input: string } | null>(null);
  const { pathname } = useLocation();
  const id = useId();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (!isGoToShortcut(e)) return;
      // Focus in the keydown itself, so the very next key already lands in the box.
      e.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A message belongs to the page it was given on.
  useEffect(() => setRequest(null), [pathname]);

  // An Enter pressed on the server-rendered page before hydration was held by
  // public/ssr-boot.js: carry it out now, with what the box holds
  // (after the effect above, which clears any message on mount).
  useEffect(() => {
    const form = formRef.current;
    if (!form?.hasAttribute(PENDING_SUBMIT)) return;
    form.removeAttribute(PENDING_SUBMIT);
    setRequest({ input: inputRef.current?.value ?? '' });
  }, []);

  return (
    <div className="relative order-last w-full min-w-0 sm:order-none sm:w-auto sm:max-w-md sm:flex-1">
      <form
        ref={formRef}
        role="search"
        aria-label="Go to a reference"
        onSubmit={(e) => {
          e.preventDefault();
          setRequest({ input: inputRef.current?.value ?? '' });
        }}
      >
        {/* Uncontrolled: what the browser put in it is the value, whatever has loaded. */}
        <input
          ref={inputRef}
          onFocus={() => void loadResult()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setRequest(null);
              e.currentTarget.blur();
            }
          }}
          aria-label={GO_TO_LABEL}
          placeholder="Go to reference…"
          aria-keyshortcuts="g"
          aria-describedby={request ? id : undefined}
          autoComplete="off"
          spellCheck={false}
          className={GO_TO_INPUT_CLASS}
        />
        {request ? (
          <Suspense
            fallback={
              <div id={id} role="status" className={MESSAGE_CLASS}>
                Looking up…
              </div>
            }
          >
            <GoToResult
              id={id}
              className={MESSAGE_CLASS}
              request={request}
              onDone={() => {
                if (inputRef.current) inputRef.current.value = '';
                setRequest(null);
                inputRef.current?.blur();
              }}
            />
          </Suspense>
        ) : null}
      </form>
      <kbd
        aria-hidden="true"
        className="pointer-events-none absolute right-2 top-1.5 rounded border border-border bg-bg px-1 font-mono text-xs text-muted-fg"
      >
        g
      </kbd>
    </div>
  );
}
