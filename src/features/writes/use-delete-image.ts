// Deleting an image: the lists stop showing it and its tags at once, though the API may
// list them until its background removal is done (src/api/pending-deletions.ts).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteImage } from '../../api/delete-image';
import { markImageDeleting } from '../../api/pending-deletions';
import { vcrKeys } from '../../api/query-keys';
import type { ImageListItem, Tag } from '../../api/schemas';
import type { Scope } from '../../api/scope';
import { editLists } from './cache-edits';

export function useDeleteImage(scope: Scope, repo: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (imageId: string) => deleteImage(scope, repo, imageId),
    onSuccess: (_void, imageId) => {
      markImageDeleting(scope, repo, imageId);
      editLists<Tag>(client, vcrKeys.tags(scope, repo), 'tags', (t) => t.imageId !== imageId);
      editLists<ImageListItem>(client, vcrKeys.images(scope, repo), 'images', (i) => {
        return i.id !== imageId;
      });
      // Its tags and its own page would show it as it was: read them afresh when visited.
      client.removeQueries({
        queryKey: [...vcrKeys.tags(scope, repo), 'detail'],
        predicate: (q) => (q.state.data as { tag?: Tag } | undefined)?.tag?.imageId === imageId,
      });
      client.removeQueries({
        queryKey: [...vcrKeys.images(scope, repo), 'detail'],
        predicate: (q) =>
          (q.state.data as { image?: { id: string } } | undefined)?.image?.id === imageId,
      });
      // Everything else about the repository (counts, sizes) is read afresh on its next use;
      // the lists keep leaving the image out while the API still has it.
      void client.invalidateQueries({
        queryKey: vcrKeys.repository(scope, repo),
        refetchType: 'none',
      });
    },
  });
}
