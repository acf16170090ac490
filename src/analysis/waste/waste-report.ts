/**
 * Waste in dollars for the API and CLI: reads the facts from the store, prices them, and presents
 * each workflow's split (exact USD strings whose parts add up to the total) with its evidence and
 * a sentence. Also the per-unit split a `wasteClass=` search filter needs.
 */
import { type FemtoUsd, femtoToUsdNumber, femtoToUsdString } from '../../domain/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { Store, WasteQuery } from '../../store/index.js';
import { WASTE_CLASSES, WASTE_RULES, type WasteClass } from './definitions.js';
import { priceWaste, type WorkflowWaste, wastePricing } from './price-waste.js';
import { unitWasteSplits } from './unit-waste.js';

export async function analyzeWaste(
  store: Store,
  book: PriceBook,
  query: WasteQuery = {},
): Promise<WorkflowWaste[]> {
  const facts = await store.readWasteFacts(query, wastePricing(book));
  return priceWaste(facts);
}

/**
 * One unit's dollars per class, with references and rates taken over its workflow's units in
 * `range` (all of them without one).
 */
export async function unitWaste(
  store: Store,
  book: PriceBook,
  workflow: string,
  workUnitId: string,
  range: Pick<WasteQuery, 'fromUnixNano' | 'toUnixNano'> = {},
): Promise<Record<WasteClass, FemtoUsd> | null> {
  const splits = await unitWasteSplits(store, book, { workflow, workUnitId, ...range });
  return splits.get(workUnitId) ?? null;
}

/** Sentences round to cents from a dollar up, else three significant digits; the fields stay exact. */
function dollars(femto: FemtoUsd): string {
  const usd = femtoToUsdNumber(femto);
  return `$${Math.abs(usd) >= 1 ? usd.toFixed(2) : usd.toPrecision(3)}`;
}

const money = (femto: FemtoUsd) => ({
  usd: femtoToUsdString(femto),
  usdNumber: femtoToUsdNumber(femto),
});

const LABELS: Record<WasteClass, string> = {
  failedAttempts: 'failed attempts',
  loops: 'loops',
  overPoweredRouting: 'over-powered routing',
  contextBloat: 'context bloat',
  cacheMisses: 'cache misses',
  abandoned: 'abandoned work',
};

export function wasteSentence(w: WorkflowWaste): string {
  const wasted = WASTE_CLASSES.reduce((s, c) => s + w.classes[c], 0n);
  if (w.totalFemto === 0n) return `${w.workflow} has no token spend in this range.`;
  if (wasted === 0n)
    return `No waste found in ${w.workflow}: all ${dollars(w.totalFemto)} of judged spend was productive.`;
  const pct = (part: FemtoUsd) => ((Number(part) / Number(w.totalFemto)) * 100).toFixed(1);
  const ranked = [...WASTE_CLASSES]
    .filter((c) => w.classes[c] > 0n)
    .sort((a, b) => (w.classes[b] > w.classes[a] ? 1 : -1));
  const parts = ranked.slice(0, 2).map((c) => `${LABELS[c]} ${dollars(w.classes[c])}`);
  return `${pct(wasted)}% of ${w.workflow}'s ${dollars(w.totalFemto)} token spend is waste (${dollars(wasted)}); largest: ${parts.join(', ')}.`;
}

/** A workflow's split alone: its amounts per class with their counts, no evidence. */
export function toWasteSplit(w: WorkflowWaste) {
  return {
    workflow: w.workflow,
    total: money(w.totalFemto),
    productive: money(w.productiveFemto),
    awaitingOutcome: money(w.awaitingOutcomeFemto),
    classes: Object.fromEntries(
      WASTE_CLASSES.map((c) => [c, { ...money(w.classes[c]), count: w.evidence.counts[c] }]),
    ),
    sentence: wasteSentence(w),
  };
}

export function toWasteView(w: WorkflowWaste) {
  const ev = w.evidence;
  const examples = (c: WasteClass) =>
    ev.examples[c].map((e) => ({
      ...e,
      costFemto: undefined,
      costUsd: femtoToUsdString(e.costFemto),
    }));
  const classes = Object.fromEntries(
    WASTE_CLASSES.map((c) => {
      const extra: Record<string, unknown> = {};
      if (c === 'contextBloat') {
        extra.references = ev.references;
        extra.historyResentCalls = ev.historyResentCalls;
        extra.tierCrossingCalls = ev.tierCrossingCalls;
      }
      if (c === 'contextBloat' || c === 'cacheMisses') extra.unpricedCalls = ev.unpricedCalls[c];
      if (c === 'overPoweredRouting') {
        extra.routes = ev.routes.map(({ savingFemto, ...r }) => ({
          ...r,
          savingUsd: femtoToUsdString(savingFemto),
        }));
        extra.unpricedCounterfactualCalls = ev.unpricedCounterfactualCalls;
      }
      return [
        c,
        {
          ...money(w.classes[c]),
          count: ev.counts[c],
          examples: examples(c),
          rule: WASTE_RULES[c],
          ...extra,
        },
      ];
    }),
  );
  return {
    workflow: w.workflow,
    total: money(w.totalFemto),
    productive: money(w.productiveFemto),
    awaitingOutcome: money(w.awaitingOutcomeFemto),
    classes,
    sentence: wasteSentence(w),
  };
}
