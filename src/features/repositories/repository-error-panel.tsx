// A repository's pages (tags, images) fail the same way when the repository itself cannot
// be read: one message, and the way back to the project's repositories.
import type { Scope } from '../../api/scope';
import { ErrorPanel } from '../../components/error-panel';
import { repositoriesPath } from '../scope/paths';

export function RepositoryErrorPanel({
  error,
  scope,
  repo,
  retrying,
  onRetry,
}: {
  error: unknown;
  scope: Scope;
  repo: string;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <ErrorPanel
      error={error}
      scope={scope}
      notFoundMessage={`Repository ${repo} was not found in project ${scope.projectId}.`}
      backLink={{ to: repositoriesPath(scope), label: 'All repositories' }}
      retrying={retrying}
      onRetry={onRetry}
    />
  );
}
