/**
 * The spread a bill's average hides: a workflow's work units in cost bands, stacked by outcome,
 * with a table of the same figures for reading exactly and for screen readers.
 */
import { useMemo } from 'react';
import { type CostDistribution, unitsQuery, useApi } from '../api.js';
import { Chart } from '../chart.js';
import { formatCount, formatShare, formatUsd } from '../format.js';
import { Ready } from '../status.js';

const bandLabel = (b: { fromUsd: number; toUsd: number }) =>
  `${formatUsd(b.fromUsd)}–${formatUsd(b.toUsd)}`;

function DistributionChart(props: { d: CostDistribution }) {
  const { bands } = props.d;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 72 },
      xAxis: {
        type: 'category',
        name: 'Token cost per work unit',
        nameLocation: 'middle',
        nameGap: 56,
        data: bands.map(bandLabel),
        axisLabel: { rotate: 30, fontSize: 10 },
      },
      yAxis: { type: 'value', name: 'Work units' },
      series: [
        ['Resolved', (b: (typeof bands)[number]) => b.resolvedUnits, '#2f7d4a'],
        ['Not resolved', (b: (typeof bands)[number]) => b.unresolvedUnits, '#c0392b'],
        ['Awaiting outcome', (b: (typeof bands)[number]) => b.awaitingOutcomeUnits, '#9aa5b1'],
      ].map(([name, of, color]) => ({
        name,
        type: 'bar',
        stack: 'units',
        itemStyle: { color },
        data: bands.map(of as (b: (typeof bands)[number]) => number),
      })),
    }),
    [bands],
  );
  const dearest = bands[bands.length - 1];
  const cheapest = bands[0];
  const summary =
    cheapest && dearest
      ? `${formatCount(props.d.units - props.d.zeroCostUnits)} units with a cost, from ${formatUsd(cheapest.fromUsd)} to ${formatUsd(dearest.toUsd)}; the dearest band holds ${formatShare(dearest.unitShare)} of the units and ${formatShare(dearest.costShare)} of the spend.`
      : 'No unit has a cost in this range.';
  return (
    <Chart
      option={option}
      label={`Work units of ${props.d.workflow} by token cost band, stacked by outcome`}
      summary={summary}
      testId="cost-distribution-chart"
    />
  );
}

export function CostDistributionPanel(props: { workflow: string; query: URLSearchParams }) {
  const range = unitsQuery(props.query);
  const d = useApi<CostDistribution>(
    `/api/v1/workflows/${encodeURIComponent(props.workflow)}/cost-distribution${range}${range ? '&' : '?'}bands=12`,
  );
  return (
    <Ready loads={[d]}>
      {() =>
        d.state !== 'ready' ? null : d.data.bands.length === 0 ? (
          <p>No work unit of this workflow has a priced token cost in this range yet.</p>
        ) : (
          <>
            <DistributionChart d={d.data} />
            <table data-testid="cost-distribution">
              <caption>
                Token cost per work unit, {formatCount(d.data.zeroCostUnits)} units without cost
                left out
              </caption>
              <thead>
                <tr>
                  <th scope="col">Cost band</th>
                  <th scope="col">Units</th>
                  <th scope="col">Resolved</th>
                  <th scope="col">Share of units</th>
                  <th scope="col">Token spend</th>
                  <th scope="col">Share of spend</th>
                </tr>
              </thead>
              <tbody>
                {d.data.bands
                  .filter((b) => b.units > 0)
                  .map((b) => (
                    <tr key={b.fromUsdExact}>
                      <td>{bandLabel(b)}</td>
                      <td>{formatCount(b.units)}</td>
                      <td>{formatCount(b.resolvedUnits)}</td>
                      <td>{formatShare(b.unitShare)}</td>
                      <td>{formatUsd(b.tokenCostUsd)}</td>
                      <td>{formatShare(b.costShare)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </>
        )
      }
    </Ready>
  );
}
