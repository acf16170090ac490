/**
 * `tokenledger what-if --workflow W --step S --model M [--success-rate R]`: what the step would
 * cost on another model at the same token counts, the success evidence for it, and the token cost
 * per resolved outcome at the observed or assumed success rate.
 */
import { parseArgs } from 'node:util';
import type { waste } from '../analysis/index.js';
import { type CliIo, UsageError } from './cli-io.js';
import { openWasteSource } from './waste-source.js';

const USAGE =
  'usage: tokenledger what-if --workflow W --step S --model M [--success-rate R] [--db FILE | --url URL]';

const usdOrNone = (x: number | null) =>
  x === null ? 'none (no success rate)' : `$${x.toFixed(6)}`;
/** Display only: six decimals of an exact USD string (the JSON keeps every digit). */
const usd6 = (exact: string) => `$${Number(exact).toFixed(6)}`;
const difference = (exact: string) =>
  exact.startsWith('-')
    ? `${usd6(exact.slice(1))} less`
    : exact === '0'
      ? 'the same'
      : `${usd6(exact)} more`;

export function renderWhatIf(r: waste.WhatIfView): string {
  const rate =
    r.successRate === null
      ? 'none'
      : `${(r.successRate * 100).toFixed(1)}% (${r.successRateSource})`;
  return [
    `${r.workflow} / ${r.step} on ${r.model}`,
    `  calls: ${r.calls} (${r.inputTokens} input, ${r.outputTokens} output tokens) in ${r.attemptsWithStep} judged attempts`,
    `  today: ${r.modelsToday.map((m) => `${m.model} ${m.calls} calls`).join(', ')}`,
    `  cost today:    $${r.costTodayUsd}`,
    `  cost on model: $${r.costOnModelUsd} (${difference(r.differenceUsd)}), catalog prices at the same tokens and days`,
    `  evidence: ${r.evidence.statement}`,
    `  success rate used: ${rate}`,
    `  token cost per attempt: today ${usd6(r.tokenCostPerAttempt.todayUsd)}, on model ${usd6(r.tokenCostPerAttempt.onModelUsd)}`,
    `  token cost per resolved outcome: today ${usdOrNone(r.tokenCostPerResolvedOutcome.todayUsd)}, on model ${usdOrNone(r.tokenCostPerResolvedOutcome.onModelUsd)}`,
    `  (${r.tokenCostPerResolvedOutcome.formula})`,
  ].join('\n');
}

export async function whatIfCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workflow: { type: 'string' },
      step: { type: 'string' },
      model: { type: 'string' },
      'success-rate': { type: 'string' },
      format: { type: 'string', default: 'table' },
      db: { type: 'string' },
      url: { type: 'string' },
    },
  });
  const { workflow, step, model } = values;
  if (!workflow || !step || !model) throw new UsageError(USAGE);
  let successRate: number | undefined;
  if (values['success-rate'] !== undefined) {
    successRate = Number(values['success-rate']);
    if (!Number.isFinite(successRate) || successRate < 0 || successRate > 1)
      throw new UsageError(
        `--success-rate must be a number between 0 and 1, got ${JSON.stringify(values['success-rate'])}`,
      );
  }
  const source = await openWasteSource({ url: values.url, db: values.db });
  try {
    const result = await source.whatIf({
      workflow,
      step,
      model,
      ...(successRate === undefined ? {} : { successRate }),
    });
    if (!result) {
      io.err(
        `${workflow} has no judged calls of step ${JSON.stringify(step)} in ${source.description}`,
      );
      return 1;
    }
    io.out(values.format === 'json' ? JSON.stringify(result, null, 2) : renderWhatIf(result));
    return 0;
  } finally {
    await source.close();
  }
}
