// What the "Go to" box says after a submit: looking up (with progress), the error, or the
// repositories to choose from; on a single answer it navigates.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { scopeFromSearchParams } from '../../api/scope';
import { resolveGoTo, type GoToResult as Result } from './resolve-go-to';

type State = Exclude<Result, { kind: 'go' }> | { kind: 'busy'; message: string };

export function GoToResult({
  id,
  className,
  request,
  onDone,
}: {
  id: string;
  /** The box's message style, shared with its "Looking up…" while this chunk loads. */
  className: string;
  request: { input: string };
  onDone: () => void;
}) {
  const [state, setState] = useState<State>({ kind: 'busy', message: 'Looking up…' });
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    let live = true;
    setState({ kind: 'busy', message: 'Looking up…' });
    const repo = /^\/repositories\/([^/]+)/.exec(location.pathname)?.[1];
    void resolveGoTo(queryClient, request.input, {
      scope: scopeFromSearchParams(new URLSearchParams(location.search)),
      repo: repo ? decodeURIComponent(repo) : null,
      origin: window.location.origin,
      onProgress: (message) => live && setState({ kind: 'busy', message }),
    }).then((result) => {
      if (!live) return;
      if (result.kind === 'go') {
        onDone();
        navigate(result.path);
      } else setState(result);
    });
    return () => {
      live = false;
    };
    // Only a new request starts a look-up; the page it was made on is read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  return (
    <div id={id} role={state.kind === 'error' ? 'alert' : 'status'} className={className}>
      <p className={state.kind === 'error' ? 'text-danger-fg' : 'text-fg'}>{state.message}</p>
      {state.kind === 'choose' ? (
        <ul className="mt-1 space-y-1">
          {state.choices.map((c) => (
            <li key={c.path}>
              <Link to={c.path} className="font-mono underline underline-offset-2">
                {c.label}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
