/** Overview tables and charts per workflow: cost per resolved against the BPO price, and the rows. */
import { useMemo } from 'react';
import type { Economics } from '../api.js';
import { Chart } from '../chart.js';
import { formatCount, formatRatio, formatUsd } from '../format.js';
import { Link, withView } from '../router.js';

export function CostVsBpoChart(props: { rows: Economics[] }) {
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

export function WorkflowRows(props: { rows: Economics[] }) {
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
