// The controls that change a repository: visibility, sharing, deletion. A lazy chunk, loaded
// only when the server allows writes. Making a repository public or deleting it asks for its
// name first, as Vercel's dashboard does.
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { RepositoryPermission } from '../../api/list-repository-permissions';
import type { Scope } from '../../api/scope';
import { parseTeamReference } from '../../api/team-reference';
import { Button } from '../../components/button';
import { toast } from '../../components/toast';
import { repositoriesPath } from '../scope/paths';
import { ConfirmDialog, TypeToConfirm } from './confirm-dialog';
import { DELETION_STARTED } from './delete-image-action';
import {
  useAddShare,
  useClearShares,
  useDeleteRepository,
  useRemoveShare,
  useSetVisibility,
} from './use-write-mutations';
import { describeWriteError } from './write-error';

export function VisibilityButton({
  scope,
  repo,
  isPublic,
}: {
  scope: Scope;
  repo: string;
  isPublic: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const mutation = useSetVisibility(scope, repo);
  const target = isPublic ? 'private' : 'public';
  return (
    <>
      <ConfirmDialog
        trigger={
          <Button
            size="sm"
            onClick={() => {
              setTyped('');
              mutation.reset();
              setOpen(true);
            }}
          >
            Make {target}…
          </Button>
        }
        open={open}
        onOpenChange={setOpen}
        title={`Make ${repo} ${target}?`}
        description={
          isPublic ? (
            <p>
              Only this team and the teams it is shared with will be able to pull its images. Pulls
              without credentials will start failing.
            </p>
          ) : (
            <p>
              Anyone on the internet will be able to pull every image in{' '}
              <span className="font-mono text-fg">{repo}</span>, without signing in. Make sure none
              of them holds secrets.
            </p>
          )
        }
        confirmLabel={`Make ${target}`}
        pendingLabel="Saving…"
        tone={isPublic ? 'default' : 'danger'}
        canConfirm={typed === repo}
        pending={mutation.isPending}
        error={
          mutation.isError ? describeWriteError(mutation.error, `make ${repo} ${target}`) : null
        }
        onConfirm={() =>
          mutation.mutate(!isPublic, {
            onSuccess: (r) => {
              setOpen(false);
              toast(`${repo} is now ${r.public ? 'public' : 'private'}.`, { tone: 'success' });
            },
          })
        }
      >
        <TypeToConfirm
          name={repo}
          value={typed}
          onChange={setTyped}
          disabled={mutation.isPending}
        />
      </ConfirmDialog>
    </>
  );
}

export function ShareForm({ scope, repo }: { scope: Scope; repo: string }) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useAddShare(scope, repo);
  const id = useId();
  function submit(e: FormEvent) {
    e.preventDefault();
    const team = parseTeamReference(value);
    if (!team) {
      setProblem('Enter a team ID (team_…) or a team slug (lowercase letters, digits and dashes).');
      return;
    }
    setProblem(null);
    mutation.mutate(team, {
      onSuccess: (p) => {
        setValue('');
        toast(`Shared ${repo} with ${p.teamSlug || p.teamId} (read-only).`, { tone: 'success' });
      },
    });
  }
  const error =
    problem ??
    (mutation.isError ? describeWriteError(mutation.error, 'share the repository') : null);
  return (
    <form onSubmit={submit} className="flex flex-col gap-1" aria-label="Share with a team">
      <label htmlFor={`${id}-team`} className="text-sm text-muted-fg">
        Share with a team (ID or slug)
      </label>
      <div className="flex gap-2">
        <input
          id={`${id}-team`}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setProblem(null);
          }}
          placeholder="team_… or team-slug"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="h-9 w-64 rounded-md border border-border bg-bg px-2 font-mono text-sm text-fg"
        />
        <Button type="submit" disabled={mutation.isPending || value.trim() === ''}>
          {mutation.isPending ? 'Sharing…' : 'Share'}
        </Button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-danger-fg">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function RemoveShareButton({
  scope,
  repo,
  share,
}: {
  scope: Scope;
  repo: string;
  share: RepositoryPermission;
}) {
  const mutation = useRemoveShare(scope, repo);
  const name = share.teamSlug || share.teamId;
  return (
    <span className="inline-flex items-center gap-2">
      {mutation.isError ? (
        <span role="alert" className="text-xs text-danger-fg">
          {describeWriteError(mutation.error, `stop sharing with ${name}`)}
        </span>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        disabled={mutation.isPending}
        aria-label={`Stop sharing with ${name}`}
        onClick={() =>
          mutation.mutate(share, {
            onSuccess: () =>
              toast(`${repo} is no longer shared with ${name}.`, { tone: 'success' }),
          })
        }
      >
        {mutation.isPending ? 'Removing…' : 'Remove'}
      </Button>
    </span>
  );
}

export function RemoveAllSharesButton({
  scope,
  repo,
  count,
}: {
  scope: Scope;
  repo: string;
  count: number;
}) {
  const [open, setOpen] = useState(false);
  const mutation = useClearShares(scope, repo);
  return (
    <>
      <ConfirmDialog
        trigger={
          <Button
            size="md"
            onClick={() => {
              mutation.reset();
              setOpen(true);
            }}
          >
            Remove all shares…
          </Button>
        }
        open={open}
        onOpenChange={setOpen}
        title={`Stop sharing ${repo} with every team?`}
        description={
          <p>
            {count === 1 ? 'The team' : `All ${count}${count >= 25 ? ' or more' : ''} teams`} it is
            shared with will lose read access at once.
          </p>
        }
        confirmLabel="Remove all shares"
        pendingLabel="Removing…"
        tone="danger"
        pending={mutation.isPending}
        error={mutation.isError ? describeWriteError(mutation.error, 'remove the shares') : null}
        onConfirm={() =>
          mutation.mutate(undefined, {
            onSuccess: () => {
              setOpen(false);
              toast(`${repo} is no longer shared with any team.`, { tone: 'success' });
            },
          })
        }
      />
    </>
  );
}

export function DeleteRepositoryButton({ scope, repo }: { scope: Scope; repo: string }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const mutation = useDeleteRepository(scope);
  const navigate = useNavigate();
  return (
    <>
      <ConfirmDialog
        trigger={
          <Button
            variant="danger"
            size="sm"
            onClick={() => {
              setTyped('');
              mutation.reset();
              setOpen(true);
            }}
          >
            Delete repository…
          </Button>
        }
        open={open}
        onOpenChange={setOpen}
        title={`Delete repository ${repo}?`}
        description={
          <p>
            Deletes <span className="font-mono text-fg">{repo}</span> with every image and tag in
            it. Pulls of its images will fail. This cannot be undone.
          </p>
        }
        confirmLabel="Delete repository"
        pendingLabel="Deleting…"
        tone="danger"
        canConfirm={typed === repo}
        pending={mutation.isPending}
        error={mutation.isError ? describeWriteError(mutation.error, `delete ${repo}`) : null}
        onConfirm={() =>
          mutation.mutate(repo, {
            onSuccess: () => {
              setOpen(false);
              toast(`${repo}: ${DELETION_STARTED}`, { tone: 'success', durationMs: 8000 });
              void navigate(repositoriesPath(scope));
            },
          })
        }
      >
        <TypeToConfirm
          name={repo}
          value={typed}
          onChange={setTyped}
          disabled={mutation.isPending}
        />
      </ConfirmDialog>
    </>
  );
}
