// Keeps the preparing rows in view current with ONE request per interval for all of them
// (never one per row), and none at all when nothing in view is preparing.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  fetchTagPage,
  type TagListData,
  type TagListSort,
  tagListQueryKey,
} from '../../api/list-tags';
import { tagQueryOptions } from '../../api/get-tag';
import type { Tag } from '../../api/schemas';
import type { Scope } from '../../api/scope';
import { chooseLiveTarget, mergeFreshTags, type TagRow } from './tag-list-logic';

export const LIVE_INTERVAL_MS = 2000;
export const HIDDEN_INTERVAL_MS = 10_000;
/** How long a row that just turned ready says so. */
export const JUST_READY_MS = 8000;

export interface LiveRows {
  /** Tags that turned from preparing to something else a moment ago. */
  justReady: ReadonlySet<string>;
  /** The last announcement for the polite live region. */
  announcement: string;
}

export function useLivePreparingRows(
  scope: Scope,
  repo: string,
  sort: TagListSort,
  visiblePreparing: readonly TagRow[],
): LiveRows {
  const queryClient = useQueryClient();
  const visibleRef = useRef(visiblePreparing);
  visibleRef.current = visiblePreparing;
  const [justReady, setJustReady] = useState<ReadonlySet<string>>(() => new Set());
  const [announcement, setAnnouncement] = useState('');
  const active = visiblePreparing.length > 0;
  const queryKey = tagListQueryKey(scope, repo, sort);
  const keyString = JSON.stringify(queryKey);

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    const strayed = new Set<string>();
    let round = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const delay = () =>
      document.visibilityState === 'hidden' ? HIDDEN_INTERVAL_MS : LIVE_INTERVAL_MS;

    async function tick() {
      const rows = visibleRef.current;
      const target = chooseLiveTarget(rows, strayed, round++);
      const before = queryClient.getQueryData<TagListData>(queryKey);
      if (target && before) {
        try {
          let fresh: Tag[];
          if (target.kind === 'page') {
            const cursor = before.pageParams[target.page];
            const page = await fetchTagPage(scope, repo, sort, cursor, controller.signal);
            fresh = page.tags;
            // A preparing row missing from its page has moved (its updatedAt changed the
            // order): read it by name next time.
            const names = new Set(fresh.map((t) => t.tag));
            for (const r of rows)
              if (r.page === target.page && !names.has(r.tag.tag)) strayed.add(r.tag.tag);
          } else {
            // Through the detail query, so an open detail page shares the answer.
            const tag = await queryClient.fetchQuery({
              ...tagQueryOptions(scope, repo, target.tag),
              staleTime: 0,
            });
            fresh = [tag];
            strayed.delete(target.tag);
          }
          if (controller.signal.aborted) return;
          const current = queryClient.getQueryData<TagListData>(queryKey);
          if (current) {
            const wasPreparing = new Set(
              current.pages.flatMap((p) =>
                p.tags.filter((t) => t.status === 'preparing').map((t) => t.tag),
              ),
            );
            queryClient.setQueryData<TagListData>(queryKey, mergeFreshTags(current, fresh));
            const done = fresh.filter((t) => wasPreparing.has(t.tag) && t.status !== 'preparing');
            if (done.length > 0) {
              setJustReady((prev) => new Set([...prev, ...done.map((t) => t.tag)]));
              setAnnouncement(
                done
                  .map(
                    (t) =>
                      `${t.tag} is ${t.status === 'unoptimized' ? 'ready (unoptimized)' : 'ready'}`,
                  )
                  .join('. '),
              );
              setTimeout(() => {
                setJustReady((prev) => {
                  const next = new Set(prev);
                  for (const t of done) next.delete(t.tag);
                  return next;
                });
              }, JUST_READY_MS);
            }
          }
        } catch {
          // A failed refresh is retried on the next tick; the rows keep their last known state.
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void tick(), delay());
    }

    timer = setTimeout(() => void tick(), delay());
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // keyString stands for scope/repo/sort: a new list starts a new loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, keyString, queryClient]);

  return { justReady, announcement };
}
