/** Overview: spend, resolved outcomes, cost per resolved outcome against the BPO price, trends. */
import { useMemo } from 'react';
import {
  type Economics,
  rangeQuery,
  type SpendTotals,
  useApi,
  type WorkflowDetail,
} from '../api.js';
import { Chart } from '../chart.js';
import { formatCount, formatRatio, formatUsd } from '../format.js';
import { Link, withView } from '../router.js';
import { EmptyState, Ready } from '../status.js';
import { CostSeriesChart } from './cost-series-chart.js';

function Card(props: { label: string; figure: string; note?: string; testId: string }) {
  return (
    <div className="card" data-testid={props.testId}>
      <div className="label">{props.label}</div>
      <div className="figure">{props.figure}</div>
      {props.note ? <div className="label">{props.note}</div> : null}
    </div>
  );
}

function CostVsBpoChart(props: { rows: Economics[] }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 16, top: 36, bottom: 60 },
      xAxis: {
        type: 'category',
        data: props.rows.map((w) => w.workflow),
        axisLabel: { interval: 0, rotate: 20 },
      },
      yAxis: { type: 'value', name: 'USD' },
      series: [
        {
          name: 'Fully loaded cost per resolved',
          type: 'bar',
          data: props.rows.map((w) => w.fullyLoadedCostPerResolvedUsd),
        },
        { name: 'BPO price', type: 'bar', data: props.rows.map((w) => w.bpoPricePerUnitUsd) },
      ],
    }),
    [props.rows],
  );
  const summary = props.rows
    .map(
      (w) =>
        `${w.workflow}: ${formatUsd(w.fullyLoadedCostPerResolvedUsd)} per resolved outcome against a BPO price of ${formatUsd(w.bpoPricePerUnitUsd)}.`,
    )
    .join(' ');
  return (
    <Chart
      option={option}
      label="Fully loaded cost per resolved outcome against the BPO price, per workflow"
      summary={summary}
      testId="cost-vs-bpo-chart"
    />
  );
}

function DailyTrend(props: { workflow: string; query: URLSearchParams }) {
  const detail = useApi<WorkflowDetail>(
    `/api/v1/workflows/${encodeURIComponent(props.workflow)}${rangeQuery(props.query)}`,
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

function WorkflowRows(props: { rows: Economics[] }) {
  return (
    <table data-testid="overview-workflows">
      <thead>
        <tr>
          <th scope="col">Workflow</th>
          <th scope="col">Resolved</th>
          <th scope="col">Token spend</th>
          <th scope="col">Fully loaded cost per resolved</th>
          <th scope="col">BPO price</th>
          <th scope="col">Labour cost per unit</th>
          <th scope="col">Value per inference dollar</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((w) => (
          <tr key={w.workflow} data-workflow={w.workflow}>
            <td>
              <Link to={withView(`/workflows/${encodeURIComponent(w.workflow)}`)}>
                {w.workflow}
              </Link>
            </td>
            <td>{formatCount(w.resolvedUnits)}</td>
            <td>{formatUsd(w.tokenCostUsd)}</td>
            <td data-testid="cost-per-resolved">{formatUsd(w.fullyLoadedCostPerResolvedUsd)}</td>
            <td>{formatUsd(w.bpoPricePerUnitUsd)}</td>
            <td>{formatUsd(w.laborCostPerUnitUsd)}</td>
            <td>{formatRatio(w.valuePerInferenceDollar)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OverviewPage(props: { query: URLSearchParams }) {
  const totals = useApi<SpendTotals>('/api/v1/spend/totals');
  const workflows = useApi<{ workflows: Economics[] }>(
    `/api/v1/workflows${rangeQuery(props.query)}`,
  );
  const only = props.query.get('workflow');
  return (
    <>
      <h1>Overview</h1>
      <Ready loads={[totals, workflows]}>
        {() => {
          if (totals.state !== 'ready' || workflows.state !== 'ready') return null;
          const all = workflows.data.workflows;
          if (totals.data.steps === 0 && all.length === 0) return <EmptyState />;
          const rows = only ? all.filter((w) => w.workflow === only) : all;
          const spend = formatUsd(only ? (rows[0]?.tokenCostUsd ?? 0) : totals.data.costUsd);
          const resolved = rows.reduce((sum, w) => sum + w.resolvedUnits, 0);
          const trend =
            only ?? [...rows].sort((a, b) => b.tokenCostUsd - a.tokenCostUsd)[0]?.workflow;
          return (
            <>
              <div className="cards">
                <Card
                  testId="card-spend"
                  label={only ? `Token spend, ${only}` : 'Token spend, all time'}
                  figure={spend}
                />
                <Card
                  testId="card-resolved"
                  label="Resolved outcomes"
                  figure={formatCount(resolved)}
                />
                <Card
                  testId="card-unattributed"
                  label="Unattributed spend (no work unit)"
                  figure={formatUsd(totals.data.unattributedCostUsd)}
                />
                <Card
                  testId="card-unpriced"
                  label="Unpriced steps (cost unknown, not $0)"
                  figure={formatCount(totals.data.unpricedSteps)}
                  note={`${formatCount(totals.data.unpricedInputTokens + totals.data.unpricedOutputTokens)} tokens`}
                />
              </div>
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
