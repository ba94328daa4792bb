// The rows work from the keyboard as the tag list's do: one row link is in the tab order, so
// Tab leaves the table; arrows (or j/k), Home and End move between rows.
import { useState, type KeyboardEvent } from 'react';

export function useRovingRows(rowCount: number) {
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(0, rowCount - 1));

  function onKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
    const step: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };
    let next: number | null = null;
    if (e.key in step) next = current + step[e.key]!;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rowCount - 1;
    if (next === null || rowCount === 0) return;
    e.preventDefault();
    next = Math.max(0, Math.min(rowCount - 1, next));
    setActive(next);
    const links = e.currentTarget.querySelectorAll<HTMLElement>('[data-row-link]');
    links[next]?.focus();
  }

  return { active: current, setActive, onKeyDown };
}
