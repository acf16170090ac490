/** Every workflow's unit economics in one sortable table, each linking to its workflow page. */
import { type Economics, filtersTitle, unitsQuery, useApi } from '../api.js';
import { formatCount, formatRatio, formatShare, formatUsd } from '../format.js';
import { Link, withView } from '../router.js';
import { type Column, SortableTable } from '../sortable-table.js';
import { EmptyState, Ready } from '../status.js';

const COLUMNS: Column<Economics>[] = [
  {
    key: 'workflow',
    label: 'Workflow',
    value: (w) => w.workflow,
    render: (w) => (
      <Link to={withView(`/workflows/${encodeURIComponent(w.workflow)}`)}>{w.workflow}</Link>
    ),
  },
  { key: 'team', label: 'Team', value: (w) => w.team, render: (w) => w.team ?? '—' },
  {
    key: 'units',
    label: 'Units',
    value: (w) => w.units,
    render: (w) => formatCount(w.units),
  },
  {
    key: 'resolved',
    label: 'Resolved',
    value: (w) => w.resolvedUnits,
    render: (w) => formatCount(w.resolvedUnits),
  },
  {
    key: 'success',
    label: 'Attempt success',
    value: (w) => w.attemptSuccessRate,
    render: (w) => formatShare(w.attemptSuccessRate),
  },
  {
    key: 'spend',
    label: 'Token spend',
    value: (w) => w.tokenCostUsd,
    render: (w) => formatUsd(w.tokenCostUsd),
  },
  {
    key: 'loaded',
    label: 'Fully loaded cost per resolved',
    value: (w) => w.fullyLoadedCostPerResolvedUsd,
    render: (w) => formatUsd(w.fullyLoadedCostPerResolvedUsd),
  },
  {
    key: 'bpo',
    label: 'BPO price',
    value: (w) => w.bpoPricePerUnitUsd,
    render: (w) => formatUsd(w.bpoPricePerUnitUsd),
  },
  {
    key: 'value',
    label: 'Value per inference dollar',
    value: (w) => w.valuePerInferenceDollar,
    render: (w) => formatRatio(w.valuePerInferenceDollar),
  },
];

export function WorkflowsPage(props: { query: URLSearchParams }) {
  const workflows = useApi<{ workflows: Economics[] }>(
    `/api/v1/workflows${unitsQuery(props.query)}`,
  );
  const only = props.query.get('workflow');
  return (
    <>
      <h1>Workflows{filtersTitle(props.query)}</h1>
      <Ready loads={[workflows]}>
        {() => {
          if (workflows.state !== 'ready') return null;
          const rows = workflows.data.workflows.filter((w) => !only || w.workflow === only);
          if (workflows.data.workflows.length === 0) return <EmptyState />;
          return (
            <section className="panel">
              <SortableTable
                caption="Unit economics per workflow; click a column header to sort"
                columns={COLUMNS}
                rows={rows}
                rowKey={(w) => w.workflow}
                initial={{ key: 'spend', descending: true }}
                testId="workflows-table"
              />
            </section>
          );
        }}
      </Ready>
    </>
  );
}
