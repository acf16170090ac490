/**
 * Burn and forecast per budget: spend so far, the p50/p95 forecast to the period's end against the
 * limit, and the thresholds crossed. Figures come from `GET /api/v1/budgets/status` as sent.
 */
import { useMemo } from 'react';
import { type BudgetStatus, useApi } from '../api.js';
import { Chart } from '../chart.js';
import { formatDay, formatUsd } from '../format.js';
import { Ready } from '../status.js';
import { BudgetEmptyState } from './budget-empty-state.js';

const scope = (b: BudgetStatus) =>
  [b.team ? `team ${b.team}` : null, b.workflow ? `workflow ${b.workflow}` : null]
    .filter(Boolean)
    .join(', ');

const crossedLabel = (label: string) =>
  label === 'forecast-over' ? 'forecast over limit' : `${Number(label) * 100}%`;

function BudgetChart(props: { budgets: BudgetStatus[] }) {
  const { budgets } = props;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 120, right: 24, top: 36, bottom: 32 },
      yAxis: { type: 'category', data: budgets.map((b) => b.id) },
      xAxis: { type: 'value', name: 'USD' },
      series: [
        { name: 'Spent so far', type: 'bar', data: budgets.map((b) => Number(b.burnUsd)) },
        { name: 'Forecast p50', type: 'bar', data: budgets.map((b) => b.forecastP50Usd) },
        { name: 'Forecast p95', type: 'bar', data: budgets.map((b) => b.forecastP95Usd) },
        {
          name: 'Limit',
          type: 'line',
          data: budgets.map((b) => Number(b.amountUsd)),
          lineStyle: { width: 0 },
          symbol: 'diamond',
          symbolSize: 14,
        },
      ],
    }),
    [budgets],
  );
  const summary = budgets
    .map(
      (b) =>
        `${b.id}: ${formatUsd(Number(b.burnUsd))} spent of ${formatUsd(Number(b.amountUsd))}, forecast ${formatUsd(b.forecastP50Usd)} (p50) to ${formatUsd(b.forecastP95Usd)} (p95) by ${formatDay(b.periodEnd)}.`,
    )
    .join(' ');
  return (
    <Chart
      option={option}
      label="Spend so far and forecast to period end per budget, against each budget's limit"
      summary={summary}
      height={Math.max(160, 70 * budgets.length + 70)}
      testId="budget-chart"
    />
  );
}

function BudgetRow(props: { budget: BudgetStatus }) {
  const b = props.budget;
  return (
    <tr data-budget={b.id}>
      <th scope="row">{b.id}</th>
      <td>{scope(b)}</td>
      <td>
        {b.period}, {formatDay(b.periodStart)} to {formatDay(b.periodEnd)}
      </td>
      <td data-testid="budget-burn">{formatUsd(Number(b.burnUsd))}</td>
      <td data-testid="budget-amount">{formatUsd(Number(b.amountUsd))}</td>
      <td data-testid="budget-percent">{b.percent.toFixed(2)}%</td>
      <td data-testid="budget-p50">{formatUsd(b.forecastP50Usd)}</td>
      <td data-testid="budget-p95">{formatUsd(b.forecastP95Usd)}</td>
      <td data-testid="budget-crossed">
        {b.crossed.length === 0 ? 'none' : b.crossed.map(crossedLabel).join(', ')}
      </td>
      <td>
        {b.forecastObservedDays} days
        {b.unpricedSteps > 0 ? `; ${b.unpricedSteps} unpriced calls not in the burn` : ''}
      </td>
    </tr>
  );
}

export function BudgetStatusPanel() {
  const status = useApi<{ budgets: BudgetStatus[] }>('/api/v1/budgets/status');
  return (
    <section className="panel" aria-labelledby="budgets-heading">
      <h2 id="budgets-heading">Budgets: burn and forecast</h2>
      <Ready loads={[status]}>
        {() => {
          if (status.state !== 'ready') return null;
          const budgets = status.data.budgets;
          if (budgets.length === 0) return <BudgetEmptyState />;
          return (
            <>
              <BudgetChart budgets={budgets} />
              <div className="scroll">
                <table data-testid="budgets-table">
                  <caption className="visually-hidden">Each budget this period</caption>
                  <thead>
                    <tr>
                      <th scope="col">Budget</th>
                      <th scope="col">Covers</th>
                      <th scope="col">Period</th>
                      <th scope="col">Spent</th>
                      <th scope="col">Limit</th>
                      <th scope="col">Used</th>
                      <th scope="col">Forecast p50</th>
                      <th scope="col">Forecast p95</th>
                      <th scope="col">Thresholds crossed</th>
                      <th scope="col">Evidence</th>
                    </tr>
                  </thead>
                  <tbody>
                    {budgets.map((b) => (
                      <BudgetRow key={b.id} budget={b} />
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Ready>
    </section>
  );
}
