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

/** One chart per budget, each on its own scale, so a small budget is as readable as a large one. */
function BudgetChart(props: { budget: BudgetStatus }) {
  const b = props.budget;
  const option = useMemo(() => {
    const limit = Number(b.amountUsd);
    const top = Math.max(Number(b.burnUsd), b.forecastP50Usd, b.forecastP95Usd);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 96, right: 48, top: 28, bottom: 28 },
      yAxis: { type: 'category', data: ['Spent so far', 'Forecast p50', 'Forecast p95'] },
      // Stretch the axis to the limit when spend and forecast are all below it, so the mark shows.
      xAxis: { type: 'value', name: 'USD', max: limit > top ? limit : undefined },
      series: [
        {
          name: b.id,
          type: 'bar',
          data: [
            Number(b.burnUsd),
            { value: b.forecastP50Usd, itemStyle: { color: '#9db8e8' } },
            { value: b.forecastP95Usd, itemStyle: { color: '#c9d7f0' } },
          ],
          markLine: {
            symbol: 'none',
            label: { formatter: `limit ${formatUsd(limit)}` },
            lineStyle: { color: '#b3261e', type: 'dashed' },
            data: [{ xAxis: limit }],
          },
        },
      ],
    };
  }, [b]);
  return (
    <div className="budget-chart" data-budget={b.id}>
      <h3>
        {b.id} <span className="note">{scope(b)}</span>
      </h3>
      <Chart
        option={option}
        label={`Budget ${b.id}: spend so far and forecast to ${formatDay(b.periodEnd)} against its limit`}
        summary={`${b.id}: ${formatUsd(Number(b.burnUsd))} spent of ${formatUsd(Number(b.amountUsd))}, forecast ${formatUsd(b.forecastP50Usd)} (p50) to ${formatUsd(b.forecastP95Usd)} (p95) by ${formatDay(b.periodEnd)}.`}
        height={170}
        testId="budget-chart"
      />
    </div>
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
              <div className="grid2">
                {budgets.map((b) => (
                  <BudgetChart key={b.id} budget={b} />
                ))}
              </div>
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
