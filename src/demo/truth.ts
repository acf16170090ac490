/**
 * The truth file: the true figures of a simulated run, computed from the generator's own records
 * (never from the store), under the API's field names (docs/metrics.md), with the planted waste,
 * drivers and the workflows to expand and to keep human.
 */
import { type FemtoUsd, femtoToUsdNumber, femtoToUsdString } from '../domain/index.js';
import type { PriceBook } from '../pricing/index.js';
import { priceCall } from './call-pricing.js';
import { PLANTED, WORKFLOWS } from './enterprise.js';
import type { SimAttempt, SimUnit } from './sim-types.js';
import { figuresOf, GroupTally, type TruthFigures } from './truth-figures.js';
import { WASTE_CLASSES, WASTE_DEFINITIONS, type WasteClass, WasteLedger } from './waste-ledger.js';

export interface DriverTruth {
  attribute: string;
  value: string;
  /** (segment − workflow fully loaded cost per resolved) × segment units, as drivers.ts ranks. */
  excessUsd: number;
}

export interface WorkflowTruth extends TruthFigures {
  workflow: string;
  team: string;
  /** `key=value` → the same figures for the units of that segment. */
  segments: Record<string, TruthFigures>;
  waste: Record<WasteClass | 'productive', number>;
  /** Cost drivers ranked as the product ranks them; the first is the planted one where planted. */
  drivers: DriverTruth[];
}

export interface Truth {
  seed: number;
  scale: number;
  from: string;
  to: string;
  spans: number;
  traces: number;
  totals: {
    tokenCostUsd: number;
    tokenCostUsdExact: string;
    attributedCostUsd: number;
    unattributedCostUsd: number;
    unattributedCostUsdExact: string;
  };
  workflows: WorkflowTruth[];
  waste: Record<WasteClass, number>;
  expand: string;
  keepHuman: string;
  planted: typeof PLANTED;
  definitions: typeof WASTE_DEFINITIONS & { expand: string; keepHuman: string; drivers: string };
}

const EXTRA_DEFINITIONS = {
  expand:
    'Among workflows with attemptSuccessRate ≥ 0.9, the one with the lowest fullyLoadedCostPerResolvedUsd ÷ bpoPricePerUnitUsd.',
  keepHuman:
    'A workflow with attemptSuccessRate < 0.5 whose fullyLoadedCostPerResolvedUsd exceeds laborCostPerUnitUsd; the one exceeding it most.',
  drivers:
    'Segments with at least max(10, 2% of the workflow’s units), ranked by (segment − workflow fullyLoadedCostPerResolvedUsd) × segment units, positive only (src/analysis/drivers.ts).',
};

export class TruthBuilder {
  readonly #book: PriceBook;
  readonly #waste: WasteLedger;
  readonly #workflows = new Map<string, GroupTally>();
  readonly #segments = new Map<string, Map<string, GroupTally>>();
  #total: FemtoUsd = 0n;
  #unattributed: FemtoUsd = 0n;
  spans = 0;
  traces = 0;

  constructor(book: PriceBook) {
    this.#book = book;
    this.#waste = new WasteLedger(book);
  }

  addUnit(unit: SimUnit, spans: number): void {
    this.spans += spans;
    this.traces += unit.attempts.length;
    const costs = unit.attempts.map((a) => this.#attemptCost(a));
    const stepMinutes = unit.attempts
      .flatMap((a) => a.calls)
      .reduce((sum, c) => sum + (c.humanMinutes ?? 0), 0);
    for (const cost of costs) this.#total += cost;
    tally(this.#workflows, unit.workflow).add(unit, costs, stepMinutes);
    let segments = this.#segments.get(unit.workflow);
    if (!segments) {
      segments = new Map();
      this.#segments.set(unit.workflow, segments);
    }
    for (const [key, value] of Object.entries(unit.attributes)) {
      tally(segments, `${key}=${value}`).add(unit, costs, stepMinutes);
    }
    this.#waste.addUnit(unit, costs);
  }

  addUnattributed(attempt: SimAttempt, spans: number): void {
    this.spans += spans;
    this.traces += 1;
    const cost = this.#attemptCost(attempt);
    this.#total += cost;
    this.#unattributed += cost;
  }

  build(meta: { seed: number; scale: number; from: string; to: string }): Truth {
    const waste = this.#waste.settle();
    const workflows: WorkflowTruth[] = [];
    const totalWaste = Object.fromEntries(WASTE_CLASSES.map((c) => [c, 0n])) as Record<
      WasteClass,
      FemtoUsd
    >;
    for (const w of WORKFLOWS) {
      const t = this.#workflows.get(w.name);
      if (!t) continue;
      const figures = figuresOf(t, w);
      const segments: Record<string, TruthFigures> = {};
      for (const [group, s] of [
        ...(this.#segments.get(w.name) ?? new Map<string, GroupTally>()),
      ].sort()) {
        segments[group] = figuresOf(s, w);
      }
      const classes = waste.get(w.name);
      const wasteUsd = {} as Record<WasteClass | 'productive', number>;
      let wasted = 0n;
      for (const c of WASTE_CLASSES) {
        const amount = classes?.[c] ?? 0n;
        wasted += amount;
        totalWaste[c] += amount;
        wasteUsd[c] = femtoToUsdNumber(amount);
      }
      wasteUsd.productive = femtoToUsdNumber(t.tokenCost - wasted);
      workflows.push({
        workflow: w.name,
        team: w.team,
        ...figures,
        segments,
        waste: wasteUsd,
        drivers: rankDrivers(figures, segments),
      });
    }
    return {
      ...meta,
      spans: this.spans,
      traces: this.traces,
      totals: {
        tokenCostUsd: femtoToUsdNumber(this.#total),
        tokenCostUsdExact: femtoToUsdString(this.#total),
        attributedCostUsd: femtoToUsdNumber(this.#total - this.#unattributed),
        unattributedCostUsd: femtoToUsdNumber(this.#unattributed),
        unattributedCostUsdExact: femtoToUsdString(this.#unattributed),
      },
      workflows,
      waste: Object.fromEntries(
        WASTE_CLASSES.map((c) => [c, femtoToUsdNumber(totalWaste[c])]),
      ) as Record<WasteClass, number>,
      expand: pickExpand(workflows),
      keepHuman: pickKeepHuman(workflows),
      planted: PLANTED,
      definitions: { ...WASTE_DEFINITIONS, ...EXTRA_DEFINITIONS },
    };
  }

  #attemptCost(attempt: SimAttempt): FemtoUsd {
    let cost = 0n;
    for (const call of attempt.calls) cost += priceCall(this.#book, call);
    return cost;
  }
}

function tally(map: Map<string, GroupTally>, key: string): GroupTally {
  let t = map.get(key);
  if (!t) {
    t = new GroupTally();
    map.set(key, t);
  }
  return t;
}

function rankDrivers(
  workflow: TruthFigures,
  segments: Record<string, TruthFigures>,
): DriverTruth[] {
  const minUnits = Math.max(10, Math.ceil(workflow.units * 0.02));
  const wfCost = workflow.fullyLoadedCostPerResolvedUsd ?? workflow.tokenCostPerResolvedUsd;
  const out: DriverTruth[] = [];
  for (const [group, s] of Object.entries(segments)) {
    const segCost = s.fullyLoadedCostPerResolvedUsd ?? s.tokenCostPerResolvedUsd;
    if (s.units < minUnits || segCost === null || wfCost === null || segCost <= wfCost) continue;
    const at = group.indexOf('=');
    out.push({
      attribute: group.slice(0, at),
      value: group.slice(at + 1),
      excessUsd: (segCost - wfCost) * s.units,
    });
  }
  return out.sort((a, b) => b.excessUsd - a.excessUsd || a.attribute.localeCompare(b.attribute));
}

function pickExpand(workflows: readonly WorkflowTruth[]): string {
  const score = (w: WorkflowTruth) =>
    (w.fullyLoadedCostPerResolvedUsd ?? Infinity) / w.bpoPricePerUnitUsd;
  const candidates = workflows.filter((w) => (w.attemptSuccessRate ?? 0) >= 0.9);
  return candidates.sort((a, b) => score(a) - score(b))[0]?.workflow ?? '';
}

function pickKeepHuman(workflows: readonly WorkflowTruth[]): string {
  const over = (w: WorkflowTruth) => (w.fullyLoadedCostPerResolvedUsd ?? 0) - w.laborCostPerUnitUsd;
  const candidates = workflows.filter((w) => (w.attemptSuccessRate ?? 1) < 0.5 && over(w) > 0);
  return candidates.sort((a, b) => over(b) - over(a))[0]?.workflow ?? '';
}
