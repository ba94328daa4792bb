// The tag table inside its scroll box. Only the rows in the window are rendered; spacer rows
// above and below keep the scrollbar true to the whole list.
import type { VirtualItem } from '@tanstack/react-virtual';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import type { Scope } from '../../api/scope';
import { ColumnHeaders } from '../../components/column-headers';
import type { TagRow } from './tag-list-logic';
import { TagRowView } from './tag-row';
import type { TagPrefetch } from './use-tag-prefetch';

export interface TagTableProps {
  scrollRef: RefObject<HTMLDivElement | null>;
  scope: Scope;
  repo: string;
  rows: TagRow[];
  items: VirtualItem[];
  paddingTop: number;
  paddingBottom: number;
  activeIndex: number;
  justReady: ReadonlySet<string>;
  onFocusRow: (index: number) => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableSectionElement>) => void;
  prefetch: TagPrefetch;
  /** Shown after the table, inside the scroll box, so it is reached by scrolling to the end. */
  children?: ReactNode;
}

export function TagTable({
  scrollRef,
  scope,
  repo,
  rows,
  items,
  paddingTop,
  paddingBottom,
  activeIndex,
  justReady,
  onFocusRow,
  onKeyDown,
  prefetch,
  children,
}: TagTableProps) {
  return (
    <div
      ref={scrollRef}
      className="max-h-[max(24rem,calc(100vh-17rem))] overflow-auto rounded-lg border border-border"
      data-testid="tag-scroll"
    >
      <table
        className="w-full table-fixed border-collapse text-sm"
        aria-label={`Tags of ${repo}`}
        aria-rowcount={rows.length + 1}
      >
        <colgroup>
          <col className="w-[26%]" />
          <col className="w-[15%]" />
          <col className="w-[9%]" />
          <col className="w-[11%]" />
          <col className="w-[8%]" />
          <col className="w-[19%]" />
          <col className="w-[12%]" />
        </colgroup>
        <thead className="sticky top-0 z-10 bg-surface text-left text-xs uppercase tracking-wide text-muted-fg">
          <tr aria-rowindex={1}>
            <ColumnHeaders
              columns={[
                { label: 'Tag' },
                { label: 'Status' },
                { label: 'Kind' },
                { label: 'Platform' },
                { label: 'Size', numeric: true },
                { label: 'Digest' },
                { label: 'Updated' },
              ]}
            />
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {paddingTop > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={7} style={{ height: paddingTop, padding: 0 }} />
            </tr>
          ) : null}
          {items.map((vi) => {
            const row = rows[vi.index]!;
            return (
              <TagRowView
                key={row.tag.tag}
                index={vi.index}
                row={row}
                scope={scope}
                repo={repo}
                active={vi.index === activeIndex}
                justReady={justReady.has(row.tag.tag)}
                onFocusRow={onFocusRow}
                prefetch={prefetch}
              />
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={7} style={{ height: paddingBottom, padding: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {children}
    </div>
  );
}
