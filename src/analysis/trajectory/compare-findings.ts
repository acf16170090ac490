/**
 * What separates a workflow's successful trajectories from its failed ones: for each step name,
 * tool, model, decision rule and business attribute value, its share on each side, the gap in
 * points, what an attempt costs on each side, ranked by the gap, each stated as a sentence.
 * Definitions: docs/metrics.md (Compare).
 */
import {
  divideHalfEven,
  type FemtoUsd,
  femtoToUsdNumber,
  femtoToUsdString,
} from '../../domain/index.js';
import type {
  CompareFeatureCounts,
  CompareKind,
  CompareSide,
  OutcomeComparisonCounts,
} from '../../store/index.js';
import { describeStep, type StepComparison, usdText } from './compare-steps.js';

export interface FindingSide {
  units: number;
  attempts: number;
  /** Of the side's attempts (steps, tools, models, rules) or units (attributes). */
  share: number;
  /** Token cost of the side's attempts having it ÷ those attempts; null when none. */
  costPerAttemptUsd: number | null;
}

export interface CompareFinding {
  kind: CompareKind;
  value: string;
  basis: 'attempts' | 'units';
  success: FindingSide;
  failed: FindingSide;
  /** (failed share − successful share) × 100: positive when it goes with failure. */
  differencePoints: number;
  /** Failed minus successful cost per attempt having it; null when a side has none. */
  costPerAttemptDifferenceUsd: number | null;
  /** Token cost of the failed attempts that have it. */
  failedTokenCostUsd: number;
  failedTokenCostUsdExact: string;
  sentence: string;
}

/** One side's units, the attempts it is judged on, and their token cost. */
export interface SideTotals {
  units: number;
  attempts: number;
  tokenCostUsd: number;
  tokenCostUsdExact: string;
  costPerAttemptUsd: number | null;
}

export interface OutcomeComparison {
  workflow: string;
  success: SideTotals;
  failed: SideTotals;
  excludedUnits: number;
  /** Features present in fewer compared units than this are left out. */
  minSupportUnits: number;
  findings: CompareFinding[];
  steps: StepComparison[];
  note: string | null;
}

export interface CompareOptions {
  unitName: string;
  minSupportUnits?: number;
  limit?: number;
}

const LABEL: Record<CompareKind, (value: string) => string> = {
  step: (v) => `Step ${v}`,
  tool: (v) => `Tool ${v}`,
  model: (v) => `Model ${v}`,
  rule: (v) => `Decision rule ${v}`,
  attribute: (v) => v,
};

const pct = (x: number) => `${Math.round(x * 100)}%`;
const money = (x: number | null) => (x === null ? 'n/a' : usdText(x));
const plural = (name: string) => (/[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`);

function perAttempt(cost: FemtoUsd, attempts: number): FemtoUsd | null {
  return attempts === 0 ? null : divideHalfEven(cost, BigInt(attempts));
}

function sideOf(counts: CompareSide, total: CompareSide, basis: 'attempts' | 'units'): FindingSide {
  const denominator = basis === 'units' ? total.units : total.attempts;
  const cost = perAttempt(counts.tokenCostFemto, counts.attempts);
  return {
    units: counts.units,
    attempts: counts.attempts,
    share: denominator === 0 ? 0 : counts[basis] / denominator,
    costPerAttemptUsd: cost === null ? null : femtoToUsdNumber(cost),
  };
}

function sentenceOf(f: Omit<CompareFinding, 'sentence'>, unitName: string): string {
  const units = plural(unitName);
  const gap = `${f.differencePoints > 0 ? '+' : ''}${f.differencePoints.toFixed(0)} points`;
  const where =
    f.basis === 'units'
      ? `${capitalise(units)} with ${f.value}: ${pct(f.failed.share)} of failed ${units} against ${pct(f.success.share)} of AI-resolved ones (${gap})`
      : `${LABEL[f.kind](f.value)}: in ${pct(f.failed.share)} of failed attempts against ${pct(f.success.share)} of successful ones (${gap})`;
  const cost =
    f.failed.costPerAttemptUsd === null || f.success.costPerAttemptUsd === null
      ? ''
      : `; an attempt with it costs ${money(f.failed.costPerAttemptUsd)} in tokens when it fails against ${money(f.success.costPerAttemptUsd)} when it succeeds`;
  return `${where}${cost}; failed attempts with it spent ${money(f.failedTokenCostUsd)}.`;
}

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export function rankFindings(
  counts: OutcomeComparisonCounts,
  options: CompareOptions,
): { findings: CompareFinding[]; minSupportUnits: number } {
  const compared = counts.success.units + counts.failed.units;
  const minSupportUnits = options.minSupportUnits ?? Math.max(5, Math.ceil(compared * 0.02));
  const findings: CompareFinding[] = [];
  if (counts.success.units === 0 || counts.failed.units === 0) return { findings, minSupportUnits };
  for (const feature of counts.features as CompareFeatureCounts[]) {
    if (feature.success.units + feature.failed.units < minSupportUnits) continue;
    const basis = feature.kind === 'attribute' ? 'units' : 'attempts';
    const success = sideOf(feature.success, counts.success, basis);
    const failed = sideOf(feature.failed, counts.failed, basis);
    const differencePoints = Math.round((failed.share - success.share) * 1000) / 10;
    if (Math.abs(differencePoints) < 1) continue;
    const base = {
      kind: feature.kind,
      value: feature.value,
      basis,
      success,
      failed,
      differencePoints,
      costPerAttemptDifferenceUsd:
        failed.costPerAttemptUsd === null || success.costPerAttemptUsd === null
          ? null
          : Math.round((failed.costPerAttemptUsd - success.costPerAttemptUsd) * 1e9) / 1e9,
      failedTokenCostUsd: femtoToUsdNumber(feature.failed.tokenCostFemto),
      failedTokenCostUsdExact: femtoToUsdString(feature.failed.tokenCostFemto),
    } satisfies Omit<CompareFinding, 'sentence'>;
    findings.push({ ...base, sentence: sentenceOf(base, options.unitName) });
  }
  findings.sort(
    (a, b) =>
      Math.abs(b.differencePoints) - Math.abs(a.differencePoints) ||
      b.failedTokenCostUsd - a.failedTokenCostUsd ||
      `${a.kind}:${a.value}`.localeCompare(`${b.kind}:${b.value}`),
  );
  return { findings: findings.slice(0, options.limit ?? 25), minSupportUnits };
}

function sideTotals(side: CompareSide): SideTotals {
  const cost = perAttempt(side.tokenCostFemto, side.attempts);
  return {
    units: side.units,
    attempts: side.attempts,
    tokenCostUsd: femtoToUsdNumber(side.tokenCostFemto),
    tokenCostUsdExact: femtoToUsdString(side.tokenCostFemto),
    costPerAttemptUsd: cost === null ? null : femtoToUsdNumber(cost),
  };
}

export function compareOutcomeCounts(
  workflow: string,
  counts: OutcomeComparisonCounts,
  options: CompareOptions,
): OutcomeComparison {
  const { findings, minSupportUnits } = rankFindings(counts, options);
  const units = plural(options.unitName);
  const note =
    counts.success.units === 0 || counts.failed.units === 0
      ? `Nothing to compare: ${counts.success.units} AI-resolved and ${counts.failed.units} failed ${units} in this range.`
      : null;
  return {
    workflow,
    success: sideTotals(counts.success),
    failed: sideTotals(counts.failed),
    excludedUnits: counts.excludedUnits,
    minSupportUnits,
    findings,
    steps: counts.steps
      .map(describeStep)
      .sort(
        (a, b) =>
          Math.abs(b.costPerCallDifferenceUsd ?? 0) - Math.abs(a.costPerCallDifferenceUsd ?? 0) ||
          a.stepName.localeCompare(b.stepName),
      ),
    note,
  };
}
