/**
 * The storage contract. Every engine (DuckDB now, ClickHouse later) implements it and passes the
 * shared suite in `store.contract.ts` unchanged. Engines persist and aggregate; they hold no
 * pricing or attribution logic.
 */
import type {
  Budget,
  DailyWorkflowSpend,
  FemtoUsd,
  Outcome,
  PricedStep,
  SentBudgetAlert,
  StoredStep,
  WorkflowBaseline,
} from '../domain/index.js';
import type { AttemptHistory, AttemptHistoryQuery } from './attempt-history.js';
import type { CostDistribution, CostDistributionQuery } from './cost-distribution.js';
import type { SpendFlowRow } from './spend-flow.js';
import type {
  CompareQuery,
  OutcomeComparisonCounts,
  WorkUnitSearch,
  WorkUnitSearchPage,
} from './trajectory-queries.js';
import type { UnitAggregate } from './unit-aggregate.js';
import type { UnitGroupsWithTotal, UnitTotalQuery } from './unit-total.js';
import type { RoutingFacts, WasteFacts, WastePricing, WasteQuery } from './waste-facts.js';

export type BackendKind = 'duckdb' | 'clickhouse';

/**
 * A call made after the store began closing, or a read the close interrupted: not the caller's
 * fault and not a failure of the data, so a server answers it as unavailable, to be retried.
 */
export class StoreClosedError extends Error {
  constructor(message = 'the store is closed') {
    super(message);
    this.name = 'StoreClosedError';
  }
}

export interface InsertResult {
  /** Steps newly stored. */
  inserted: number;
  /** Steps already stored under the same (traceId, spanId), left as they were. */
  duplicates: number;
}

export interface UnpricedModel {
  model: string | null;
  provider: string | null;
  steps: number;
  inputTokens: number;
  outputTokens: number;
  firstSeenUnixNano: bigint;
  lastSeenUnixNano: bigint;
}

export interface SpendTotals {
  steps: number;
  /** Sum of computed cost over priced steps whose usage counts. */
  costFemto: FemtoUsd;
  inputTokens: number;
  outputTokens: number;
  unpricedSteps: number;
  unpricedInputTokens: number;
  unpricedOutputTokens: number;
  /** Counted model calls that reported no token counts. */
  usageUnknownSteps: number;
  /** Cost of steps whose trace is linked to no work unit. */
  unattributedCostFemto: FemtoUsd;
}

/** How to group work units, and which to include (by their first activity). */
export interface UnitQuery {
  groupBy:
    | { kind: 'workflow' }
    | { kind: 'team'; teams: Readonly<Record<string, string>> }
    | { kind: 'attribute'; key: string }
    /** Several attribute keys in one pass; each row's group is `key=value`. */
    | { kind: 'attributes'; keys: readonly string[] }
    | { kind: 'bucket'; unit: 'day' | 'week' | 'month' };
  workflow?: string;
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
  /**
   * Only units whose business attribute `key` is `value`: the current outcome's, else the
   * linking span's of the unit's earliest trace.
   */
  attribute?: { key: string; value: string };
}

/** Which spend a FOCUS export holds, and its file format. */
export interface FocusExportQuery {
  format: 'csv' | 'parquet';
  fromUnixMs?: number | undefined;
  toUnixMs?: number | undefined;
}

export interface FocusExportResult {
  /** Steps summed into the rows. */
  pricedSteps: number;
  /** Counted, attributed steps left out because they have no price (or no token counts). */
  excludedUnpricedSteps: number;
  /** Sum of BilledCost over the rows, exact. */
  billedCostFemto: FemtoUsd;
  /** Priced spend in the range of traces linked to no work unit, left out of the export. */
  unattributedCostFemto: FemtoUsd;
}

export interface Store {
  readonly kind: BackendKind;
  /** Applies forward-only migrations not yet applied. Idempotent. */
  migrate(): Promise<void>;
  /**
   * Names this store's database, for what is kept outside it (the server's report answers): the
   * same across restarts and for a restored copy of it, different for a store created anew.
   */
  identity(): Promise<string>;
  /**
   * Stores steps idempotently on (traceId, spanId): a step already stored is left unchanged.
   * When the promise resolves the steps are durable (committed to disk). Re-decides usage
   * counting (`decideUsageCounting`) for every trace the call touches, over all of that trace's
   * stored steps, so the decision is independent of arrival order.
   */
  insertSteps(steps: readonly PricedStep[]): Promise<InsertResult>;
  /** All steps of a trace ordered by start time then span id; empty when unknown. */
  getTrace(traceId: string): Promise<StoredStep[]>;
  /** Models with usage but no price, most input tokens first. */
  listUnpricedModels(): Promise<UnpricedModel[]>;
  /**
   * How many step transactions this store has committed since it opened: unchanged means no step
   * was written, so a cache of figures read from steps is still current.
   */
  stepCommits(): number;
  /**
   * Changes whenever a write of anything reports read (steps, outcomes, baselines) commits:
   * unchanged means every cached report is still current.
   */
  writeVersion(): number;
  /** Totals over all stored steps whose usage counts. */
  getSpendTotals(): Promise<SpendTotals>;
  /** Appends outcome records; durable (committed) when the promise resolves. */
  insertOutcomes(outcomes: readonly Outcome[]): Promise<{ inserted: number }>;
  /** Work units aggregated per group, as docs/metrics.md defines each figure. */
  aggregateUnits(query: UnitQuery): Promise<UnitAggregate[]>;
  /** `aggregateUnits` plus the total over the same units, from one scan of them. */
  aggregateUnitsWithTotal(query: UnitTotalQuery): Promise<UnitGroupsWithTotal>;
  /** One workflow's units in geometric token-cost bands, by outcome (the report's unit costs). */
  unitCostDistribution(query: CostDistributionQuery): Promise<CostDistribution>;
  /**
   * Every step of the traces linked to a work unit (by any of their spans), ordered by start time,
   * with the unit's latest outcome. `workflow` narrows ids shared by several workflows.
   */
  getWorkUnit(
    workUnitId: string,
    workflow?: string,
  ): Promise<{ steps: StoredStep[]; outcome: Outcome | null }>;
  /** Baselines of every workflow that has them. */
  listBaselines(): Promise<WorkflowBaseline[]>;
  /** Replaces the baselines of the given workflows; committed when the promise resolves. */
  saveBaselines(baselines: readonly WorkflowBaseline[]): Promise<void>;
  /** Business attribute keys a workflow's units carry (segment candidates), at most 50. */
  listAttributeKeys(workflow: string): Promise<string[]>;
  /** One workflow's work units matching every filter, one keyset page in the asked order. */
  searchWorkUnits(search: WorkUnitSearch): Promise<WorkUnitSearchPage>;
  /** Counts comparing a workflow's AI-resolved units with its failed ones (docs/metrics.md). */
  compareOutcomes(query: CompareQuery): Promise<OutcomeComparisonCounts>;
  /**
   * Per workflow, the observed attempt histories of decided units: reach and success per attempt
   * number, per (step, model) and per context band (docs/metrics.md "Marginal value").
   */
  attemptHistories(query: AttemptHistoryQuery): Promise<AttemptHistory[]>;
  /** Every budget, by id. */
  listBudgets(): Promise<Budget[]>;
  /** Creates or replaces budgets by id; committed when the promise resolves. */
  saveBudgets(budgets: readonly Budget[]): Promise<void>;
  /** Deletes a budget; false when no budget had that id. */
  deleteBudget(id: string): Promise<boolean>;
  /** Budget alerts already delivered. */
  listSentBudgetAlerts(): Promise<SentBudgetAlert[]>;
  /** Remembers a delivered alert; committed when the promise resolves. */
  recordSentBudgetAlert(alert: SentBudgetAlert): Promise<void>;
  /** Priced spend of traces linked to work units, per UTC day and workflow, steps in [from, to). */
  dailyWorkflowSpend(fromUnixMs: number, toUnixMs: number): Promise<DailyWorkflowSpend[]>;
  /** Writes the attributed spend as a FOCUS 1.2 dataset to a local file (CSV or Parquet). */
  exportFocus(query: FocusExportQuery, path: string): Promise<FocusExportResult>;
  /**
   * The facts the waste analysis prices (store/waste-facts.ts). `pricing` names the over-powered
   * routes from the success rates, and gives the input rates the store prices bloat and cache
   * misses at.
   */
  readWasteFacts(query: WasteQuery, pricing: WastePricing): Promise<WasteFacts>;
  /**
   * Token spend of work units per workflow, model and attempt verdict, units chosen as
   * `readWasteFacts` chooses them (store/spend-flow.ts); `workUnitId` and `byUnit` are ignored.
   */
  readSpendFlow(query: WasteQuery): Promise<SpendFlowRow[]>;
  /** One step's calls, the success evidence per model and the workflow's judged attempts. */
  readRoutingFacts(workflow: string, step: string): Promise<RoutingFacts>;
  /** Flushes and releases the engine. Further calls fail. */
  close(): Promise<void>;
}
