import Link from "next/link";
import type { ReactNode } from "react";
import { emptyClass } from "./styles";

const navClass = "flex flex-wrap items-center gap-4 text-sm";
const plainLinkClass = "text-brand-700 underline";

type PageLinksProps = {
  page: number;
  pageCount: number;
  /** The address of a page. */
  href: (page: number) => string;
  /** The navigation landmark's accessible name. */
  label: string;
  /** Classes of the `<nav>`; by default a wrapping row in small text. */
  className?: string;
  /** Classes of the previous / next links, so they match the links around them. */
  linkClassName?: string;
};

/** The `<nav>` itself: an optional summary, previous link, where the reader is (when there is no summary), next link. */
function PageLinks({
  page,
  pageCount,
  href,
  label,
  className = navClass,
  linkClassName = plainLinkClass,
  summary,
}: PageLinksProps & { summary?: ReactNode }) {
  return (
    <nav aria-label={label} className={className}>
      {summary !== undefined ? <p>{summary}</p> : null}
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClassName} rel="prev">
          Previous page
        </Link>
      ) : null}
      {summary === undefined ? (
        <span aria-current="page">
          Page {page} of {pageCount}
        </span>
      ) : null}
      {page < pageCount ? (
        <Link href={href(page + 1)} className={linkClassName} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

/** Previous / next links and where the reader is ("Page 2 of 5"); nothing when there is only one page. */
export function Pagination(props: PageLinksProps) {
  if (props.pageCount <= 1) return null;
  return <PageLinks {...props} />;
}

/**
 * Previous / next links under a count of what is listed ("Showing 21–40 of 57 enrolments (page 2 of 3)"),
 * keeping the list's other query parameters; shown even for one page, nothing when the list is empty.
 */
export function CountedPagination({
  list: { page, pageCount, total, pageSize },
  basePath,
  query = {},
  noun,
  pageParam = "page",
  fragment,
}: {
  /** Where the list is: its page, how many pages and rows it has, and how many rows a page holds. */
  list: { page: number; pageCount: number; total: number; pageSize: number };
  basePath: string;
  query?: Record<string, string | undefined>;
  noun: string;
  /** The query parameter holding the page: another name where a page has more than one list. */
  pageParam?: string;
  /** An element id the links scroll to, for a list further down its page. */
  fragment?: string;
}) {
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const href = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    if (target > 1) params.set(pageParam, String(target));
    const search = params.toString();
    return `${search ? `${basePath}?${search}` : basePath}${fragment ? `#${fragment}` : ""}`;
  };
  return (
    <PageLinks
      page={page}
      pageCount={pageCount}
      href={href}
      label="Pagination"
      summary={
        <>
          Showing {first}–{last} of {total} {noun}
          {pageCount > 1 ? ` (page ${page} of ${pageCount})` : ""}
        </>
      }
    />
  );
}

/** What a filtered list says when it shows nothing: that nothing matches the filters, or (unfiltered) `none`. */
export function emptyListText(filtered: boolean, noun: string, none: string): string {
  return filtered ? `No ${noun} match these filters. Change or clear the filters to see more.` : none;
}

/** A paged list (the children) over its counted pagination, or what it says when it has nothing to show. */
export function PagedList({
  list,
  empty,
  children,
  ...pagination
}: Parameters<typeof CountedPagination>[0] & { empty: ReactNode; children: ReactNode }) {
  if (list.total === 0) return <p className={emptyClass}>{empty}</p>;
  return (
    <>
      {children}
      <CountedPagination list={list} {...pagination} />
    </>
  );
}
