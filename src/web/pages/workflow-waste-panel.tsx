/**
 * Where a workflow's spend went: productive, awaiting an outcome and each waste class, exactly as
 * the API splits it (the parts add up to the total), with each class's rule and its costliest case.
 */
import { useMemo } from 'react';
import { rangeQuery, useApi } from '../api.js';
import { Chart } from '../chart.js';
import { formatCount, formatUsd } from '../format.js';
import { Link, withView } from '../router.js';
import { Ready } from '../status.js';
import { WASTE_LABELS } from './waste-labels.js';

interface Amount {
  usd: string;
  usdNumber: number;
}

interface WasteClassView extends Amount {
  count: number;
  rule: string;
  examples: { workUnitId: string; detail: string; costUsd: string }[];
}

interface WorkflowWasteView {
  workflow: string;
  total: Amount;
  productive: Amount;
  awaitingOutcome: Amount;
  classes: Record<string, WasteClassView>;
  sentence: string;
}

const COLOURS = ['#c0392b', '#ef6c00', '#6a1b9a', '#b8860b', '#00838f', '#7f8c8d'];

function WasteBar(props: { w: WorkflowWasteView }) {
  const { w } = props;
  const parts = useMemo(
    () => [
      { name: 'Productive', value: w.productive.usdNumber, color: '#2f7d4a' },
      ...Object.entries(w.classes).map(([c, v], i) => ({
        name: WASTE_LABELS[c] ?? c,
        value: v.usdNumber,
        color: COLOURS[i % COLOURS.length],
      })),
      { name: 'Awaiting an outcome', value: w.awaitingOutcome.usdNumber, color: '#9aa5b1' },
    ],
    [w],
  );
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      grid: { left: 16, right: 16, top: 40, bottom: 24, containLabel: true },
      xAxis: { type: 'value', name: 'USD' },
      yAxis: { type: 'category', data: [w.workflow], axisLabel: { show: false } },
      series: parts.map((p) => ({
        name: p.name,
        type: 'bar',
        stack: 'spend',
        itemStyle: { color: p.color },
        data: [p.value],
      })),
    }),
    [parts, w],
  );
  return (
    <Chart
      option={option}
      height={140}
      label={`Token spend of ${w.workflow} split into productive cost, each waste class and spend awaiting an outcome`}
      summary={w.sentence}
      testId="workflow-waste-chart"
    />
  );
}

export function WorkflowWastePanel(props: { workflow: string; query: URLSearchParams }) {
  const waste = useApi<WorkflowWasteView>(
    `/api/v1/workflows/${encodeURIComponent(props.workflow)}/waste${rangeQuery(props.query)}`,
  );
  return (
    <Ready loads={[waste]}>
      {() =>
        waste.state !== 'ready' ? null : (
          <>
            <p data-testid="workflow-waste-sentence">{waste.data.sentence}</p>
            <WasteBar w={waste.data} />
            <table data-testid="workflow-waste">
              <caption>
                Token spend {formatUsd(waste.data.total.usdNumber)}: productive{' '}
                {formatUsd(waste.data.productive.usdNumber)}, awaiting an outcome{' '}
                {formatUsd(waste.data.awaitingOutcome.usdNumber)}, and each class below
              </caption>
              <thead>
                <tr>
                  <th scope="col">Class</th>
                  <th scope="col">Waste</th>
                  <th scope="col">Cases</th>
                  <th scope="col">Costliest case</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(waste.data.classes).map(([c, v]) => {
                  const example = v.examples[0];
                  return (
                    <tr key={c} data-class={c} title={v.rule}>
                      <th scope="row">{WASTE_LABELS[c] ?? c}</th>
                      <td>{formatUsd(v.usdNumber)}</td>
                      <td>{formatCount(v.count)}</td>
                      <td>
                        {example ? (
                          <>
                            <Link
                              to={withView(
                                `/work-units/${encodeURIComponent(example.workUnitId)}`,
                                {
                                  workflow: props.workflow,
                                },
                              )}
                            >
                              {example.workUnitId}
                            </Link>{' '}
                            <span className="muted">{example.detail}</span>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )
      }
    </Ready>
  );
}
