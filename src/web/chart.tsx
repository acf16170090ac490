/**
 * A chart with a screen-reader label and a visually hidden text summary. ECharts (echarts-view.tsx)
 * is most of the dashboard's script, so it is its own chunk, asked for as soon as this module runs:
 * the cards and tables draw without waiting for it to load, and a chart shows a labelled, busy box
 * of its final height until it has.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense } from 'react';

const loading = import('./echarts-view.js');
const EChartsView = lazy(() => loading.then((m) => ({ default: m.EChartsView })));

export function Chart(props: {
  option: EChartsCoreOption;
  label: string;
  summary: string;
  height?: number;
  testId?: string;
}) {
  const height = props.height ?? 280;
  return (
    <figure className="chart" data-testid={props.testId}>
      <Suspense
        fallback={<div role="img" aria-label={props.label} aria-busy="true" style={{ height }} />}
      >
        <EChartsView option={props.option} label={props.label} height={height} />
      </Suspense>
      <figcaption className="visually-hidden">{props.summary}</figcaption>
    </figure>
  );
}
