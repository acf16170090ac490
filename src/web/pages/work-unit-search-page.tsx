/**
 * A workflow's work units, searched by status, token cost range, model, tool and decision rule;
 * the filters live in the URL so a search can be shared, and each unit links to its trajectory.
 */
import type { FormEvent } from 'react';
import { attributeParams, filtersTitle, useApi } from '../api.js';
import { formatCount, formatUsd } from '../format.js';
import { Link, navigate, withView } from '../router.js';
import { Ready } from '../status.js';
import type { WorkUnitSearchView } from './trajectory-types.js';
import { PAGE_SIZE, shownRange, UnitSearchPager } from './unit-search-pager.js';

export const SEARCH_KEYS = [
  'status',
  'resolvedBy',
  'minCostUsd',
  'maxCostUsd',
  'model',
  'tool',
  'rule',
] as const;
const STATUSES = ['resolved', 'failed', 'escalated', 'abandoned', 'pending'];

function apiPath(workflow: string, query: URLSearchParams): string {
  const params = new URLSearchParams({ workflow, sort: '-cost', limit: String(PAGE_SIZE) });
  const cursor = query.get('cursor');
  if (cursor) params.set('cursor', cursor);
  for (const key of SEARCH_KEYS) {
    const value = query.get(key);
    if (value) params.set(key, value);
  }
  const since = query.get('since');
  const until = query.get('until');
  if (since) params.set('from', since);
  if (until) params.set('to', until);
  for (const [key, value] of attributeParams(query)) params.set(key, value);
  return `/api/v1/work-units?${params.toString()}`;
}

function SearchForm(props: { workflow: string; query: URLSearchParams }) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const base = new URL(withView(window.location.pathname), window.location.origin);
    for (const key of SEARCH_KEYS) {
      const value = String(data.get(key) ?? '').trim();
      if (value) base.searchParams.set(key, value);
    }
    navigate(`${base.pathname}${base.search}`);
  };
  const text = (key: (typeof SEARCH_KEYS)[number], label: string, placeholder: string) => (
    <label>
      {label}
      <input name={key} placeholder={placeholder} defaultValue={props.query.get(key) ?? ''} />
    </label>
  );
  return (
    <form
      className="unit-search"
      aria-label="Search work units"
      onSubmit={onSubmit}
      key={props.query.toString()}
    >
      <label>
        Status
        <select name="status" defaultValue={props.query.get('status') ?? ''}>
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Resolved by
        <select name="resolvedBy" defaultValue={props.query.get('resolvedBy') ?? ''}>
          <option value="">Anyone</option>
          {['ai', 'human', 'bpo'].map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      {text('minCostUsd', 'Min cost (USD)', '0.01')}
      {text('maxCostUsd', 'Max cost (USD)', '1.00')}
      {text('model', 'Model', 'gpt-4.1-mini')}
      {text('tool', 'Tool', 'policy_lookup')}
      {text('rule', 'Decision rule', 'R-12')}
      <button type="submit">Search</button>
    </form>
  );
}

export function WorkUnitSearchPage(props: { workflow: string; query: URLSearchParams }) {
  const { workflow, query } = props;
  const result = useApi<WorkUnitSearchView>(apiPath(workflow, query));
  const unitLink = (id: string) => withView(`/work-units/${encodeURIComponent(id)}`, { workflow });
  return (
    <>
      <h1>
        Work units of {workflow}
        {filtersTitle(query)}
      </h1>
      <p>
        <Link to={withView(`/workflows/${encodeURIComponent(workflow)}`)}>Back to {workflow}</Link>
      </p>
      <SearchForm workflow={workflow} query={query} />
      <Ready loads={[result]}>
        {() =>
          result.state === 'ready' && result.data.units.length === 0 ? (
            <p data-testid="unit-search-empty">
              No work unit of {workflow} matches this search. Widen the cost range or clear a
              filter.
            </p>
          ) : result.state === 'ready' ? (
            <>
              <table data-testid="unit-search-results">
                <caption>
                  <span data-testid="unit-search-matched">{formatCount(result.data.matched)}</span>{' '}
                  units match; shown:{' '}
                  <span data-testid="unit-search-shown">
                    {shownRange(query, result.data.units.length, result.data.matched)}
                  </span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Work unit</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Token cost</th>
                    <th scope="col">Models</th>
                    <th scope="col">Tools</th>
                    <th scope="col">Rules</th>
                  </tr>
                </thead>
                <tbody>
                  {result.data.units.map((u) => (
                    <tr key={u.workUnitId}>
                      <td>
                        <Link to={unitLink(u.workUnitId)}>{u.workUnitId}</Link>
                      </td>
                      <td>
                        {u.status}
                        {u.resolvedBy ? ` by ${u.resolvedBy}` : ''}
                        {u.overridden ? (
                          <span className="badge badge-override">override</span>
                        ) : null}
                      </td>
                      <td>
                        {u.attempts}
                        {u.attempts > 1 ? <span className="badge badge-retry">retry</span> : null}
                      </td>
                      <td>{formatUsd(u.tokenCostUsd)}</td>
                      <td>{u.models.join(', ') || '—'}</td>
                      <td>{u.tools.join(', ') || '—'}</td>
                      <td>{u.rules.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <UnitSearchPager query={query} nextCursor={result.data.nextCursor} />
            </>
          ) : null
        }
      </Ready>
    </>
  );
}
