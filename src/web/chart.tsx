/**
 * A chart with a screen-reader label and a visually hidden text summary. ECharts (echarts-view.tsx)
 * is most of the dashboard's script, so it is its own chunk, asked for as soon as this module runs:
 * the cards and tables draw without waiting for it to load, and a chart shows a labelled, busy box
 * of its final height until it has.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { Component, lazy, type ReactNode, Suspense } from 'react';

const loading = import('./echarts-view.js');
// A failed load is shown where a chart renders (lazy rethrows it), not as an unhandled rejection.
loading.catch(() => undefined);
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
      <ChartFailure>
        <Suspense
          fallback={<div role="img" aria-label={props.label} aria-busy="true" style={{ height }} />}
        >
          <EChartsView option={props.option} label={props.label} height={height} />
        </Suspense>
      </ChartFailure>
      <figcaption className="visually-hidden">{props.summary}</figcaption>
    </figure>
  );
}

/** A chart that cannot be drawn (its script failed to load) says so; the rest of the page stays. */
class ChartFailure extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.message === null) return this.props.children;
    return (
      <div role="alert">
        <strong>The chart could not be drawn.</strong> {this.state.message} (reload to try again)
      </div>
    );
  }
}
