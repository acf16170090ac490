/**
 * Decides which (workflow, step, model) routes are over-powered, on either of two triggers:
 * - success rate: another model runs the same step of the same workflow, is cheaper in the catalog
 *   (input and output price both no higher, their sum lower, on the day the expensive model was
 *   last seen) and its attempt success rate is not lower by more than 10 points (exact integers);
 * - shape: with no such evidence, the step's calls on the model are classification-like (at least
 *   `SHAPE_MIN_CALLS` calls, ≥ 90% of them answering in ≤ `SHORT_OUTPUT_TOKENS` output tokens) and
 *   a cheaper model of the same provider is one the workflow already runs on another step.
 */
import type { PriceBook } from '../../pricing/index.js';
import type { OverPoweredRoute, StepModelRate } from '../../store/index.js';
import { SHAPE_MIN_CALLS, SHAPE_SHORT_SHARE_PERCENT } from './definitions.js';

const DAY = 86_400_000_000_000n;

/** r' ≥ r − 0.1, i.e. 10·(s'·a − s·a') ≥ −a·a'. */
export function succeedsAsOften(candidate: StepModelRate, current: StepModelRate): boolean {
  if (candidate.attempts === 0 || current.attempts === 0) return false;
  const a = BigInt(current.attempts);
  const s = BigInt(current.successfulAttempts);
  const a2 = BigInt(candidate.attempts);
  const s2 = BigInt(candidate.successfulAttempts);
  return 10n * (s2 * a - s * a2) >= -(a * a2);
}

/** Enough calls, nearly all answering in a few tokens (a label, a yes/no): a simple step. */
export function looksSimple(rate: StepModelRate): boolean {
  return (
    rate.calls >= SHAPE_MIN_CALLS &&
    rate.shortOutputCalls * 100 >= rate.calls * SHAPE_SHORT_SHARE_PERCENT
  );
}

function ioPrice(book: PriceBook, model: string, provider: string | null, day: bigint) {
  const price = book.lookup(model, provider, new Date(Number(day / 1_000_000n)));
  if (price === null) return null;
  return { input: price.rates.input.base, output: price.rates.output.base };
}

/** The cheapest of `candidates` priced no higher on both rates and lower in sum than `current`. */
function cheapest(
  book: PriceBook,
  current: StepModelRate,
  candidates: Iterable<StepModelRate>,
): StepModelRate | null {
  const day = (current.lastSeenUnixNano / DAY) * DAY;
  const mine = ioPrice(book, current.model, current.provider, day);
  if (mine === null) return null;
  let best: { rate: StepModelRate; sum: bigint } | null = null;
  for (const other of candidates) {
    if (other.model === current.model) continue;
    const theirs = ioPrice(book, other.model, other.provider, day);
    if (theirs === null || theirs.input > mine.input || theirs.output > mine.output) continue;
    const sum = theirs.input + theirs.output;
    if (sum >= mine.input + mine.output) continue;
    if (best === null || sum < best.sum) best = { rate: other, sum };
  }
  return best?.rate ?? null;
}

export function decideOverPoweredRoutes(
  book: PriceBook,
  rates: readonly StepModelRate[],
): OverPoweredRoute[] {
  const bySteps = new Map<string, StepModelRate[]>();
  const byWorkflow = new Map<string, StepModelRate[]>();
  for (const rate of rates) {
    const key = `${rate.workflow}\u0000${rate.step}`;
    bySteps.set(key, [...(bySteps.get(key) ?? []), rate]);
    byWorkflow.set(rate.workflow, [...(byWorkflow.get(rate.workflow) ?? []), rate]);
  }
  const routes: OverPoweredRoute[] = [];
  const route = (
    current: StepModelRate,
    cheaper: StepModelRate,
    basis: OverPoweredRoute['basis'],
  ) =>
    routes.push({
      workflow: current.workflow,
      step: current.step,
      model: current.model,
      cheaperModel: cheaper.model,
      cheaperProvider: cheaper.provider,
      basis,
    });
  for (const current of rates) {
    const sameStep = bySteps.get(`${current.workflow}\u0000${current.step}`) ?? [];
    const proven = cheapest(
      book,
      current,
      sameStep.filter((other) => succeedsAsOften(other, current)),
    );
    if (proven !== null) {
      route(current, proven, 'successRate');
      continue;
    }
    if (current.provider === null || !looksSimple(current)) continue;
    const sameProvider = (byWorkflow.get(current.workflow) ?? []).filter(
      (other) => other.provider === current.provider,
    );
    const simpler = cheapest(book, current, sameProvider);
    if (simpler !== null) route(current, simpler, 'shape');
  }
  return routes;
}
