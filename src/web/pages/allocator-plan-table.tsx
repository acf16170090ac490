/**
 * The allocator's plan as sent by `POST /api/v1/allocate`: per workflow, which attempts (levers)
 * get money, and the plan's cost and AI-resolved units against today's at the same volume.
 */
import type { AllocationPlan, AllocationScenario, WorkflowAllocation } from '../api.js';
import { formatUsd } from '../format.js';

const money = (value: string | null) => formatUsd(value === null ? null : Number(value));
const units = (value: number) => value.toFixed(1);

/** "1–4 funded" from per-attempt funded shares; partly funded attempts name their share. */
export function fundedLevers(shares: number[]): string {
  const parts = shares.flatMap((share, i) => {
    if (share <= 0) return [];
    return share >= 1 ? [`${i + 1}`] : [`${i + 1} (${Math.round(share * 100)}%)`];
  });
  return parts.length === 0 ? 'none' : parts.join(', ');
}

function ScenarioCells(props: { plan: AllocationScenario; today: AllocationScenario }) {
  return (
    <>
      <td data-testid="plan-ai-cost">{money(props.plan.aiCostUsd)}</td>
      <td data-testid="plan-total-cost">{money(props.plan.totalCostUsd)}</td>
      <td data-testid="today-total-cost">{money(props.today.totalCostUsd)}</td>
      <td data-testid="plan-ai-resolved">{units(props.plan.aiResolvedUnits)}</td>
      <td>{units(props.today.aiResolvedUnits)}</td>
    </>
  );
}

function WorkflowRow(props: { row: WorkflowAllocation }) {
  const w = props.row;
  return (
    <tr data-workflow={w.workflow}>
      <th scope="row">{w.workflow}</th>
      <td>{units(w.volume)}</td>
      <td data-testid="plan-levers">{fundedLevers(w.fundedShare)}</td>
      <td data-testid="plan-cap">{w.retryCap}</td>
      <td>
        {w.fallback === 'bpo' ? 'BPO' : 'people'} at {money(w.fallbackCostPerUnitUsd)}
      </td>
      <ScenarioCells plan={w.plan} today={w.today} />
      <td data-testid="plan-saving">{money(w.savingUsd)}</td>
    </tr>
  );
}

export function AllocatorPlanTable(props: { plan: AllocationPlan }) {
  const { plan } = props;
  return (
    <>
      <p className="gain" data-testid="plan-gain">
        Expected gain against today: <strong>{money(plan.total.savingUsd)}</strong> per{' '}
        {plan.period}
      </p>
      <p data-testid="plan-summary">
        Budget {money(plan.budgetUsd)} per {plan.period}: the plan costs{' '}
        <strong>{money(plan.total.plan.totalCostUsd)}</strong> in all (AI{' '}
        {money(plan.total.plan.aiCostUsd)}, fallback {money(plan.total.plan.fallbackCostUsd)})
        against <strong>{money(plan.total.today.totalCostUsd)}</strong> today, with{' '}
        {units(plan.total.plan.aiResolvedUnits)} units resolved by the AI against{' '}
        {units(plan.total.today.aiResolvedUnits)} today. Unspent: {money(plan.unspentUsd)}.
      </p>
      <div className="scroll">
        <table data-testid="plan-table">
          <caption className="visually-hidden">The allocator's plan per workflow</caption>
          <thead>
            <tr>
              <th scope="col">Workflow</th>
              <th scope="col">Units per {plan.period}</th>
              <th scope="col">Attempts funded</th>
              <th scope="col">Retry cap</th>
              <th scope="col">Fallback</th>
              <th scope="col">AI spend (plan)</th>
              <th scope="col">Total cost (plan)</th>
              <th scope="col">Total cost (today)</th>
              <th scope="col">AI-resolved (plan)</th>
              <th scope="col">AI-resolved (today)</th>
              <th scope="col">Expected gain</th>
            </tr>
          </thead>
          <tbody>
            {plan.workflows.map((w) => (
              <WorkflowRow key={w.workflow} row={w} />
            ))}
          </tbody>
        </table>
      </div>
      {plan.excluded.length > 0 ? (
        <ul data-testid="plan-excluded">
          {plan.excluded.map((e) => (
            <li key={e.workflow}>
              {e.workflow} left out: {e.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="note">{plan.method}</p>
    </>
  );
}
