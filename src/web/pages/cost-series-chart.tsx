/** A workflow's daily fully loaded cost per resolved outcome, drawn against its BPO price and labour cost. */
import { useMemo } from 'react';
import type { WorkflowDaily } from '../api.js';
import { Chart } from '../chart.js';
import { formatDay, formatUsd } from '../format.js';

export function CostSeriesChart(props: { detail: WorkflowDaily }) {
  const { series, workflow } = props.detail;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: series.map((day) => formatDay(day.group)) },
      yAxis: { type: 'value', name: 'USD' },
      series: [
        {
          name: 'Fully loaded cost per resolved',
          type: 'line',
          data: series.map((day) => day.fullyLoadedCostPerResolvedUsd),
          connectNulls: true,
        },
        {
          name: 'BPO price',
          type: 'line',
          data: series.map(() => workflow.bpoPricePerUnitUsd),
          lineStyle: { type: 'dashed' },
          symbol: 'none',
        },
        {
          name: 'Internal labour cost',
          type: 'line',
          data: series.map(() => workflow.laborCostPerUnitUsd),
          lineStyle: { type: 'dotted' },
          symbol: 'none',
        },
      ],
    }),
    [series, workflow],
  );
  const first = series[0];
  const last = series[series.length - 1];
  const summary =
    first && last
      ? `${series.length} days from ${formatDay(first.group)} to ${formatDay(last.group)}; over the range ${formatUsd(workflow.fullyLoadedCostPerResolvedUsd)} per resolved outcome against a BPO price of ${formatUsd(workflow.bpoPricePerUnitUsd)} and an internal labour cost of ${formatUsd(workflow.laborCostPerUnitUsd)}.`
      : 'No days in range.';
  return (
    <Chart
      option={option}
      label={`Daily fully loaded cost per resolved outcome for ${workflow.workflow}, with the BPO price and internal labour cost`}
      summary={summary}
      testId="cost-series-chart"
    />
  );
}
