// The tag list's view (filter text, status and sort) lives in the URL so a shared link opens
// the same view; this hook reads it and writes it back.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TagListSort } from '../../api/list-tags';
import {
  applyViewToSearchParams,
  apiSort,
  viewFromSearchParams,
  type TagListView,
} from './tag-list-logic';

export interface TagListUrlState {
  view: TagListView;
  sort: TagListSort;
  /** What the filter box shows, which may be a keystroke ahead of `view.q`. */
  q: string;
  /** The filter box changed: the box shows it at once and the URL follows. */
  setQuery: (q: string) => void;
  setView: (patch: Partial<TagListView>) => void;
  clearFilter: () => void;
}

export function useTagListUrlState(): TagListUrlState {
  const [params, setParams] = useSearchParams();
  const view = viewFromSearchParams(params);
  const sort = apiSort(view);

  // The filter box keeps its own state: router navigations run as transitions, so a box
  // bound to the URL would drop keystrokes. The URL follows the box; a URL change that did
  // not come from it (back/forward) updates the box.
  const [q, setQ] = useState(view.q);
  const pushedQ = useRef(new Set<string>());
  useEffect(() => {
    if (pushedQ.current.has(view.q)) pushedQ.current.delete(view.q);
    else setQ(view.q);
  }, [view.q]);

  const setView = useCallback(
    (patch: Partial<TagListView>) => {
      setParams(
        (prev) => applyViewToSearchParams(prev, { ...viewFromSearchParams(prev), ...patch }),
        { replace: true },
      );
    },
    [setParams],
  );

  const setQuery = (value: string) => {
    setQ(value);
    pushedQ.current.add(value.trim() ? value : '');
    setView({ q: value });
  };
  const clearFilter = () => {
    setQ('');
    setView({ q: '', status: null });
  };

  return { view, sort, q, setQuery, setView, clearFilter };
}
