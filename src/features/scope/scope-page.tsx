// The start page: choose a project (and team), reopen a recent one, or paste an image
// reference to jump straight to its tag or image.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { dashboardConfigQueryOptions } from '../../api/dashboard-config';
import type { Scope } from '../../api/scope';
import { Button } from '../../components/button';
import { looksLikeImageReference, parseImageReference } from '../../lib/image-reference';
import {
  forgetScope,
  loadRecentScopes,
  rememberScope,
  type RecentScope,
} from '../../lib/recent-scopes';
import { repositoriesPath } from './paths';
import { referenceLookupMessage, resolveReferencePath } from './resolve-reference';
import { describeScope, parseScopeForm } from './scope-form-logic';
import { useDocumentTitle } from './use-document-title';

const SOURCE_LABEL: Record<string, string> = {
  env: 'VERCEL_ORG_ID / VERCEL_PROJECT_ID',
  'vercel-project-json': '.vercel/project.json',
  emulator: 'the emulator’s demo project',
};

export function ScopePage() {
  useDocumentTitle('Choose a project');
  const [params] = useSearchParams();
  const choosing = params.has('choose');
  const config = useQuery(dashboardConfigQueryOptions());
  const [recent, setRecent] = useState<RecentScope[]>(loadRecentScopes);
  const defaultScope = config.data?.defaultScope ?? null;

  // A server started inside a linked project lands its user on that project's repositories.
  if (!choosing && recent.length === 0 && defaultScope) {
    return <Navigate replace to={repositoriesPath(defaultScope)} />;
  }
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="text-2xl font-semibold">Choose a project</h1>
      <ReferenceForm />
      <ScopeForm />
      {recent.length > 0 ? (
        <section aria-labelledby="recent-title" className="space-y-2">
          <h2 id="recent-title" className="text-lg font-semibold">
            Recent on this device
          </h2>
          <ul className="divide-y divide-border rounded-lg border border-border">
            {recent.map((s) => (
              <li
                key={describeScope(s)}
                className="flex items-center justify-between gap-3 px-3 py-2"
              >
                <Link
                  to={repositoriesPath(s)}
                  onClick={() => rememberScope(s, s.label)}
                  className="font-medium underline-offset-2 hover:underline"
                >
                  {s.label ? `${s.label} (${describeScope(s)})` : describeScope(s)}
                </Link>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Forget ${describeScope(s)}`}
                  onClick={() => setRecent(forgetScope(s))}
                >
                  Forget
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {defaultScope ? (
        <p className="text-sm text-muted-fg">
          Server default:{' '}
          <Link to={repositoriesPath(defaultScope)} className="underline">
            {describeScope(defaultScope)}
          </Link>{' '}
          (from {SOURCE_LABEL[defaultScope.source] ?? defaultScope.source}).
        </p>
      ) : null}
    </div>
  );
}

function FieldError({ id, message }: { id: string; message?: string | undefined }) {
  return message ? (
    <p id={id} className="text-sm text-danger-fg">
      {message}
    </p>
  ) : null;
}

function ScopeForm() {
  const navigate = useNavigate();
  const [project, setProject] = useState('');
  const [team, setTeam] = useState('');
  const [errors, setErrors] = useState<{ project?: string; team?: string }>({});
  const projectId = useId();
  const teamId = useId();
  const referenceNav = useReferenceNavigation();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (looksLikeImageReference(project)) {
      // Pasted into the wrong box: still take the user where they meant to go.
      void referenceNav.go(project);
      return;
    }
    const result = parseScopeForm(project, team);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    rememberScope(result.scope);
    navigate(repositoriesPath(result.scope));
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-lg border border-border p-4"
      aria-labelledby="scope-form-title"
    >
      <h2 id="scope-form-title" className="text-lg font-semibold">
        Open a project
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={projectId} className="text-sm font-medium">
            Project id or name
          </label>
          <input
            id={projectId}
            name="projectId"
            value={project}
            onChange={(e) => setProject(e.target.value)}
            placeholder="prj_… or storefront"
            aria-invalid={errors.project ? true : undefined}
            aria-describedby={errors.project ? `${projectId}-error` : undefined}
            autoComplete="off"
            className="h-9 w-full rounded-md border border-border bg-bg px-2 text-fg"
          />
          <FieldError id={`${projectId}-error`} message={errors.project} />
        </div>
        <div className="space-y-1">
          <label htmlFor={teamId} className="text-sm font-medium">
            Team id or slug <span className="font-normal text-muted-fg">(optional)</span>
          </label>
          <input
            id={teamId}
            name="team"
            value={team}
            onChange={(e) => setTeam(e.target.value)}
            placeholder="team_… or acme"
            aria-invalid={errors.team ? true : undefined}
            aria-describedby={errors.team ? `${teamId}-error` : undefined}
            autoComplete="off"
            className="h-9 w-full rounded-md border border-border bg-bg px-2 text-fg"
          />
          <FieldError id={`${teamId}-error`} message={errors.team} />
        </div>
      </div>
      <Button type="submit" variant="primary">
        Show repositories
      </Button>
      {referenceNav.error ? (
        <p role="alert" className="text-sm text-danger-fg">
          {referenceNav.error}
        </p>
      ) : null}
    </form>
  );
}

function useReferenceNavigation() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function go(input: string) {
    const parsed = parseImageReference(input);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const { path, scope } = await resolveReferencePath(queryClient, parsed.ref);
      rememberScope(scope as Scope, `${parsed.ref.team}/${parsed.ref.project}`);
      navigate(path);
    } catch (e) {
      setError(referenceLookupMessage(e, parsed.ref));
    } finally {
      setBusy(false);
    }
  }
  return { go, error, busy };
}

function ReferenceForm() {
  const [value, setValue] = useState('');
  const inputId = useId();
  const nav = useReferenceNavigation();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void nav.go(value);
      }}
      noValidate
      className="space-y-3 rounded-lg border border-border p-4"
      aria-labelledby="reference-form-title"
    >
      <h2 id="reference-form-title" className="text-lg font-semibold">
        Open an image reference
      </h2>
      <div className="space-y-1">
        <label htmlFor={inputId} className="text-sm font-medium">
          Image reference
        </label>
        <input
          id={inputId}
          name="reference"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="vcr.vercel.com/acme/storefront/web-app:latest"
          aria-invalid={nav.error ? true : undefined}
          aria-describedby={nav.error ? `${inputId}-error` : `${inputId}-hint`}
          autoComplete="off"
          spellCheck={false}
          className="h-9 w-full rounded-md border border-border bg-bg px-2 font-mono text-sm text-fg"
        />
        <p id={`${inputId}-hint`} className="text-sm text-muted-fg">
          A tag (<code className="font-mono">…/repo:tag</code>) or a digest (
          <code className="font-mono">…/repo@sha256:…</code>), as{' '}
          <code className="font-mono">docker pull</code> takes it.
        </p>
        {nav.error ? (
          <p id={`${inputId}-error`} role="alert" className="text-sm text-danger-fg">
            {nav.error}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="primary" disabled={nav.busy}>
        {nav.busy ? 'Looking up…' : 'Open'}
      </Button>
    </form>
  );
}
