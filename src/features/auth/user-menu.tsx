// Who is signed in (initials: the CSP keeps remote avatars out) and the Sign out control.
// Sign out is a plain form POST: the server revokes the tokens at Vercel and clears the
// session cookie, which page JS never sees.
import { useEffect, useId, useRef, useState } from 'react';
import type { AuthUser } from '../../api/dashboard-config';
import { cn } from '../../lib/cn';

const MODE_TEXT: Record<string, string> = {
  'per-user': 'Reading the registry with your own Vercel access.',
  'allow-list': "Reading the registry with this dashboard's token; your account is on its list.",
};

export function UserMenu({ user, mode }: { user: AuthUser; mode: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const label = user.username ? `@${user.username}` : (user.email ?? user.name);
  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Account: signed in as ${user.name}${user.username ? ` (@${user.username})` : ''}`}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex h-8 items-center gap-2 rounded-full border border-border bg-surface pl-0.5 pr-3 text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        <span
          aria-hidden="true"
          data-testid="user-initials"
          className="inline-flex h-7 w-7 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-fg"
        >
          {user.initials}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{label}</span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={cn(
          'absolute right-0 z-40 mt-2 w-72 space-y-3 rounded-lg border border-border bg-surface p-4 text-sm shadow-lg',
        )}
      >
        <div>
          <p className="font-medium text-fg">{user.name}</p>
          {user.username ? <p className="text-muted-fg">@{user.username}</p> : null}
          {user.email ? <p className="truncate text-muted-fg">{user.email}</p> : null}
        </div>
        <p className="text-muted-fg">{MODE_TEXT[mode] ?? 'Signed in with Vercel.'}</p>
        <form method="post" action="/auth/logout">
          <button
            type="submit"
            className="inline-flex h-9 w-full items-center justify-center rounded-md border border-border bg-bg px-3 font-medium text-fg hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          >
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
