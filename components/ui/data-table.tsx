import { useId, type Key, type ReactNode } from "react";
import { bodyRowClass, cellClass, emptyClass, headRowClass, tableClass } from "./styles";

export type Column<Row> = {
  /** The column heading, exactly as screen readers announce it. */
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The row's heading cell (`<th scope="row">`): what the other cells of the row are about. */
  rowHeader?: boolean;
  /** Numbers: right-aligned, in figures of one width. */
  numeric?: boolean;
  /** Classes added to the body cells (a row heading is font-medium unless this says otherwise). */
  className?: string;
  /** A heading cell drawn by the caller (a sortable heading, say) instead of `header`. */
  head?: ReactNode;
};

/**
 * A table of rows with a caption (hidden or shown), column headings with scope, an optional row
 * heading, and what to say when there are no rows. It scrolls sideways on a narrow screen; with
 * `region`, inside a focusable region named by its caption, so keyboard users can scroll it too
 * (a landmark, so only for the page's main tables).
 */
export function DataTable<Row>({
  caption,
  hideCaption = false,
  columns,
  rows,
  rowKey,
  empty,
  region = false,
}: {
  caption: ReactNode;
  hideCaption?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  /** Shown instead of the table when there are no rows; without it, an empty table is drawn. */
  empty?: ReactNode;
  region?: boolean;
}) {
  const captionId = useId();
  if (rows.length === 0 && empty !== undefined) return <p className={emptyClass}>{empty}</p>;
  return (
    <div
      role={region ? "region" : undefined}
      aria-labelledby={region ? captionId : undefined}
      tabIndex={region ? 0 : undefined}
      className="overflow-x-auto"
    >
      <table className={tableClass}>
        <caption id={captionId} className={hideCaption ? "sr-only" : "py-2 text-left font-semibold"}>
          {caption}
        </caption>
        <thead>
          <tr className={headRowClass}>
            {columns.map((column, index) =>
              column.head !== undefined ? (
                <HeadSlot key={index}>{column.head}</HeadSlot>
              ) : (
                <th key={index} scope="col" className={column.numeric ? `${cellClass} text-right` : cellClass}>
                  {column.header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={bodyRowClass}>
              {columns.map((column, index) => {
                const classes = `${cellClass} ${column.numeric ? "text-right tabular-nums" : ""} ${column.className ?? (column.rowHeader ? "font-medium" : "")}`;
                return column.rowHeader ? (
                  <th key={index} scope="row" className={classes}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={index} className={classes}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeadSlot({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

/** The classes of a heading cell drawn by the caller, so it matches the others. */
export function headCellClass(numeric = false) {
  return numeric ? `${cellClass} text-right` : cellClass;
}

/**
 * The `<th scope="col">` cells of a table drawn by hand: each heading in `className`, those named in
 * `alignRight` (numbers) right-aligned as well.
 */
export function ColumnHeadings({
  headings,
  className,
  alignRight = [],
}: {
  headings: readonly string[];
  className: string;
  alignRight?: readonly string[];
}) {
  return (
    <>
      {headings.map((heading) => (
        <th key={heading} scope="col" className={alignRight.includes(heading) ? `${className} text-right` : className}>
          {heading}
        </th>
      ))}
    </>
  );
}
