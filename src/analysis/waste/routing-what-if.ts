/**
 * The routing counterfactual: what one step of a workflow would have cost on another model, at
 * the same token counts on the same days, the success evidence the data holds for that model on
 * that step, and the token cost per resolved outcome at the observed or an assumed success rate:
 * (workflow token cost per attempt − the step's cost per attempt + the step's cost on the model
 * per attempt) ÷ attempt success rate (economics cost-of-pass).
 */
import {
  divideHalfEven,
  type FemtoUsd,
  femtoToUsdNumber,
  femtoToUsdString,
} from '../../domain/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { Store } from '../../store/index.js';
import { costOfPass } from '../economics/cost-of-pass.js';
import { RangeError400 } from '../parse-range.js';
import { closeCatalogModels } from './close-models.js';
import { repriceTokens } from './reprice.js';

export interface WhatIfInput {
  workflow: string;
  step: string;
  model: string;
  /** Assumed attempt success rate on the model, 0–1; the observed one when absent. */
  successRate?: number;
}

const FORMULA =
  'token cost per resolved outcome = (workflow token cost per attempt − step cost per attempt + step cost on the model per attempt) ÷ attempt success rate';

const usd = (f: FemtoUsd) => femtoToUsdString(f);

export async function routingWhatIf(store: Store, book: PriceBook, input: WhatIfInput) {
  const probe = book.lookup(input.model, null, new Date());
  if (probe === null) {
    throw new RangeError400(
      `model ${JSON.stringify(input.model)} is not in the price catalog; close matches: ${closeCatalogModels(input.model).join(', ')}`,
    );
  }
  const facts = await store.readRoutingFacts(input.workflow, input.step);
  if (facts.calls.length === 0) return null;
  const target = facts.rates.find((r) => r.model === input.model);
  const provider = target?.provider ?? null;
  let calls = 0;
  let input_ = 0;
  let output = 0;
  let today = 0n;
  let onModel = 0n;
  for (const g of facts.calls) {
    const repriced = repriceTokens(book, g.tokens, input.model, provider, g.dayUnixNano);
    if (repriced === null) {
      throw new RangeError400(
        `model ${JSON.stringify(input.model)} has no catalog price on every day the step ran`,
      );
    }
    calls += g.calls;
    input_ += g.tokens.input * g.calls;
    output += g.tokens.output * g.calls;
    today += g.costFemto;
    onModel += BigInt(g.calls) * repriced;
  }
  const evidence =
    target && target.attempts > 0
      ? {
          attempts: target.attempts,
          successfulAttempts: target.successfulAttempts,
          successRate: target.successfulAttempts / target.attempts,
          statement: `${target.successfulAttempts} of ${target.attempts} judged attempts that ran ${input.step} on ${input.model} succeeded`,
        }
      : {
          attempts: 0,
          successfulAttempts: 0,
          successRate: null,
          statement: `no judged attempt of ${input.workflow} ran ${input.step} on ${input.model}: there is no success evidence for it`,
        };
  const rate = input.successRate ?? evidence.successRate;
  const attempts = BigInt(Math.max(facts.attempts, 1));
  const perAttemptToday = divideHalfEven(facts.costFemto, attempts);
  const perAttemptOnModel = divideHalfEven(facts.costFemto - today + onModel, attempts);
  const perOutcome = (perAttempt: FemtoUsd, p: number | null) =>
    p === null ? null : costOfPass(femtoToUsdNumber(perAttempt), p);
  return {
    workflow: input.workflow,
    step: input.step,
    model: input.model,
    calls,
    inputTokens: input_,
    outputTokens: output,
    costTodayUsd: usd(today),
    costOnModelUsd: usd(onModel),
    differenceUsd: usd(onModel - today),
    modelsToday: facts.rates.map((r) => ({
      model: r.model,
      provider: r.provider,
      calls: r.calls,
      attempts: r.attempts,
      successfulAttempts: r.successfulAttempts,
      successRate: r.attempts === 0 ? null : r.successfulAttempts / r.attempts,
    })),
    evidence,
    successRate: rate,
    successRateSource:
      input.successRate !== undefined ? 'assumed' : rate === null ? 'none' : 'observed',
    attempts: facts.attempts,
    attemptsWithStep: facts.attemptsWithStep,
    tokenCostPerAttempt: { todayUsd: usd(perAttemptToday), onModelUsd: usd(perAttemptOnModel) },
    tokenCostPerResolvedOutcome: {
      todayUsd: perOutcome(
        perAttemptToday,
        facts.attempts === 0 ? null : facts.successfulAttempts / facts.attempts,
      ),
      onModelUsd: perOutcome(perAttemptOnModel, rate),
      formula: FORMULA,
    },
  };
}
