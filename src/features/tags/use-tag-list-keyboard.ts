// The tag list works from the keyboard alone: `/` reaches the filter, and a roving focus
// keeps one row in the tab order so Tab leaves the table instead of walking every row.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export interface TagListKeyboard {
  filterRef: RefObject<HTMLInputElement | null>;
  /** The row in the tab order, kept within the rows there are. */
  activeIndex: number;
  onFocusRow: (index: number) => void;
  onTableKeyDown: (e: KeyboardEvent<HTMLTableSectionElement>) => void;
  onFilterKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
}

export function useTagListKeyboard({
  rowCount,
  virtualizer,
  scrollRef,
}: {
  rowCount: number;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  scrollRef: RefObject<HTMLDivElement | null>;
}): TagListKeyboard {
  const filterRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // `/` jumps to the filter from anywhere on the page, as on GitHub and Vercel.
    function onKey(e: globalThis.KeyboardEvent) {
      if (e.key !== '/' || e.metaKey || e.ctrlKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      e.preventDefault();
      filterRef.current?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Roving focus: one row is in the tab order; arrows and j/k move it, Enter opens it.
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    const link = scrollRef.current?.querySelector<HTMLAnchorElement>(
      `tr[data-index="${i}"] a[data-row-link]`,
    );
    if (link) {
      pendingFocus.current = null;
      link.focus({ preventScroll: true });
    }
  });
  const [, forceRender] = useState(0);
  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(rowCount - 1, i));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const link = scrollRef.current?.querySelector<HTMLAnchorElement>(
      `tr[data-index="${next}"] a[data-row-link]`,
    );
    if (link) {
      link.focus({ preventScroll: true });
    } else {
      // Not rendered yet: focus it once the virtualizer has scrolled it into the window.
      pendingFocus.current = next;
      forceRender((n) => n + 1);
    }
  };
  function onTableKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
    if (
      (e.target as HTMLElement).tagName === 'BUTTON' &&
      e.key !== 'ArrowDown' &&
      e.key !== 'ArrowUp'
    )
      return;
    const step =
      e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
    if (step !== 0) {
      e.preventDefault();
      moveTo(active + step);
    } else if (e.key === 'Home') {
      e.preventDefault();
      moveTo(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      moveTo(rowCount - 1);
    }
  }
  // Down from the filter box lands on the first row, so filtering and opening need no mouse.
  function onFilterKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && rowCount > 0) {
      e.preventDefault();
      moveTo(0);
    }
  }
  const activeIndex = Math.min(active, Math.max(0, rowCount - 1));

  return { filterRef, activeIndex, onFocusRow: setActive, onTableKeyDown, onFilterKeyDown };
}
