/** Overview: how each workflow's spend splits into productive cost, each waste class and awaiting outcome. */
import { useMemo } from 'react';
import type { WasteSplit } from '../api.js';
import { Chart } from '../chart.js';
import { formatUsd } from '../format.js';
import { WASTE_LABELS } from './waste-labels.js';

function parts(w: WasteSplit): [string, number, string][] {
  return [
    ['Productive', w.productive.usdNumber, w.productive.usd],
    ...Object.entries(WASTE_LABELS).map(([key, name]): [string, number, string] => [
      name,
      w.classes[key]?.usdNumber ?? 0,
      w.classes[key]?.usd ?? '0',
    ]),
    ['Awaiting outcome', w.awaitingOutcome.usdNumber, w.awaitingOutcome.usd],
  ];
}

/** The stacked bars alone: one bar per workflow (the workflow page draws its own one). */
export function WasteSplitBars(props: { rows: WasteSplit[]; height?: number }) {
  const option = useMemo(() => {
    const names = parts(props.rows[0] ?? emptySplit()).map(([name]) => name);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 110, right: 16, top: 56, bottom: 30 },
      xAxis: { type: 'value', name: 'USD' },
      yAxis: { type: 'category', data: props.rows.map((w) => w.workflow) },
      series: names.map((name, i) => ({
        name,
        type: 'bar',
        stack: 'spend',
        data: props.rows.map((w) => parts(w)[i]?.[1] ?? 0),
      })),
    };
  }, [props.rows]);
  const summary = props.rows.map((w) => w.sentence).join(' ');
  return (
    <Chart
      option={option}
      label="Token spend per workflow split into productive cost, each waste class and spend awaiting an outcome"
      summary={summary}
      height={props.height ?? Math.max(200, 70 + props.rows.length * 40)}
      testId="waste-split-chart"
    />
  );
}

export function WasteSplitChart(props: { rows: WasteSplit[] }) {
  return (
    <>
      <WasteSplitBars rows={props.rows} />
      <table data-testid="waste-split">
        <thead>
          <tr>
            <th scope="col">Workflow</th>
            <th scope="col">Total</th>
            {parts(props.rows[0] ?? emptySplit()).map(([name]) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((w) => (
            <tr key={w.workflow} data-workflow={w.workflow}>
              <td>{w.workflow}</td>
              <td data-part="total">{formatUsd(w.total.usdNumber)}</td>
              {parts(w).map(([name, value]) => (
                <td key={name} data-part={name}>
                  {formatUsd(value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function emptySplit(): WasteSplit {
  const zero = { usd: '0', usdNumber: 0 };
  return {
    workflow: '',
    total: zero,
    productive: zero,
    awaitingOutcome: zero,
    classes: {},
    sentence: '',
  };
}
