/** The dashboard shell: navigation, the shared time range and workflow filter, and the page router. */
import { type FormEvent, useEffect } from 'react';
import { type Economics, rangeQuery, useApi } from './api.js';
import { AllocationPage } from './pages/allocation-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { WorkUnitPage } from './pages/work-unit-page.js';
import { WorkUnitSearchPage } from './pages/work-unit-search-page.js';
import { WorkflowPage } from './pages/workflow-page.js';
import { WorkflowsPage } from './pages/workflows-page.js';
import { Link, navigate, useLocation, withView } from './router.js';

function Filters(props: { query: URLSearchParams }) {
  const workflows = useApi<{ workflows: Economics[] }>(
    `/api/v1/workflows${rangeQuery(props.query)}`,
  );
  const names = workflows.state === 'ready' ? workflows.data.workflows.map((w) => w.workflow) : [];
  const selected = props.query.get('workflow') ?? '';
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (key: string) => String(data.get(key) ?? '');
    navigate(
      withView(window.location.pathname, {
        since: value('since'),
        until: value('until'),
        workflow: value('workflow'),
      }),
    );
  };
  return (
    <form className="filters" onSubmit={onSubmit} aria-label="Filters" key={props.query.toString()}>
      <label>
        Since
        <input
          type="text"
          name="since"
          placeholder="2026-01-01 or 30d"
          defaultValue={props.query.get('since') ?? ''}
        />
      </label>
      <label>
        Until
        <input
          type="text"
          name="until"
          placeholder="2026-12-31"
          defaultValue={props.query.get('until') ?? ''}
        />
      </label>
      <label>
        Workflow
        <select
          name="workflow"
          defaultValue={selected}
          onChange={(event) => event.currentTarget.form?.requestSubmit()}
        >
          <option value="">All workflows</option>
          {[...new Set([...names, ...(selected ? [selected] : [])])].map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}

function Page(props: { path: string; query: URLSearchParams }) {
  const { path, query } = props;
  const workflow = /^\/workflows\/([^/]+)$/.exec(path);
  if (workflow?.[1]) return <WorkflowPage name={decodeURIComponent(workflow[1])} query={query} />;
  const units = /^\/workflows\/([^/]+)\/units$/.exec(path);
  if (units?.[1])
    return <WorkUnitSearchPage workflow={decodeURIComponent(units[1])} query={query} />;
  const unit = /^\/work-units\/([^/]+)$/.exec(path);
  if (unit?.[1]) return <WorkUnitPage id={decodeURIComponent(unit[1])} query={query} />;
  if (path === '/workflows') return <WorkflowsPage query={query} />;
  if (path === '/') return <OverviewPage query={query} />;
  if (path === '/allocation') return <AllocationPage query={query} />;
  return (
    <div role="alert">
      No page at {path}. <Link to={withView('/')}>Back to the overview</Link>
    </div>
  );
}

export function App() {
  const { path, query } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);
  return (
    <>
      <header className="top">
        <span className="brand">tokenledger</span>
        <nav aria-label="Pages">
          <Link to={withView('/')} current={path === '/'}>
            Overview
          </Link>
          <Link to={withView('/workflows')} current={path === '/workflows'}>
            Workflows
          </Link>
          <Link to={withView('/allocation')} current={path === '/allocation'}>
            Allocation
          </Link>
        </nav>
        <Filters query={query} />
      </header>
      <main>
        <Page path={path} query={query} />
      </main>
    </>
  );
}
