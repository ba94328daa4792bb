// Cache edits shared by the write mutations.
import type { QueryClient } from '@tanstack/react-query';

export interface Paged<T> {
  pages: T[];
  pageParams: unknown[];
}

/** Edits every page of every cached infinite list under `key` whose pages hold `field`. */
export function editLists<T>(
  client: QueryClient,
  key: readonly unknown[],
  field: string,
  keep: (item: T) => boolean,
) {
  client.setQueriesData<Paged<Record<string, unknown>>>({ queryKey: key }, (data) => {
    if (!data || !Array.isArray(data.pages) || !Array.isArray(data.pages[0]?.[field])) return data;
    return {
      ...data,
      pages: data.pages.map((p) => ({ ...p, [field]: (p[field] as T[]).filter(keep) })),
    };
  });
}
