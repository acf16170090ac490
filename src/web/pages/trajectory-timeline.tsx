/**
 * The unit's steps on one time axis (Gantt-style stacked bars: an invisible offset, then the
 * step's duration), one row per step in tree order, coloured by its marker (the legend is the page's, in trajectory-summary.tsx).
 */
import { useMemo } from 'react';
import { Chart } from '../chart.js';
import { formatUsd } from '../format.js';
import {
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  type FlatStep,
  type StepCategory,
  stepCategory,
} from './trajectory-types.js';

const DRAWN: StepCategory[] = ['normal', 'retry', 'repeat', 'error', 'human'];

export function rowLabel(row: FlatStep): string {
  return `A${row.attempt} ${'· '.repeat(row.depth)}${row.step.stepName || row.step.name}`;
}

export function TrajectoryTimeline(props: { rows: FlatStep[]; unitId: string }) {
  const { rows } = props;
  const option = useMemo(() => {
    // ECharts draws category rows bottom-up; reversed so the first step is on top.
    const ordered = [...rows].reverse();
    const cost = (row: FlatStep) =>
      row.step.costUsd === null
        ? `unpriced (${row.step.pricingStatus})`
        : formatUsd(row.step.costUsd);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number; seriesName: string }) => {
          const row = ordered[p.dataIndex];
          if (!row || p.seriesName === 'offset') return '';
          const s = row.step;
          return `${rowLabel(row)}<br/>${s.model ?? s.toolName ?? s.kind} · ${(s.durationMs / 1000).toFixed(2)} s · ${cost(row)}${s.markers.length ? `<br/>${s.markers.join(', ')}` : ''}`;
        },
      },
      // The page's own legend above the chart names the colours; ECharts' would repeat it.
      grid: { left: 220, right: 24, top: 16, bottom: 30 },
      xAxis: {
        type: 'value',
        name: 'seconds from the unit start',
        nameLocation: 'middle',
        nameGap: 22,
      },
      yAxis: {
        type: 'category',
        data: ordered.map(rowLabel),
        axisLabel: { width: 200, overflow: 'truncate' },
      },
      series: [
        {
          name: 'offset',
          type: 'bar',
          stack: 'time',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: ordered.map((r) => r.offsetMs / 1000),
        },
        ...DRAWN.map((category) => ({
          name: CATEGORY_LABELS[category],
          type: 'bar',
          stack: 'time',
          barMaxWidth: 14,
          itemStyle: { color: CATEGORY_COLORS[category] },
          data: ordered.map((r) =>
            stepCategory(r.step) === category ? Math.max(r.step.durationMs / 1000, 0.001) : '-',
          ),
        })),
      ],
    };
  }, [rows]);
  const marked = rows.filter((r) => r.step.markers.length > 0 || r.step.kind === 'human');
  return (
    <Chart
      option={option}
      testId="trajectory-timeline"
      height={Math.max(180, 70 + rows.length * 18)}
      label={`Timeline of the ${rows.length} steps of work unit ${props.unitId}, coloured by marker`}
      summary={`${rows.length} steps. ${marked
        .map((r) => `${rowLabel(r)}: ${CATEGORY_LABELS[stepCategory(r.step)]}.`)
        .join(' ')}`}
    />
  );
}
