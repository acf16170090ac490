/**
 * Decides which (workflow, step, model) routes are over-powered: another model runs the same step
 * of the same workflow, is cheaper in the catalog (input and output price both no higher, their sum
 * lower, on the day the expensive model was last seen) and its attempt success rate is not lower
 * by more than 10 points. Rates compare exactly in integers.
 */
import type { PriceBook } from '../../pricing/index.js';
import type { OverPoweredRoute, StepModelRate } from '../../store/index.js';

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

function ioPrice(book: PriceBook, model: string, provider: string | null, day: bigint) {
  const price = book.lookup(model, provider, new Date(Number(day / 1_000_000n)));
  if (price === null) return null;
  return { input: price.rates.input.base, output: price.rates.output.base };
}

export function decideOverPoweredRoutes(
  book: PriceBook,
  rates: readonly StepModelRate[],
): OverPoweredRoute[] {
  const bySteps = new Map<string, StepModelRate[]>();
  for (const rate of rates) {
    const key = `${rate.workflow}\u0000${rate.step}`;
    bySteps.set(key, [...(bySteps.get(key) ?? []), rate]);
  }
  const routes: OverPoweredRoute[] = [];
  for (const models of bySteps.values()) {
    if (models.length < 2) continue;
    for (const current of models) {
      const day = (current.lastSeenUnixNano / DAY) * DAY;
      const mine = ioPrice(book, current.model, current.provider, day);
      if (mine === null) continue;
      let best: { rate: StepModelRate; sum: bigint } | null = null;
      for (const other of models) {
        if (other === current || !succeedsAsOften(other, current)) continue;
        const theirs = ioPrice(book, other.model, other.provider, day);
        if (theirs === null || theirs.input > mine.input || theirs.output > mine.output) continue;
        const sum = theirs.input + theirs.output;
        if (sum >= mine.input + mine.output) continue;
        if (best === null || sum < best.sum) best = { rate: other, sum };
      }
      if (best !== null) {
        routes.push({
          workflow: current.workflow,
          step: current.step,
          model: current.model,
          cheaperModel: best.rate.model,
          cheaperProvider: best.rate.provider,
        });
      }
    }
  }
  return routes;
}
