/**
 * An Apache ECharts chart with a screen-reader label and a visually hidden text summary; only the
 * chart types the dashboard uses are bundled.
 */
import { BarChart, LineChart, SankeyChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([
  BarChart,
  LineChart,
  SankeyChart,
  GridComponent,
  LegendComponent,
  // The allocation page marks the optimal retry cap on the marginal-value curve.
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export function Chart(props: {
  option: EChartsCoreOption;
  label: string;
  summary: string;
  height?: number;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = element.current;
    if (!container) return;
    const chart = init(container, undefined, { renderer: 'svg' });
    // Our own label and summary describe the chart; ECharts' generated aria text lists raw floats.
    chart.setOption({ aria: { enabled: false }, animation: false, ...props.option });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [props.option]);
  return (
    <figure className="chart" data-testid={props.testId}>
      <div
        ref={element}
        role="img"
        aria-label={props.label}
        style={{ height: props.height ?? 280 }}
      />
      <figcaption className="visually-hidden">{props.summary}</figcaption>
    </figure>
  );
}
