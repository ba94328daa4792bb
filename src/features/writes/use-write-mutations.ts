// The write mutations with what each one changes in the cache, so lists stop showing what
// was deleted at once and the API's own answer replaces the guess soon after.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addRepositoryPermission } from '../../api/add-repository-permission';
import { clearRepositoryPermissions } from '../../api/clear-repository-permissions';
import { deleteRepository } from '../../api/delete-repository';
import {
  permissionsQueryKey,
  type PermissionListPage,
  type RepositoryPermission,
} from '../../api/list-repository-permissions';
import { vcrKeys } from '../../api/query-keys';
import { removeRepositoryPermission } from '../../api/remove-repository-permission';
import type { Repository } from '../../api/schemas';
import type { Scope } from '../../api/scope';
import { updateRepository } from '../../api/update-repository';
import type { TeamReferenceBody } from '../../api/team-reference';
import { editLists, type Paged } from './cache-edits';

export function useDeleteRepository(scope: Scope) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (repo: string) => deleteRepository(scope, repo),
    onSuccess: (_void, repo) => {
      editLists<Repository>(
        client,
        [...vcrKeys.repositories(scope), 'list'],
        'repositories',
        (r) => r.name !== repo && r.id !== repo,
      );
      client.removeQueries({ queryKey: vcrKeys.repository(scope, repo), exact: false });
      // Gone from the list at once on the API too: the next visit reads it afresh.
      void client.invalidateQueries({
        queryKey: [...vcrKeys.repositories(scope), 'list'],
        refetchType: 'none',
      });
    },
  });
}

export function useSetVisibility(scope: Scope, repo: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (makePublic: boolean) => updateRepository(scope, repo, { public: makePublic }),
    onSuccess: (repository) => {
      client.setQueryData([...vcrKeys.repository(scope, repo), 'detail'], { repository });
      client.setQueriesData<Paged<{ repositories: Repository[] }>>(
        { queryKey: [...vcrKeys.repositories(scope), 'list'] },
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((p) => ({
              ...p,
              repositories: p.repositories.map((r) => (r.id === repository.id ? repository : r)),
            })),
          },
      );
    },
  });
}

export function useAddShare(scope: Scope, repo: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (team: TeamReferenceBody) => addRepositoryPermission(scope, repo, team),
    onSuccess: () => client.invalidateQueries({ queryKey: permissionsQueryKey(scope, repo) }),
  });
}

export function useRemoveShare(scope: Scope, repo: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (share: RepositoryPermission) =>
      removeRepositoryPermission(scope, repo, { teamId: share.teamId }),
    onSuccess: (_void, share) => {
      editLists<RepositoryPermission>(
        client,
        permissionsQueryKey(scope, repo),
        'permissions',
        (p) => p.teamId !== share.teamId,
      );
      return client.invalidateQueries({ queryKey: permissionsQueryKey(scope, repo) });
    },
  });
}

export function useClearShares(scope: Scope, repo: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => clearRepositoryPermissions(scope, repo),
    onSuccess: () => {
      client.setQueryData<Paged<PermissionListPage>>(permissionsQueryKey(scope, repo), (data) =>
        data ? { pages: [{ permissions: [] }], pageParams: [data.pageParams[0]] } : data,
      );
      return client.invalidateQueries({ queryKey: permissionsQueryKey(scope, repo) });
    },
  });
}
