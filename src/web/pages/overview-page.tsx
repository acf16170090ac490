/**
 * Overview: spend, resolved outcomes, cost per resolved outcome against the BPO price, the waste
 * split, the spend flow, unattributed and unpriced spend, trends; filtered by the view's team,
 * workflow and business attribute (attr.KEY=value in the URL).
 */
import {
  type Economics,
  type SpendFlow,
  type SpendTotals,
  unitsQuery,
  useApi,
  viewQuery,
  type WasteSplit,
  type WorkflowDetail,
} from '../api.js';
import { formatCount, formatUsd } from '../format.js';
import { EmptyState, Ready } from '../status.js';
import { CostSeriesChart } from './cost-series-chart.js';
import { CostVsBpoChart, WorkflowRows } from './overview-workflows.js';
import { SpendFlowChart } from './spend-flow-chart.js';
import { WasteSplitChart } from './waste-split-chart.js';

function Card(props: { label: string; figure: string; note?: string; testId: string }) {
  return (
    <div className="card" data-testid={props.testId}>
      <div className="label">{props.label}</div>
      <div className="figure">{props.figure}</div>
      {props.note ? <div className="label">{props.note}</div> : null}
    </div>
  );
}

function DailyTrend(props: { workflow: string; query: URLSearchParams }) {
  const detail = useApi<WorkflowDetail>(
    `/api/v1/workflows/${encodeURIComponent(props.workflow)}${unitsQuery(props.query)}`,
  );
  return (
    <section className="panel">
      <h2>Daily cost per resolved outcome: {props.workflow}</h2>
      <Ready loads={[detail]}>
        {() => (detail.state === 'ready' ? <CostSeriesChart detail={detail.data} /> : null)}
      </Ready>
    </section>
  );
}

/** The filters in force, as a phrase: `team ops, segment = gold`. */
function filterText(query: URLSearchParams): string | null {
  const parts: string[] = [];
  for (const key of ['team', 'workflow']) {
    const value = query.get(key);
    if (value) parts.push(`${key} ${value}`);
  }
  for (const [key, value] of query)
    if (key.startsWith('attr.') && value) parts.push(`${key.slice(5)} = ${value}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

export function OverviewPage(props: { query: URLSearchParams }) {
  const totals = useApi<SpendTotals>('/api/v1/spend/totals');
  const view = viewQuery(props.query);
  // The attribute filter narrows the units server-side; team and workflow pick rows below.
  const workflows = useApi<{ workflows: Economics[] }>(
    `/api/v1/workflows${unitsQuery(props.query)}`,
  );
  const waste = useApi<{ workflows: WasteSplit[] }>(`/api/v1/waste${view}`);
  const flow = useApi<SpendFlow>(`/api/v1/spend/flow${view}`);
  const only = props.query.get('workflow');
  const team = props.query.get('team');
  const filters = filterText(props.query);
  return (
    <>
      <h1>Overview{filters ? `: ${filters}` : ''}</h1>
      <Ready loads={[totals, workflows, waste, flow]}>
        {() => {
          if (
            totals.state !== 'ready' ||
            workflows.state !== 'ready' ||
            waste.state !== 'ready' ||
            flow.state !== 'ready'
          )
            return null;
          const all = workflows.data.workflows;
          if (totals.data.steps === 0 && all.length === 0) return <EmptyState />;
          const rows = all.filter(
            (w) => (!only || w.workflow === only) && (!team || (w.team ?? '(no team)') === team),
          );
          const spend = formatUsd(filters ? flow.data.total.usdNumber : totals.data.costUsd);
          const resolved = rows.reduce((sum, w) => sum + w.resolvedUnits, 0);
          const trend =
            only ?? [...rows].sort((a, b) => b.tokenCostUsd - a.tokenCostUsd)[0]?.workflow;
          return (
            <>
              <div className="cards">
                <Card
                  testId="card-spend"
                  label={
                    filters ? `Token spend of work units, ${filters}` : 'Token spend, all time'
                  }
                  figure={spend}
                />
                <Card
                  testId="card-resolved"
                  label={filters ? `Resolved outcomes, ${filters}` : 'Resolved outcomes'}
                  figure={formatCount(resolved)}
                />
                <Card
                  testId="card-unattributed"
                  label="Unattributed spend (no work unit, all teams)"
                  figure={formatUsd(totals.data.unattributedCostUsd)}
                />
                <Card
                  testId="card-unpriced"
                  label="Unpriced steps (cost unknown, not $0)"
                  figure={formatCount(totals.data.unpricedSteps)}
                  note={`${formatCount(totals.data.unpricedInputTokens + totals.data.unpricedOutputTokens)} tokens`}
                />
              </div>
              <section className="panel">
                <h2>Where the spend goes: productive cost and each waste class</h2>
                {waste.data.workflows.length === 0 ? (
                  <p>No work units match this view.</p>
                ) : (
                  <WasteSplitChart rows={waste.data.workflows} />
                )}
              </section>
              <section className="panel">
                <h2>Spend flow: team → workflow → model → verdict</h2>
                {flow.data.links.length === 0 ? (
                  <p>No priced spend of work units matches this view.</p>
                ) : (
                  <SpendFlowChart flow={flow.data} />
                )}
              </section>
              {rows.length === 0 ? (
                <p>No work units in this range{only ? ` for ${only}` : ''}.</p>
              ) : (
                <>
                  <section className="panel">
                    <h2>Fully loaded cost per resolved outcome against the BPO price</h2>
                    <CostVsBpoChart rows={rows} />
                    <WorkflowRows rows={rows} />
                  </section>
                  {trend ? <DailyTrend workflow={trend} query={props.query} /> : null}
                </>
              )}
            </>
          );
        }}
      </Ready>
    </>
  );
}
