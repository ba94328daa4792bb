// The header cells of the dashboard's data tables, so every table labels and aligns its
// columns the same way (numbers right-aligned, like their cells).
import { cn } from '../lib/cn';

export interface Column {
  label: string;
  numeric?: boolean;
}

export function ColumnHeaders({ columns }: { columns: readonly Column[] }) {
  return (
    <>
      {columns.map((c) => (
        <th
          key={c.label}
          scope="col"
          className={cn('px-3 py-2 font-medium', c.numeric && 'text-right')}
        >
          {c.label}
        </th>
      ))}
    </>
  );
}
