/**
 * Turns the store's waste facts into dollars per workflow and class with the evidence for each:
 * SQL already settled abandoned, failed attempts and loops, and priced the bloat excess and the
 * uncached prefix at the input rates `wastePricing` gives it; here the price book prices the
 * over-powered saving. Exact femto-dollars throughout.
 */
import { type FemtoUsd, femtoToUsdString } from '../../domain/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { WasteExample, WasteFacts, WastePricing } from '../../store/index.js';
import { WASTE_CLASSES, type WasteClass } from './definitions.js';
import { inputRatesAt, repriceTokens } from './reprice.js';
import { decideOverPoweredRoutes } from './route-decision.js';

const TOP = 3;

/** The price book's part of a waste read: the over-powered routes and the input rates. */
export function wastePricing(book: PriceBook): WastePricing {
  return {
    decideRoutes: (rates) => decideOverPoweredRoutes(book, rates),
    inputRates: (key) => inputRatesAt(book, key.model, key.provider, key.dayUnixNano),
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
  /** Built only for the few examples shown: most groups never need one; none for store-priced sums. */
  example: (() => WasteExample) | null;
}

/** A priced call group of one class; its example's detail is only written when shown. */
function pricedGroup(
  wasteClass: WasteClass,
  g: {
    workflow: string;
    workUnitId: string | null;
    step: string;
    model: string;
    example: { workUnitId: string; traceId: string };
  },
  waste: FemtoUsd,
  detail: () => string,
): Priced {
  return {
    wasteClass,
    workflow: g.workflow,
    workUnitId: g.workUnitId,
    waste,
    example: () => ({
      ...g.example,
      step: g.step,
      model: g.model,
      costFemto: waste,
      detail: detail(),
    }),
  };
}

/**
 * Prices the over-powered groups and takes the store-priced bloat and cache-miss sums, adding their
 * counts to `evidence` where given.
 */
export function pricedGroups(
  facts: WasteFacts,
  book: PriceBook,
  evidence: Map<string, WasteEvidence>,
) {
  const out: Priced[] = [];
  const routes = new Map(facts.routes.map((r) => [`${r.workflow}\0${r.step}\0${r.model}`, r]));
  for (const g of facts.overPowered) {
    const route = routes.get(`${g.workflow}\0${g.step}\0${g.model}`);
    if (!route) continue;
    const cheaper = repriceTokens(
      book,
      g.tokens,
      route.cheaperModel,
      route.cheaperProvider,
      g.dayUnixNano,
    );
    const ev = evidence.get(g.workflow);
    if (cheaper === null) {
      if (ev) ev.unpricedCounterfactualCalls += g.calls;
      continue;
    }
    const saving = g.costFemto - BigInt(g.calls) * cheaper;
    if (saving <= 0n) continue;
    out.push(
      pricedGroup(
        'overPoweredRouting',
        g,
        saving,
        () =>
          `${g.calls} call(s) of ${g.tokens.input} input tokens; ${route.cheaperModel} would cost $${femtoToUsdString(BigInt(g.calls) * cheaper)}`,
      ),
    );
    if (ev) {
      ev.counts.overPoweredRouting += g.calls;
      const r = ev.routes.find((x) => x.step === g.step && x.model === g.model);
      if (r) {
        r.calls += g.calls;
        r.savingFemto += saving;
      }
    }
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
      example: null,
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

export function priceWaste(facts: WasteFacts, book: PriceBook): WorkflowWaste[] {
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
  const priced = pricedGroups(facts, book, evidence);
  for (const p of priced) {
    const w = byWorkflow.get(p.workflow);
    if (w) w.classes[p.wasteClass] += p.waste;
  }
  for (const e of facts.examples)
    byWorkflow.get(e.workflow)?.evidence.examples[e.wasteClass].push(e.example);
  for (const p of [...priced].sort((a, b) =>
    b.waste > a.waste ? 1 : b.waste < a.waste ? -1 : 0,
  )) {
    const list = byWorkflow.get(p.workflow)?.evidence.examples[p.wasteClass];
    if (list && p.example && list.length < TOP) list.push(p.example());
  }
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
