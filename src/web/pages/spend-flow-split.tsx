/**
 * The spend flow's resolved spend split as `/api/v1/waste` splits it: the successful attempts'
 * loops, over-powered routing, context bloat and cache misses are waste too, so the Sankey leads
 * its "Resolved" node on to those leaves and to "Productive", with the waste split's own amounts.
 */
import type { Amount, WasteSplit } from '../api.js';
import { formatUsd } from '../format.js';
import { WASTE_LABELS } from './waste-labels.js';

/** The waste classes found inside successful attempts, in the waste rules' order. */
const IN_ATTEMPT = ['loops', 'overPoweredRouting', 'contextBloat', 'cacheMisses'] as const;

export interface SplitPart {
  workflow: string;
  /** The leaf's name: a waste class label or Productive. */
  part: string;
  amount: Amount;
}

/** Per workflow of the flow, its resolved spend as productive and each in-attempt waste class. */
export function resolvedSplit(rows: WasteSplit[], workflows: Set<string>): SplitPart[] {
  return rows
    .filter((w) => workflows.has(w.workflow))
    .flatMap((w) => [
      { workflow: w.workflow, part: 'Productive', amount: w.productive },
      ...IN_ATTEMPT.map((c) => ({
        workflow: w.workflow,
        part: WASTE_LABELS[c] ?? c,
        amount: w.classes[c] ?? { usd: '0', usdNumber: 0 },
      })),
    ]);
}

export function SplitTable(props: { parts: SplitPart[] }) {
  return (
    <table data-testid="spend-flow-split">
      <caption>Resolved spend: productive and the waste inside successful attempts</caption>
      <thead>
        <tr>
          <th scope="col">Workflow</th>
          <th scope="col">Part</th>
          <th scope="col">Spend</th>
        </tr>
      </thead>
      <tbody>
        {props.parts.map((p) => (
          <tr key={`${p.workflow}\u0000${p.part}`} data-workflow={p.workflow} data-part={p.part}>
            <td>{p.workflow}</td>
            <td>{p.part}</td>
            <td data-usd={p.amount.usd}>{formatUsd(p.amount.usdNumber)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
