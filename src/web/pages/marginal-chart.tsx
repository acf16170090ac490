/**
 * One workflow's marginal value of spend: per attempt, what it costs and saves against the
 * fallback per unit, and its net value, with the optimal retry cap marked.
 */
import { useMemo } from 'react';
import type { MarginalView } from '../api.js';
import { Chart } from '../chart.js';
import { formatUsd } from '../format.js';

const money = (value: string | null) => (value === null ? null : Number(value));

export function MarginalChart(props: { view: MarginalView }) {
  const { view } = props;
  const cap = view.retryCaps?.optimalCap ?? null;
  const option = useMemo(() => {
    const labels = view.attemptCurve.map((p) => `Attempt ${p.attempt}`);
    const capLabel = cap !== null && cap > 0 ? `Attempt ${cap}` : null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', name: 'USD per unit' },
      series: [
        {
          name: 'Expected cost',
          type: 'bar',
          data: view.attemptCurve.map((p) => money(p.expectedCostUsd)),
        },
        {
          name: 'Fallback saving',
          type: 'bar',
          data: view.attemptCurve.map((p) => money(p.fallbackSavingUsd)),
        },
        {
          name: 'Net value',
          type: 'line',
          data: view.attemptCurve.map((p) => money(p.netValueUsd)),
          markLine: capLabel
            ? {
                symbol: 'none',
                label: { formatter: `optimal cap: ${cap}` },
                lineStyle: { type: 'dashed' },
                data: [{ xAxis: capLabel }],
              }
            : undefined,
        },
      ],
    };
  }, [view, cap]);
  const summary = view.attemptCurve
    .map(
      (p) =>
        `Attempt ${p.attempt}: reached by ${p.reached} units, costs ${formatUsd(money(p.expectedCostUsd))} and saves ${formatUsd(money(p.fallbackSavingUsd))} per unit, net ${formatUsd(money(p.netValueUsd))}.`,
    )
    .concat(cap === null ? [] : [`The optimal retry cap is ${cap}.`])
    .join(' ');
  return (
    <Chart
      option={option}
      label={`Marginal value of each further attempt for ${view.workflow}, with the optimal retry cap`}
      summary={summary}
      testId="marginal-chart"
    />
  );
}
