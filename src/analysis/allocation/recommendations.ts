/**
 * The per-workflow recommendation rules (docs/metrics.md "Recommendations"): expand, cap retries,
 * keep with people, replace the BPO, investigate. Each rule reads figures already computed (unit
 * economics, the marginal view, the drivers) and states the one sentence and the money per month.
 */
import type { DriverFinding } from '../drivers.js';
import type { WorkflowEconomics } from '../workflow-economics.js';
import { expectedUsd } from './expected-usd.js';
import type { MarginalView } from './marginal-view.js';
import { dollars, percent, type Recommendation } from './recommendation.js';

/** `expand` needs at least this much stated value per inference dollar … */
export const EXPAND_VALUE_PER_DOLLAR = 10;
/** … over at least this many AI-resolved units. */
export const MIN_PROVEN_UNITS = 30;
/** … whose attempts succeed at least this often (reliable enough to take more volume). */
export const EXPAND_MIN_ATTEMPT_SUCCESS = 0.9;
/** `investigate` when p95 cost per unit exceeds the median by more than this factor. */
export const MAX_SPREAD = 5;
/** `investigate` when a segment fails at least this many times as often as its workflow. */
export const FAILURE_DRIVER_FACTOR = 2;

export interface RuleInput {
  economics: WorkflowEconomics;
  marginal: MarginalView | null;
  drivers: readonly DriverFinding[];
  unitName: string;
  /** 30 days ÷ the observed span: multiplies observed counts into counts per month. */
  monthFactor: number;
}

const plural = (name: string) => (/[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`);

export function workflowRecommendations(input: RuleInput): Recommendation[] {
  return [expand, capRetries, keepHuman, replaceBpo, investigate].flatMap((rule) => rule(input));
}

function fallbackWords(m: MarginalView | null): string {
  return m?.fallback?.kind === 'bpo' ? 'the BPO' : 'people';
}

function expand({ economics: e, marginal, unitName, monthFactor }: RuleInput): Recommendation[] {
  const fallback = marginal?.fallback ? Number(marginal.fallback.costPerUnitUsd) : null;
  const loaded = e.fullyLoadedCostPerResolvedUsd;
  const value = e.valuePerInferenceDollar;
  if (value === null || value < EXPAND_VALUE_PER_DOLLAR || e.aiResolvedUnits < MIN_PROVEN_UNITS)
    return [];
  if ((e.attemptSuccessRate ?? 0) < EXPAND_MIN_ATTEMPT_SUCCESS) return [];
  if (fallback === null || loaded === null || loaded >= fallback) return [];
  const decided = e.units - e.pendingUnits;
  const handedOffPerMonth = (e.escalationRate ?? 0) * decided * monthFactor;
  const gain = handedOffPerMonth * (fallback - loaded);
  const more =
    handedOffPerMonth >= 1
      ? `the ${Math.round(handedOffPerMonth)} a month still handed off would save about ${dollars(gain)} a month`
      : `each further ${unitName} it takes on saves ${dollars(fallback - loaded)}`;
  return [
    {
      workflow: e.group,
      kind: 'expand',
      explanation:
        `Give more ${plural(unitName)} to the AI: each inference dollar returns ${dollars(value)} of value over ` +
        `${e.aiResolvedUnits} AI-resolved ${plural(unitName)}, ${percent(e.attemptSuccessRate ?? 0)} of attempts succeed, and a ` +
        `resolved ${unitName} costs ${dollars(loaded)} fully loaded against ${dollars(fallback)} with ` +
        `${fallbackWords(marginal)}; ${more}.`,
      figures: {
        valuePerInferenceDollar: value,
        aiResolvedUnits: e.aiResolvedUnits,
        attemptSuccessRate: e.attemptSuccessRate,
        fullyLoadedCostPerResolvedUsd: expectedUsd(loaded),
        fallbackCostPerUnitUsd: marginal?.fallback?.costPerUnitUsd ?? null,
        handedOffUnitsPerMonth: handedOffPerMonth,
        threshold: EXPAND_VALUE_PER_DOLLAR,
      },
      perMonthUsd: handedOffPerMonth >= 1 ? expectedUsd(gain) : null,
    },
  ];
}

function capRetries({
  economics: e,
  marginal,
  unitName,
  monthFactor,
}: RuleInput): Recommendation[] {
  const caps = marginal?.retryCaps;
  if (!marginal || !caps || caps.optimalCap === 0 || caps.optimalCap >= caps.observedMaxAttempts)
    return [];
  const saving = Number(caps.savingPerUnitUsd);
  if (!(saving > 0)) return [];
  const k = caps.optimalCap;
  const next = marginal.attemptCurve[k];
  const at = (cap: number) => caps.caps[cap]?.expectedCostPerUnitUsd ?? '0';
  const unitsPerMonth = marginal.units * monthFactor;
  const perMonth = saving * unitsPerMonth;
  return [
    {
      workflow: e.group,
      kind: 'cap_retries',
      explanation:
        `Stop after attempt ${k}: attempt ${k + 1} succeeds on only ${percent(next?.conditionalSuccessRate ?? 0)} of the ` +
        `${plural(unitName)} that failed before, at ${dollars(next?.attemptCostUsd ?? 0)} an attempt against ` +
        `${dollars(marginal.fallback?.costPerUnitUsd ?? 0)} to hand the ${unitName} to ${fallbackWords(marginal)}; ` +
        `capping at ${k} lowers the expected cost per ${unitName} from ${dollars(at(caps.observedMaxAttempts))} to ` +
        `${dollars(at(k))}, about ${dollars(perMonth)} a month.`,
      figures: {
        retryCap: k,
        observedMaxAttempts: caps.observedMaxAttempts,
        expectedCostAtObservedCapUsd: at(caps.observedMaxAttempts),
        expectedCostAtCapUsd: at(k),
        savingPerUnitUsd: caps.savingPerUnitUsd,
        unitsPerMonth,
      },
      perMonthUsd: expectedUsd(perMonth),
    },
  ];
}

function keepHuman({ economics: e, unitName, monthFactor }: RuleInput): Recommendation[] {
  const loaded = e.fullyLoadedCostPerResolvedUsd;
  const labour = e.laborCostPerUnitUsd;
  if (loaded === null || labour === null || loaded <= labour) return [];
  const resolvedPerMonth = e.resolvedUnits * monthFactor;
  const perMonth = (loaded - labour) * resolvedPerMonth;
  return [
    {
      workflow: e.group,
      kind: 'keep_human',
      explanation:
        `Keep ${plural(unitName)} with people: with the AI a resolved ${unitName} costs ${dollars(loaded)} fully loaded ` +
        `(tokens, reviews and fixes) against ${dollars(labour)} when people do it, about ${dollars(perMonth)} a month more.`,
      figures: {
        fullyLoadedCostPerResolvedUsd: expectedUsd(loaded),
        laborCostPerUnitUsd: expectedUsd(labour),
        resolvedUnitsPerMonth: resolvedPerMonth,
      },
      perMonthUsd: expectedUsd(perMonth),
    },
  ];
}

function replaceBpo({ economics: e, unitName }: RuleInput): Recommendation[] {
  const loaded = e.fullyLoadedCostPerResolvedUsd;
  const bpo = e.bpoPricePerUnitUsd;
  if (loaded === null || bpo === null || loaded >= bpo || e.savingPerMonthUsd === null) return [];
  return [
    {
      workflow: e.group,
      kind: 'replace_bpo',
      explanation:
        `The AI can replace the BPO contract: a resolved ${unitName} costs ${dollars(loaded)} fully loaded against the ` +
        `BPO price of ${dollars(bpo)}, a margin of ${dollars(bpo - loaded)} per ${unitName} or about ` +
        `${dollars(e.savingPerMonthUsd)} a month at today's volume.`,
      figures: {
        fullyLoadedCostPerResolvedUsd: expectedUsd(loaded),
        bpoPricePerUnitUsd: expectedUsd(bpo),
        marginPerUnitUsd: expectedUsd(bpo - loaded),
      },
      perMonthUsd: expectedUsd(e.savingPerMonthUsd),
    },
  ];
}

function investigate(input: RuleInput): Recommendation[] {
  const { economics: e, marginal, drivers, unitName, monthFactor } = input;
  const found: Recommendation[] = [];
  const { p50, p95 } = e.costSpread;
  if (p50 !== null && p95 !== null && p50 > 0 && p95 / p50 > MAX_SPREAD) {
    found.push({
      workflow: e.group,
      kind: 'investigate',
      explanation:
        `Token cost per ${unitName} is too uneven to plan on: the costliest 5% cost ${dollars(p95)} or more, ` +
        `${(p95 / p50).toFixed(1)} times the median of ${dollars(p50)}.`,
      figures: {
        p50Usd: expectedUsd(p50),
        p95Usd: expectedUsd(p95),
        ratio: p95 / p50,
        threshold: MAX_SPREAD,
      },
      perMonthUsd: null,
    });
  }
  const fallback = marginal?.fallback ? Number(marginal.fallback.costPerUnitUsd) : null;
  // A segment dearer than the fallback is a finding only when the workflow as a whole is not:
  // otherwise keep_human says it for every segment at once.
  const workflowBelow =
    fallback !== null &&
    e.fullyLoadedCostPerResolvedUsd !== null &&
    e.fullyLoadedCostPerResolvedUsd < fallback;
  for (const d of drivers.filter((x) => !x.attribute.startsWith('tokenledger.'))) {
    if (
      d.kind === 'cost' &&
      workflowBelow &&
      fallback !== null &&
      d.costPerResolvedUsd !== null &&
      d.costPerResolvedUsd > fallback
    ) {
      const resolvedPerMonth = d.units * (1 - (d.failureRate ?? 0)) * monthFactor;
      const perMonth = (d.costPerResolvedUsd - fallback) * resolvedPerMonth;
      found.push({
        workflow: e.group,
        kind: 'investigate',
        explanation:
          `${plural(unitName).replace(/^./, (c) => c.toUpperCase())} with ${d.attribute}=${d.value} cost ` +
          `${dollars(d.costPerResolvedUsd)} per resolved ${unitName}, above the ${dollars(fallback)} ` +
          `${fallbackWords(marginal)} charge; sending them there directly would save about ${dollars(perMonth)} a month.`,
        figures: {
          attribute: d.attribute,
          value: d.value,
          units: d.units,
          costPerResolvedUsd: expectedUsd(d.costPerResolvedUsd),
          fallbackCostPerUnitUsd: marginal?.fallback?.costPerUnitUsd ?? null,
        },
        perMonthUsd: expectedUsd(perMonth),
      });
    }
    const wf = d.workflowFailureRate;
    if (
      d.kind === 'failure' &&
      d.failureRate !== null &&
      wf !== null &&
      wf > 0 &&
      d.failureRate >= FAILURE_DRIVER_FACTOR * wf
    ) {
      found.push({
        workflow: e.group,
        kind: 'investigate',
        explanation: `${d.sentence.replace(/\.$/, '')}; find out why before planning on this workflow.`,
        figures: {
          attribute: d.attribute,
          value: d.value,
          failureRate: d.failureRate,
          workflowFailureRate: wf,
          threshold: FAILURE_DRIVER_FACTOR,
        },
        perMonthUsd: null,
      });
    }
  }
  return found;
}
