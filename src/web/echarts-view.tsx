/**
 * Apache ECharts, drawn as SVG: only the chart types the dashboard uses are bundled. Most of the
 * dashboard's script, so chart.tsx loads this module as its own chunk.
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

/** The drawn chart: the ECharts instance in a labelled box, redrawn when the option changes. */
export function EChartsView(props: { option: EChartsCoreOption; label: string; height: number }) {
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
  return <div ref={element} role="img" aria-label={props.label} style={{ height: props.height }} />;
}
