/**
 * The gateway's question, answered from budget statuses already computed: may this team or workflow
 * spend now? deny when an applicable budget is exhausted; warn past its highest alert threshold
 * below 100% or when the forecast exceeds it; else allow.
 */
import { type FemtoUsd, femtoToUsdString } from '../../domain/index.js';
import { type BudgetStatus, FORECAST_OVER, reaches } from './budget-status.js';

export type BudgetDecision = 'allow' | 'warn' | 'deny';

export interface BudgetCheck {
  decision: BudgetDecision;
  reason: string;
  /** Least remaining amount among the applicable budgets; null when none applies. */
  remainingFemto: FemtoUsd | null;
  budgets: BudgetStatus[];
}

export function checkBudgets(
  statuses: readonly BudgetStatus[],
  request: { team?: string | undefined; workflow?: string | undefined },
  teams: ReadonlyMap<string, string>,
): BudgetCheck {
  const team =
    request.team ?? (request.workflow === undefined ? undefined : teams.get(request.workflow));
  const applicable = statuses.filter(
    ({ budget }) =>
      (budget.team === null || budget.team === team) &&
      (budget.workflow === null || budget.workflow === request.workflow),
  );
  if (applicable.length === 0) {
    const who = [
      request.team === undefined ? null : `team ${JSON.stringify(request.team)}`,
      request.workflow === undefined ? null : `workflow ${JSON.stringify(request.workflow)}`,
    ].filter((x) => x !== null);
    return {
      decision: 'allow',
      reason: `no budget applies to ${who.join(' and ') || 'an unnamed caller'}`,
      remainingFemto: null,
      budgets: [],
    };
  }
  let remainingFemto: FemtoUsd = applicable[0]?.remainingFemto ?? 0n;
  for (const s of applicable)
    if (s.remainingFemto < remainingFemto) remainingFemto = s.remainingFemto;
  const base = { remainingFemto, budgets: applicable };
  const exhausted = applicable.find((s) => reaches(s.burnFemto, s.budget.amountFemto, 1));
  if (exhausted) {
    const { budget, burnFemto } = exhausted;
    return {
      decision: 'deny',
      reason: `budget ${budget.id} is exhausted: $${femtoToUsdString(burnFemto)} of $${femtoToUsdString(budget.amountFemto)} spent this ${budget.period}`,
      ...base,
    };
  }
  for (const s of applicable) {
    const below = s.budget.thresholds.filter((t) => t < 1);
    const highest = below.length === 0 ? null : Math.max(...below);
    if (highest !== null && reaches(s.burnFemto, s.budget.amountFemto, highest))
      return {
        decision: 'warn',
        reason: `budget ${s.budget.id} is past ${Math.round(highest * 100)}% of its amount`,
        ...base,
      };
    if (s.crossed.includes(FORECAST_OVER))
      return {
        decision: 'warn',
        reason: `budget ${s.budget.id} is forecast to exceed its amount this period`,
        ...base,
      };
  }
  return { decision: 'allow', reason: 'within every applicable budget', ...base };
}
