// Copy with the Clipboard API. The result is announced (aria-live), and when the browser
// refuses (no permission, insecure context) the user is told how to copy by hand.
import { useEffect, useRef, useState } from 'react';
import { Button } from './button';
import { cn } from '../lib/cn';

export interface CopyButtonProps {
  value: string;
  /** Accessible name, e.g. "Copy digest". */
  label: string;
  /** Visible text when "Copy" alone would be ambiguous (e.g. "Copy link"). */
  text?: string;
  className?: string;
}

type State = 'idle' | 'copied' | 'failed';

export function CopyButton({ value, label, text = 'Copy', className }: CopyButtonProps) {
  const [state, setState] = useState<State>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    clearTimeout(timer.current);
    let ok: boolean;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      ok = true;
    } catch {
      ok = false;
    }
    setState(ok ? 'copied' : 'failed');
    // A failure stays longer: the user needs time to read how to copy by hand.
    timer.current = setTimeout(() => setState('idle'), ok ? 2000 : 8000);
  }

  return (
    <span className={cn('inline-flex items-center gap-2', className)}>
      <Button size="sm" variant="secondary" onClick={copy} aria-label={label} title={label}>
        {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
        <span aria-hidden="true">{state === 'copied' ? 'Copied' : text}</span>
      </Button>
      <span role="status" aria-live="polite" className="text-xs text-muted-fg">
        {state === 'copied' ? <span className="sr-only">Copied</span> : null}
        {state === 'failed' ? 'Copy blocked by the browser: select the text and press Ctrl+C.' : ''}
      </span>
    </span>
  );
}

function CopyIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className="size-3.5"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
    >
      <rect x="5" y="5" width="9" height="9" rx="1.5" />
      <path d="M3 11V3a1 1 0 0 1 1-1h7" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className="size-3.5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="m3 8.5 3 3 7-7" />
    </svg>
  );
}
