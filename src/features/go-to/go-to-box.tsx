// The header's "Go to" box: paste a reference, digest, image id or dashboard link and press
// Enter. Lazy (see ./go-to-slot): it takes the focus when it mounts, since it mounts because
// the user asked for it, and keeps answering `g` afterwards.
import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { GoToResult } from './go-to-result';
import { GO_TO_INPUT_CLASS, GO_TO_LABEL, isGoToShortcut } from './go-to-slot';

export function GoToBox() {
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  // Each submit is a new request object, so submitting the same text again looks it up again.
  const [request, setRequest] = useState<{ input: string } | null>(null);
  const { pathname } = useLocation();
  const id = useId();

  useEffect(() => {
    inputRef.current?.focus();
    function onKey(e: KeyboardEvent) {
      if (!isGoToShortcut(e)) return;
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
        aria-label={`${GO_TO_LABEL} (Enter opens)`}
        placeholder="Go to reference…"
        aria-keyshortcuts="g"
        aria-describedby={request ? id : undefined}
        autoComplete="off"
        spellCheck={false}
        className={GO_TO_INPUT_CLASS}
      />
      {request ? (
        <GoToResult
          id={id}
          request={request}
          onDone={() => {
            setValue('');
            setRequest(null);
            inputRef.current?.blur();
          }}
        />
      ) : null}
    </form>
  );
}
