/**
 * Turns the store's waste facts into dollars per workflow and class with the evidence for each.
 * SQL settles abandoned work, failed attempts and loops, and prices the over-powered saving, the
 * bloat excess and the uncached prefix at the rates `wastePricing` gives it from the price book;
 * here the sums become each workflow's split, routes and examples. Exact femto-dollars throughout.
 */
import { type FemtoUsd, femtoToUsdString } from '../../domain/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { WasteExample, WasteFacts, WastePricing } from '../../store/index.js';
import { WASTE_CLASSES, type WasteClass } from './definitions.js';
import { callRatesAt, inputRatesAt } from './reprice.js';
import { decideOverPoweredRoutes } from './route-decision.js';

/** The price book's part of a waste read: the over-powered routes and the rates SQL prices at. */
export function wastePricing(book: PriceBook): WastePricing {
  return {
    decideRoutes: (rates) => decideOverPoweredRoutes(book, rates),
    inputRates: (key) => inputRatesAt(book, key.model, key.provider, key.dayUnixNano),
    callRates: (key) => callRatesAt(book, key.model, key.provider, key.dayUnixNano),
  };
}

export interface RouteEvidence {
  step: string;
  model: string;
  cheaperModel: string;
  /** Why the route is over-powered (see `OverPoweredRoute`). */
  basis: 'successRate' | 'shape';
  /** The step's llm calls on `model` answering in ≤ 16 output tokens (the shape evidence). */
  shortOutputCalls: number;
  attempts: number;
  successfulAttempts: number;
  cheaperAttempts: number;
  cheaperSuccessfulAttempts: number;
  calls: number;
  savingFemto: FemtoUsd;
}

export interface WasteEvidence {
  counts: Record<WasteClass, number>;
  examples: Record<WasteClass, WasteExample[]>;
  references: { step: string; model: string; referenceInputTokens: number; calls: number }[];
  historyResentCalls: number;
  tierCrossingCalls: number;
  /** Bloat and cache-miss calls left unpriced: no input price (no cache-read price) that day. */
  unpricedCalls: Record<'contextBloat' | 'cacheMisses', number>;
  routes: RouteEvidence[];
  unpricedCounterfactualCalls: number;
}

export interface WorkflowWaste {
  workflow: string;
  totalFemto: FemtoUsd;
  productiveFemto: FemtoUsd;
  awaitingOutcomeFemto: FemtoUsd;
  classes: Record<WasteClass, FemtoUsd>;
  evidence: WasteEvidence;
}

const zeros = <T>(value: () => T) =>
  Object.fromEntries(WASTE_CLASSES.map((c) => [c, value()])) as Record<WasteClass, T>;

export interface Priced {
  wasteClass: WasteClass;
  workflow: string;
  /** Set when the facts were read `byUnit`. */
  workUnitId: string | null;
  waste: FemtoUsd;
}

/** The store-priced sums of the over-powered, bloat and cache-miss classes, counted into `evidence`. */
export function pricedSums(facts: WasteFacts, evidence: Map<string, WasteEvidence>) {
  const out: Priced[] = [];
  for (const sums of facts.routePriced) {
    const ev = evidence.get(sums.workflow);
    if (ev) {
      ev.unpricedCounterfactualCalls += sums.unpricedCalls;
      ev.counts.overPoweredRouting += sums.calls;
      const r = ev.routes.find((x) => x.step === sums.step && x.model === sums.model);
      if (r) {
        r.calls += sums.calls;
        r.savingFemto += sums.savingFemto;
      }
    }
    out.push({
      wasteClass: 'overPoweredRouting',
      workflow: sums.workflow,
      workUnitId: sums.workUnitId,
      waste: sums.savingFemto,
    });
  }
  for (const sums of facts.inputPriced) {
    const ev = evidence.get(sums.workflow);
    if (ev) {
      ev.counts[sums.wasteClass] += sums.calls;
      ev.unpricedCalls[sums.wasteClass] += sums.unpricedCalls;
      ev.historyResentCalls += sums.historyResent;
      ev.tierCrossingCalls += sums.tierCrossing;
    }
    out.push({
      wasteClass: sums.wasteClass,
      workflow: sums.workflow,
      workUnitId: sums.workUnitId,
      waste: sums.wasteFemto,
    });
  }
  return out;
}

function emptyEvidence(): WasteEvidence {
  return {
    counts: zeros(() => 0),
    examples: zeros((): WasteExample[] => []),
    references: [],
    historyResentCalls: 0,
    tierCrossingCalls: 0,
    unpricedCalls: { contextBloat: 0, cacheMisses: 0 },
    routes: [],
    unpricedCounterfactualCalls: 0,
  };
}

export function priceWaste(facts: WasteFacts): WorkflowWaste[] {
  const evidence = new Map<string, WasteEvidence>();
  const result: WorkflowWaste[] = facts.workflows.map((w) => {
    const ev = emptyEvidence();
    ev.counts.failedAttempts = w.failedAttempts;
    ev.counts.abandoned = w.abandonedUnits;
    ev.counts.loops = w.loopRepeats + w.loopPromptRepeats;
    evidence.set(w.workflow, ev);
    const classes = zeros(() => 0n);
    classes.failedAttempts = w.failedFemto;
    classes.abandoned = w.abandonedFemto;
    classes.loops = w.loopFemto;
    return {
      workflow: w.workflow,
      totalFemto: w.totalFemto,
      productiveFemto: 0n,
      awaitingOutcomeFemto: w.pendingFemto,
      classes,
      evidence: ev,
    };
  });
  const rateOf = (workflow: string, step: string, model: string) =>
    facts.rates.find((r) => r.workflow === workflow && r.step === step && r.model === model);
  for (const route of facts.routes) {
    const current = rateOf(route.workflow, route.step, route.model);
    const cheaper = rateOf(route.workflow, route.step, route.cheaperModel);
    evidence.get(route.workflow)?.routes.push({
      step: route.step,
      model: route.model,
      cheaperModel: route.cheaperModel,
      basis: route.basis,
      shortOutputCalls: current?.shortOutputCalls ?? 0,
      attempts: current?.attempts ?? 0,
      successfulAttempts: current?.successfulAttempts ?? 0,
      cheaperAttempts: cheaper?.attempts ?? 0,
      cheaperSuccessfulAttempts: cheaper?.successfulAttempts ?? 0,
      calls: 0,
      savingFemto: 0n,
    });
  }
  for (const ref of facts.references) {
    evidence.get(ref.workflow)?.references.push({
      step: ref.step,
      model: ref.model,
      referenceInputTokens: ref.reference,
      calls: ref.calls,
    });
  }
  const byWorkflow = new Map(result.map((r) => [r.workflow, r]));
  for (const p of pricedSums(facts, evidence)) {
    const w = byWorkflow.get(p.workflow);
    if (w) w.classes[p.wasteClass] += p.waste;
  }
  for (const e of facts.examples)
    byWorkflow.get(e.workflow)?.evidence.examples[e.wasteClass].push(e.example);
  for (const g of facts.routePricedTop)
    byWorkflow.get(g.workflow)?.evidence.examples.overPoweredRouting.push({
      ...g.example,
      step: g.step,
      model: g.model,
      costFemto: g.savingFemto,
      detail: `${g.calls} call(s) of ${g.input} input tokens; ${g.cheaperModel} would cost $${femtoToUsdString(g.cheaperFemto)}`,
    });
  for (const g of facts.inputPricedTop)
    byWorkflow.get(g.workflow)?.evidence.examples[g.wasteClass].push({
      ...g.example,
      step: g.step,
      model: g.model,
      costFemto: g.wasteFemto,
      detail:
        g.wasteClass === 'contextBloat'
          ? `input ${g.input} tokens vs reference ${g.reference} (median of successful runs)`
          : `${g.prefix}-token prefix re-sent uncached`,
    });
  for (const w of result) {
    const wasted = WASTE_CLASSES.reduce((sum, c) => sum + w.classes[c], 0n);
    w.productiveFemto = w.totalFemto - w.awaitingOutcomeFemto - wasted;
  }
  return result;
}
