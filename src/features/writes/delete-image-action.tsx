// "Delete image" on the image page and on a tag's page. Deleting an image deletes every tag
// that points at it; VCR has no single-tag delete, which the tag page says right here,
// where someone looking for one would look.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { imageQueryOptions } from '../../api/get-image';
import type { Scope } from '../../api/scope';
import { Button } from '../../components/button';
import { toast } from '../../components/toast';
import { shortDigest } from '../../lib/format';
import { imagesPath, repositoryPath } from '../scope/paths';
import { ConfirmDialog } from './confirm-dialog';
import { useDeleteImage } from './use-delete-image';
import { describeWriteError } from './write-error';

export const DELETION_STARTED =
  'Deletion started: the registry removes it in the background, so it may take a moment to disappear everywhere.';

export interface DeleteImageActionProps {
  scope: Scope;
  repo: string;
  imageId: string;
  manifestDigest: string;
  /** The tag page the action sits on; absent on the image page. */
  fromTag?: string;
  /** The image's tags when already known (the image page). */
  tags?: string[];
}

export function DeleteImageAction(props: DeleteImageActionProps) {
  const { fromTag } = props;
  return (
    <section aria-labelledby="delete-image-title" className="space-y-2">
      <h2 id="delete-image-title" className="text-base font-semibold">
        {fromTag ? 'Delete' : 'Delete this image'}
      </h2>
      {fromTag ? (
        <p className="text-sm text-muted-fg" data-testid="no-tag-delete">
          VCR has no single-tag delete: push the tag to another image to move it, or delete the
          image this tag points to, which removes all of its tags.
        </p>
      ) : (
        <p className="text-sm text-muted-fg">
          Removes the manifest, its layers and every tag that points at it. This cannot be undone.
        </p>
      )}
      <DeleteImageButton {...props} />
    </section>
  );
}

function DeleteImageButton({
  scope,
  repo,
  imageId,
  manifestDigest,
  fromTag,
  tags: knownTags,
}: DeleteImageActionProps) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const mutation = useDeleteImage(scope, repo);
  // The tag page does not know the image's other tags: ask when the dialog opens.
  const detail = useQuery({
    ...imageQueryOptions(scope, repo, imageId),
    enabled: open && knownTags === undefined,
  });
  const tags = knownTags ?? detail.data?.image.tags;

  function confirm() {
    mutation.mutate(imageId, {
      onSuccess: () => {
        setOpen(false);
        toast(DELETION_STARTED, { tone: 'success', durationMs: 8000 });
        void navigate(fromTag ? repositoryPath(scope, repo) : imagesPath(scope, repo, false));
      },
    });
  }

  const short = shortDigest(manifestDigest);
  const tagList =
    tags === undefined ? (
      detail.isError ? (
        <p>Could not list the tags of this image; every tag that points at it will be deleted.</p>
      ) : (
        <p role="status">Finding the tags that point at this image…</p>
      )
    ) : tags.length === 0 ? (
      <p>No tag points at this image.</p>
    ) : (
      <>
        <p>{tags.length === 1 ? 'This tag goes' : `These ${tags.length} tags go`} with it:</p>
        <ul
          className="max-h-40 overflow-y-auto rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs text-fg"
          data-testid="doomed-tags"
        >
          {tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      </>
    );

  return (
    <>
      <ConfirmDialog
        trigger={
          <Button
            variant="danger"
            size="sm"
            onClick={() => {
              mutation.reset();
              setOpen(true);
            }}
          >
            {fromTag ? 'Delete the image this tag points to…' : 'Delete image…'}
          </Button>
        }
        open={open}
        onOpenChange={setOpen}
        title={`Delete image ${short}?`}
        description={
          <>
            <p>
              {fromTag ? (
                <>
                  Deletes the image tag <span className="font-mono text-fg">{fromTag}</span> points
                  to (<span className="font-mono">{short}</span>) from{' '}
                  <span className="font-mono text-fg">{repo}</span>.
                </>
              ) : (
                <>
                  Deletes image <span className="font-mono">{short}</span> from{' '}
                  <span className="font-mono text-fg">{repo}</span>.
                </>
              )}{' '}
              This cannot be undone; anything that pulls it by digest will fail.
            </p>
            {tagList}
          </>
        }
        confirmLabel="Delete image"
        pendingLabel="Deleting…"
        tone="danger"
        pending={mutation.isPending}
        error={mutation.isError ? describeWriteError(mutation.error, 'delete the image') : null}
        onConfirm={confirm}
      />
    </>
  );
}
