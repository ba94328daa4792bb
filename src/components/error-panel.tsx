// Every failure explained with a way forward, one message per kind of failure, never a blank
// page. Pages pass what they know (the scope, a not-found message, a link back).
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { isApiError, type ApiError } from '../api/api-error';
import type { Scope } from '../api/scope';
import { cn } from '../lib/cn';
import { useNow } from '../lib/use-now';
import { Button } from './button';
import { CopyButton } from './copy-button';

export interface ErrorPanelProps {
  error: unknown;
  /** Which team/project the request was for: a 403 names it. */
  scope?: Scope | null;
  /** A 404 says what was not found (e.g. "Tag x was not found in repository y."). */
  notFoundMessage?: string;
  /** The way back from a 404/410 (e.g. a link to the repository). */
  backLink?: { to: string; label: string };
  /** When the next automatic attempt happens (ms since epoch), for the countdown. */
  retryAt?: number;
  /** Whether an automatic retry is under way or scheduled. */
  retrying?: boolean;
  onRetry?: () => void;
  className?: string;
}

interface Explained {
  title: string;
  body: ReactNode;
  tone: 'danger' | 'warning';
}

function scopeText(scope?: Scope | null): string {
  if (!scope) return 'this scope';
  const team = scope.teamId
    ? ` in team ${scope.teamId}`
    : scope.slug
      ? ` in team ${scope.slug}`
      : ' in your personal account';
  return `project ${scope.projectId}${team}`;
}

export function explainError(
  error: unknown,
  { scope, notFoundMessage }: Pick<ErrorPanelProps, 'scope' | 'notFoundMessage'> = {},
): Explained {
  if (!isApiError(error)) {
    return {
      title: 'Something went wrong',
      body: error instanceof Error ? error.message : 'An unexpected error occurred.',
      tone: 'danger',
    };
  }
  const e: ApiError = error;
  if (e.kind === 'invalid-input') {
    return { title: 'This link cannot be opened', body: e.message, tone: 'danger' };
  }
  if (e.kind === 'invalid-response') {
    return {
      title: 'Unexpected response from the API',
      body: `${e.message} The dashboard may be older than the API; report this with the request id below.`,
      tone: 'danger',
    };
  }
  if (e.kind === 'network' || e.kind === 'timeout') {
    return {
      title: e.kind === 'timeout' ? 'The API is not answering' : 'Cannot reach the API',
      body: `${e.message} This page recovers by itself when the connection is back.`,
      tone: 'warning',
    };
  }
  switch (e.status) {
    case 400:
      return { title: 'The API refused this request', body: e.message, tone: 'danger' };
    case 401:
      if (e.code === 'not_signed_in' || e.code === 'session_expired') {
        // Sign in with Vercel: a full navigation, so the server's sign-in brings the user back
        // to this very page.
        const here =
          typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search;
        return {
          title: 'Your sign-in has ended',
          body: (
            <>
              {e.message}{' '}
              <a href={`/auth/login?returnTo=${encodeURIComponent(here)}`} className="underline">
                Sign in again
              </a>
            </>
          ),
          tone: 'danger',
        };
      }
      return {
        title: 'Not signed in to the Vercel API',
        body: (
          <>
            The API did not accept the token in use ({e.message}). Either start the dashboard server
            with <code className="font-mono">VERCEL_TOKEN=&lt;token&gt;</code> (create one at
            vercel.com/account/tokens), or{' '}
            <Link to="/settings" className="underline">
              paste a token in Settings
            </Link>{' '}
            (kept only in this browser tab).
          </>
        ),
        tone: 'danger',
      };
    case 403:
      return {
        title: 'No access to this scope',
        // With sign-in the server knows why (membership, app installation): its words win.
        body:
          e.code === 'signin_forbidden' || e.code === 'not_allowed'
            ? e.message
            : `The token in use cannot read ${scopeText(scope)}. Check the projectId and teamId in the address, or use a token of a member of that team.`,
        tone: 'danger',
      };
    case 404:
      return {
        title: 'Not found',
        body: notFoundMessage ?? e.message,
        tone: 'danger',
      };
    case 410:
      return {
        title: 'No longer available',
        body: `The API says this is gone for good (410 Gone): ${e.message}`,
        tone: 'danger',
      };
    case 429:
      return {
        title: 'Too many requests',
        body: 'The API asked the dashboard to slow down.',
        tone: 'warning',
      };
    default:
      if (e.status >= 500) {
        return {
          title: 'The API is having trouble',
          body: `It answered ${e.status}: ${e.message}. This page retries with backoff and recovers by itself.`,
          tone: 'warning',
        };
      }
      return { title: `The API answered ${e.status}`, body: e.message, tone: 'danger' };
  }
}

function Countdown({ at, rateLimited }: { at: number; rateLimited: boolean }) {
  const now = useNow(1000);
  // The alert would re-announce a ticking number every second: screen readers get the wait
  // once, as it was when the countdown started; the ticking digits are for the eye only.
  // From useNow, not Date.now(): hydration must render the server's number.
  const [initial] = useState(() => Math.max(0, Math.ceil((at - now) / 1000)));
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  const lead = rateLimited
    ? 'Waiting as the API asked (Retry-After): trying again'
    : 'Trying again';
  if (seconds === 0) return <p>Trying again now…</p>;
  return (
    <p>
      {lead} <span className="sr-only">in about {initial} s.</span>
      <span aria-hidden="true">
        in <span data-testid="retry-countdown">{seconds}</span> s.
      </span>
    </p>
  );
}

export function ErrorPanel({
  error,
  scope,
  notFoundMessage,
  backLink,
  retryAt,
  retrying,
  onRetry,
  className,
}: ErrorPanelProps) {
  const { title, body, tone } = explainError(error, { scope, notFoundMessage });
  const api = isApiError(error) ? error : undefined;
  return (
    <div
      role="alert"
      className={cn(
        'space-y-3 rounded-lg border border-border p-4',
        tone === 'danger' ? 'bg-danger text-danger-fg' : 'bg-warning text-warning-fg',
        className,
      )}
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="text-sm">{body}</div>
      {retrying && retryAt !== undefined ? (
        <div className="text-sm">
          <Countdown key={retryAt} at={retryAt} rateLimited={api?.status === 429} />
        </div>
      ) : retrying ? (
        <p className="text-sm">Retrying automatically…</p>
      ) : null}
      {api?.requestId ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>
            Request id (x-vercel-id): <code className="font-mono">{api.requestId}</code>
          </span>
          <CopyButton value={api.requestId} label="Copy request id" />
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {backLink ? (
          <Link
            to={backLink.to}
            className="inline-flex h-9 items-center rounded-md border border-border bg-surface px-3 text-sm font-medium text-fg hover:bg-muted"
          >
            {backLink.label}
          </Link>
        ) : null}
        {onRetry && api?.status !== 429 ? (
          <Button onClick={onRetry} variant="secondary">
            Try again now
          </Button>
        ) : null}
      </div>
    </div>
  );
}
