// "Notify me when these are ready" for an index: its platform images are watched as Recent
// pushes watches a push, with ONE notification when all have left preparing, naming any that
// ended unoptimized and why.
import { Button } from '../../components/button';
import { useWatchNotification, type WatchItem } from '../recent-pushes/use-watch-notification';
import type { ChildRow } from './use-index-children';

export function IndexWatch({ repo, tag, rows }: { repo: string; tag: string; rows: ChildRow[] }) {
  const items: WatchItem[] = rows
    .filter((r) => r.attestationOf === null && r.platform !== null)
    .map((r) => ({
      key: r.digest,
      label: `${repo}:${tag} (${r.platform})`,
      preparing: r.image?.status === 'preparing' || r.imagePending,
      kind: r.image?.kind ?? 'manifest',
      status: r.image?.status ?? null,
      platform: r.image?.platform,
      arch: r.image?.arch,
    }));
  const watch = useWatchNotification(items);
  const preparing = items.filter((i) => i.preparing).length;
  if (preparing === 0 && watch.phase === 'idle') return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="index-watch">
      {watch.phase === 'watching' ? (
        <>
          <span>
            Waiting for {watch.remaining} of {watch.watchedCount} platform images
          </span>
          <Button size="sm" variant="ghost" onClick={watch.stop}>
            Stop watching
          </Button>
        </>
      ) : watch.phase === 'done' ? (
        <span className="text-muted-fg">Every watched platform image has left preparing.</span>
      ) : (
        <Button size="sm" onClick={() => void watch.start()}>
          Notify me when these are ready
        </Button>
      )}
      <span role="status" aria-live="polite" className="sr-only">
        {watch.announcement}
      </span>
    </div>
  );
}
