/** A spending budget for a team, a workflow, or a team's workflow, over one calendar period (UTC). */
import type { FemtoUsd } from './money.js';

export type BudgetPeriod = 'day' | 'week' | 'month';

export interface Budget {
  id: string;
  /** Applies to spend of workflows whose baseline has this team; null: any team. */
  team: string | null;
  /** Applies to spend of this workflow; null: any workflow (of the team). */
  workflow: string | null;
  period: BudgetPeriod;
  amountFemto: FemtoUsd;
  /** Fractions of the amount that raise an alert when burn reaches them, ascending. */
  thresholds: number[];
  /** Where alerts are posted; null: the config's default webhook, if any. */
  webhookUrl: string | null;
}

/** Spend of one workflow on one UTC day (YYYY-MM-DD). */
export interface DailyWorkflowSpend {
  day: string;
  workflow: string;
  costFemto: FemtoUsd;
  /** Counted model calls without a price (or without token counts): spend the burn cannot include. */
  unpricedSteps: number;
}

/** An alert already delivered: one per budget, period start and threshold label. */
export interface SentBudgetAlert {
  budgetId: string;
  periodStartUnixMs: number;
  threshold: string;
}
