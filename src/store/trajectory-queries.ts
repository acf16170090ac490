/**
 * The trajectory part of the store contract: searching one workflow's work units by outcome,
 * attribute, cost, model, tool and rule, and the raw counts that compare its successful and failed
 * units. Money is exact femto-dollars; analysis turns counts into shares and sentences.
 */
import type { FemtoUsd, OutcomeStatus, Resolver } from '../domain/index.js';

export const SEARCH_SORTS = ['cost', '-cost', 'start', '-start'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Where the last page stopped: the sort key's value (exact text) and the unit id. */
export interface SearchCursor {
  sort: SearchSort;
  value: string;
  workUnitId: string;
}

export interface WorkUnitSearch {
  workflow: string;
  /** `pending` = no outcome yet. */
  status?: OutcomeStatus | 'pending';
  resolvedBy?: Resolver;
  /** Business attributes the unit carries (outcome first, then its linking span), all must match. */
  attributes?: Readonly<Record<string, string>>;
  minCostFemto?: FemtoUsd;
  maxCostFemto?: FemtoUsd;
  /** Some step of the unit ran on this model / called this tool / applied this decision rule. */
  model?: string;
  tool?: string;
  rule?: string;
  /** By the unit's first activity, as reports select units. */
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
  /**
   * Only these units. The `wasteClass=` filter: the waste analysis (which needs pricing) finds the
   * units carrying a class and the store narrows the search to them.
   */
  workUnitIds?: readonly string[];
  sort: SearchSort;
  limit: number;
  cursor?: SearchCursor;
}

export interface WorkUnitMatch {
  workUnitId: string;
  workflow: string;
  /** null while pending. */
  status: OutcomeStatus | null;
  resolvedBy: Resolver | null;
  overridden: boolean;
  attempts: number;
  tokenCostFemto: FemtoUsd;
  /** Counted steps with usage but no price, or model calls without token counts. */
  unknownCostSteps: number;
  models: string[];
  tools: string[];
  rules: string[];
  firstSeenUnixNano: bigint;
  lastSeenUnixNano: bigint;
}

export interface WorkUnitSearchPage {
  units: WorkUnitMatch[];
  /** Units matching the filters, all pages together. */
  matched: number;
  /** Present when more units follow. */
  next: SearchCursor | null;
}

export interface CompareQuery {
  workflow: string;
  attributes?: Readonly<Record<string, string>>;
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
}

export const COMPARE_KINDS = ['step', 'tool', 'model', 'rule', 'attribute'] as const;
export type CompareKind = (typeof COMPARE_KINDS)[number];

/** Totals of one side: AI-resolved units (`success`) or failed ones. */
export interface CompareSide {
  units: number;
  attempts: number;
  tokenCostFemto: FemtoUsd;
}

/** One feature (a step name, tool, model, rule or `key=value`) and the units of each side having it. */
export interface CompareFeatureCounts {
  kind: CompareKind;
  value: string;
  success: CompareSide;
  failed: CompareSide;
}

/** Calls of one logical step on each side: counted calls, their exact cost and input tokens. */
export interface StepSideStats {
  calls: number;
  /** Calls whose cost is known (priced, or nothing consumed). */
  costedCalls: number;
  costFemto: FemtoUsd;
  /** Calls that reported input tokens. */
  inputCalls: number;
  inputTokens: number;
}

export interface CompareStepCounts {
  stepName: string;
  success: StepSideStats;
  failed: StepSideStats;
}

export interface OutcomeComparisonCounts {
  success: CompareSide;
  failed: CompareSide;
  /** Units left out: abandoned or pending. */
  excludedUnits: number;
  features: CompareFeatureCounts[];
  steps: CompareStepCounts[];
}
