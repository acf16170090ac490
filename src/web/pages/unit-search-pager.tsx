/**
 * Paging of the unit search: the API's cursor and the page number live in the URL (a page can be
 * shared); "Next" follows `nextCursor`, "First page" drops it. A new search starts on page one.
 */
import { formatCount } from '../format.js';
import { Link } from '../router.js';

export const PAGE_SIZE = 100;

/** The 1-based page the URL is on. */
export function pageOf(query: URLSearchParams): number {
  const page = Number(query.get('page'));
  return query.get('cursor') && Number.isInteger(page) && page > 1 ? page : 1;
}

/** The current address with the cursor and page set, or both removed for page one. */
function pageLink(cursor: string | null, page: number): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('cursor');
  url.searchParams.delete('page');
  if (cursor) {
    url.searchParams.set('cursor', cursor);
    url.searchParams.set('page', String(page));
  }
  return `${url.pathname}${url.search}`;
}

/** "units 101–200 of 2,345, most expensive first". */
export function shownRange(query: URLSearchParams, shown: number, matched: number): string {
  const first = (pageOf(query) - 1) * PAGE_SIZE + 1;
  return `units ${formatCount(first)}–${formatCount(first + shown - 1)} of ${formatCount(matched)}, most expensive first`;
}

export function UnitSearchPager(props: { query: URLSearchParams; nextCursor: string | null }) {
  const page = pageOf(props.query);
  if (page === 1 && props.nextCursor === null) return null;
  return (
    <nav className="pager" aria-label="Pages of work units" data-testid="unit-search-pager">
      {page > 1 ? <Link to={pageLink(null, 1)}>← First page</Link> : null}
      <span> Page {page} </span>
      {props.nextCursor ? (
        <Link to={pageLink(props.nextCursor, page + 1)}>Next {PAGE_SIZE} →</Link>
      ) : null}
    </nav>
  );
}
