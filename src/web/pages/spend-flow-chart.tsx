/**
 * Overview: the spend flow as a Sankey diagram, team → workflow → model → attempt verdict, and,
 * once the waste split has arrived, resolved → productive and the waste inside successful attempts.
 */
import { useMemo } from 'react';
import type { SpendFlow, WasteSplit } from '../api.js';
import { Chart } from '../chart.js';
import { formatUsd } from '../format.js';
import { resolvedSplit, SplitTable } from './spend-flow-split.js';

const OUTCOMES: Record<string, string> = {
  resolved: 'Resolved',
  failedAttempts: 'Failed attempts',
  abandoned: 'Abandoned work',
  awaitingOutcome: 'Awaiting outcome',
};

/** Node names are unique per column: a model may share a workflow's name. */
const node = (column: string, name: string) => `${column}: ${name}`;

export function SpendFlowChart(props: { flow: SpendFlow; waste?: WasteSplit[] | undefined }) {
  const split = useMemo(
    () =>
      props.waste
        ? resolvedSplit(props.waste, new Set(props.flow.links.map((l) => l.workflow)))
        : null,
    [props.flow, props.waste],
  );
  const option = useMemo(() => {
    // Edge widths only: the chart merges the API's exact links per pair of columns.
    const edges = new Map<string, { source: string; target: string; value: number }>();
    const add = (source: string, target: string, value: number) => {
      const key = `${source}\u0000${target}`;
      const edge = edges.get(key) ?? { source, target, value: 0 };
      edge.value += value;
      edges.set(key, edge);
    };
    for (const l of props.flow.links) {
      if (l.usdNumber <= 0) continue;
      const workflow = node('Workflow', l.workflow);
      const model = node('Model', l.model);
      add(node('Team', l.team), workflow, l.usdNumber);
      add(workflow, model, l.usdNumber);
      add(model, OUTCOMES[l.outcome] ?? l.outcome, l.usdNumber);
    }
    for (const p of split ?? [])
      if (p.amount.usdNumber > 0) add('Resolved', p.part, p.amount.usdNumber);
    const names = new Set([...edges.values()].flatMap((e) => [e.source, e.target]));
    return {
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 140,
          nodeGap: 10,
          emphasis: { focus: 'adjacency' },
          data: [...names].map((name) => ({ name })),
          links: [...edges.values()],
          label: { formatter: (p: { name: string }) => p.name.replace(/^[^:]+: /, '') },
        },
      ],
    };
  }, [props.flow, split]);
  const resolvedParts = (split ?? [])
    .map((p) => `${p.workflow} resolved → ${p.part}: ${formatUsd(p.amount.usdNumber)}.`)
    .join(' ');
  const summary = props.flow.links
    .map(
      (l) =>
        `${l.team} → ${l.workflow} → ${l.model} → ${OUTCOMES[l.outcome] ?? l.outcome}: ${formatUsd(l.usdNumber)}.`,
    )
    .join(' ');
  return (
    <>
      <Chart
        option={option}
        label="Spend flow from team to workflow to model to resolved, failed, abandoned or awaiting, and resolved to productive or waste inside successful attempts"
        summary={`Total ${formatUsd(props.flow.total.usdNumber)}. ${summary} ${resolvedParts}`}
        height={420}
        testId="spend-flow-chart"
      />
      <details>
        <summary>Flow figures</summary>
        <table data-testid="spend-flow">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Workflow</th>
              <th scope="col">Model</th>
              <th scope="col">Verdict</th>
              <th scope="col">Spend</th>
            </tr>
          </thead>
          <tbody>
            {props.flow.links.map((l) => (
              <tr key={`${l.workflow}\u0000${l.model}\u0000${l.outcome}`}>
                <td>{l.team}</td>
                <td>{l.workflow}</td>
                <td>{l.model}</td>
                <td>{OUTCOMES[l.outcome] ?? l.outcome}</td>
                <td data-usd={l.usd}>{formatUsd(l.usdNumber)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {split ? <SplitTable parts={split} /> : null}
      </details>
    </>
  );
}
