/** The recommendations with their expected saving per month, sortable (`GET /api/v1/recommendations`). */
import { type Recommendation, useApi } from '../api.js';
import { formatUsd } from '../format.js';
import { Link, withView } from '../router.js';
import { type Column, SortableTable } from '../sortable-table.js';
import { Ready } from '../status.js';

const KIND_LABELS: Record<string, string> = {
  expand: 'Expand',
  cap_retries: 'Cap retries',
  reroute: 'Reroute',
  keep_human: 'Keep with people',
  replace_bpo: 'Replace BPO',
  investigate: 'Investigate',
};

const perMonth = (r: Recommendation) => (r.perMonthUsd === null ? null : Number(r.perMonthUsd));

const COLUMNS: Column<Recommendation>[] = [
  {
    key: 'workflow',
    label: 'Workflow',
    value: (r) => r.workflow,
    render: (r) => (
      <Link to={withView(`/workflows/${encodeURIComponent(r.workflow)}`)}>{r.workflow}</Link>
    ),
  },
  {
    key: 'kind',
    label: 'Kind',
    value: (r) => r.kind,
    render: (r) => KIND_LABELS[r.kind] ?? r.kind,
  },
  {
    key: 'explanation',
    label: 'Recommendation',
    value: (r) => r.explanation,
    render: (r) => r.explanation,
  },
  {
    key: 'perMonth',
    label: 'Saving or gain per month',
    value: perMonth,
    render: (r) => <span data-testid="recommendation-money">{formatUsd(perMonth(r))}</span>,
  },
];

export function RecommendationsPanel(props: { workflow: string | null }) {
  const query = props.workflow ? `?workflow=${encodeURIComponent(props.workflow)}` : '';
  const loaded = useApi<{ recommendations: Recommendation[] }>(`/api/v1/recommendations${query}`);
  return (
    <section className="panel" aria-labelledby="recommendations-heading">
      <h2 id="recommendations-heading">Recommendations</h2>
      <Ready loads={[loaded]}>
        {() => {
          if (loaded.state !== 'ready') return null;
          const rows = loaded.data.recommendations;
          if (rows.length === 0)
            return (
              <p data-testid="recommendations-empty">
                No recommendations yet: they need decided work units (outcomes posted to{' '}
                <code>/v1/outcomes</code>) and a baseline per workflow with a BPO price or labour
                minutes.
              </p>
            );
          return (
            <SortableTable
              caption="Recommendations with their expected money per month; click a column header to sort"
              columns={COLUMNS}
              rows={rows}
              rowKey={(r) => `${r.workflow}/${r.kind}/${r.explanation}`}
              initial={{ key: 'perMonth', descending: true }}
              testId="recommendations-table"
            />
          );
        }}
      </Ready>
    </section>
  );
}
