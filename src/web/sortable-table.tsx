/** A table sorted by clicking a column header; the sorted column carries aria-sort. */
import { type ReactNode, useState } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => number | string | null;
  render: (row: T) => ReactNode;
}

function compare(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export function SortableTable<T>(props: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  initial: { key: string; descending: boolean };
  testId?: string;
  caption: string;
}) {
  const [sort, setSort] = useState(props.initial);
  const column = props.columns.find((c) => c.key === sort.key);
  const rows = column
    ? [...props.rows].sort((a, b) => {
        const [x, y] = [column.value(a), column.value(b)];
        // Rows without a figure stay at the bottom whichever way the column is sorted.
        if (x === null || y === null) return compare(x, y);
        const order = compare(x, y);
        return sort.descending ? -order : order;
      })
    : props.rows;
  const toggle = (key: string) =>
    setSort((now) => ({ key, descending: now.key === key ? !now.descending : true }));
  return (
    <table data-testid={props.testId}>
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              aria-sort={
                c.key === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
              }
            >
              <button type="button" onClick={() => toggle(c.key)}>
                {c.label}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={props.rowKey(row)}>
            {props.columns.map((c) => (
              <td key={c.key}>{c.render(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
