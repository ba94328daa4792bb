// Which token the dashboard uses, and (only when the server has none) a place to paste one
// for this tab. The pasted token lives in sessionStorage: it never reaches a URL, a cookie
// or localStorage, and it goes only to this server's /api.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { dashboardConfigQueryOptions, type DashboardConfig } from '../../api/dashboard-config';
import { userQueryOptions } from '../../api/get-user';
import { clearSessionToken, getSessionToken, setSessionToken } from '../../api/session-token';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { Skeleton } from '../../components/skeleton';
import { PlanSection } from './plan-section';
import {
  normalisePastedToken,
  pastedTokenProblem,
  TOKEN_SOURCE_LABELS,
  tokenSource,
} from './token-source';

export function SettingsPage() {
  useEffect(() => {
    document.title = 'Settings · VCR Dashboard';
  }, []);
  const config = useQuery(dashboardConfigQueryOptions());
  return (
    <section aria-labelledby="settings-title" className="max-w-2xl space-y-6">
      <h1 id="settings-title" className="text-2xl font-semibold">
        Settings
      </h1>
      {config.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : config.isError ? (
        <ErrorPanel error={config.error} onRetry={() => void config.refetch()} />
      ) : (
        <TokenSection config={config.data} />
      )}
      <PlanSection />
    </section>
  );
}

function TokenSection({ config }: { config: DashboardConfig }) {
  const queryClient = useQueryClient();
  const [sessionToken, setTokenState] = useState(() => getSessionToken());
  const source = tokenSource(config, sessionToken);

  // Everything cached was fetched as someone else: drop it (but keep the server's settings).
  const forgetCachedData = () =>
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'dashboard-config' });

  const signIn = (token: string) => {
    setSessionToken(token);
    forgetCachedData();
    setTokenState(getSessionToken());
  };
  const signOut = () => {
    clearSessionToken();
    forgetCachedData();
    setTokenState(null);
  };

  return (
    <div className="space-y-4 rounded-lg border border-border bg-surface p-4">
      <h2 className="text-lg font-semibold">API token</h2>
      <p>
        Token in use: <strong data-testid="token-source">{TOKEN_SOURCE_LABELS[source]}</strong>
      </p>
      {source === 'signin' ? (
        <>
          <p className="text-sm text-muted-fg">
            Each request carries your own Vercel access token, which the server adds from your
            sign-in session. This page never sees it, so there is nothing to paste here. Sign out
            from the account menu in the header.
          </p>
          <SignedInAs />
        </>
      ) : source === 'emulator' ? (
        <p className="text-sm text-muted-fg">
          The server answers <code className="font-mono">/api</code> from its embedded emulator with
          demo data and signs each request with the demo seed&apos;s token. To use your own Vercel
          account, restart the server with <code className="font-mono">VERCEL_TOKEN</code> set.
        </p>
      ) : source === 'server' ? (
        <>
          <p className="text-sm text-muted-fg">
            The server adds its own token (from <code className="font-mono">VERCEL_TOKEN</code>) to
            every request it forwards to the Vercel API. This page never sees it, so there is
            nothing to paste here. To use another account, restart the server with another token.
          </p>
          <SignedInAs />
        </>
      ) : source === 'tab' ? (
        <>
          <p className="text-sm text-muted-fg">
            The server has no token of its own, so requests from this tab carry the token you
            pasted. It is kept only in this tab&apos;s session storage and forgotten when the tab
            closes or you sign out.
          </p>
          <SignedInAs />
          <Button onClick={signOut}>Sign out</Button>
        </>
      ) : (
        <PasteTokenForm onSubmit={signIn} />
      )}
      {source !== 'tab' && source !== 'none' && sessionToken ? (
        <p className="text-sm">
          This tab also holds a pasted token, which is not used while the server has its own.{' '}
          <Button size="sm" onClick={signOut}>
            Forget it
          </Button>
        </p>
      ) : null}
    </div>
  );
}

function SignedInAs() {
  const user = useQuery(userQueryOptions());
  if (user.isPending) return <p className="text-sm text-muted-fg">Checking the token…</p>;
  if (user.isError) {
    const e = user.error;
    const refused = isApiError(e) && (e.status === 401 || e.status === 403);
    return (
      <p role="alert" className="rounded-md bg-danger p-2 text-sm text-danger-fg">
        {refused
          ? `The Vercel API refused this token: ${e.message}`
          : `Could not check the token: ${e instanceof Error ? e.message : String(e)}`}
      </p>
    );
  }
  return (
    <p className="text-sm" data-testid="signed-in-as">
      Signed in as <strong>{user.data.user.username}</strong>
    </p>
  );
}

function PasteTokenForm({ onSubmit }: { onSubmit: (token: string) => void }) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const reason = pastedTokenProblem(value);
    setProblem(reason);
    if (!reason) {
      onSubmit(normalisePastedToken(value));
      setValue('');
    }
  };

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <p className="text-sm text-muted-fg" id={hintId}>
        The server has no token of its own. Paste a Vercel access token (create one at
        vercel.com/account/tokens, scoped to the team that owns the project) to use it from this tab
        only: it stays in this tab&apos;s session storage, goes only to this server&apos;s{' '}
        <code className="font-mono">/api</code>, and is forgotten when the tab closes or you sign
        out.
      </p>
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium">
          Vercel token
        </label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
          aria-invalid={problem ? true : undefined}
          className="h-9 w-full rounded-md border border-border bg-bg px-2 font-mono text-sm focus-visible:outline-2 focus-visible:outline-ring"
        />
        {problem ? (
          <p id={errorId} role="alert" className="text-sm text-danger-fg bg-danger rounded-md p-2">
            {problem}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="primary">
        Use this token in this tab
      </Button>
    </form>
  );
}
