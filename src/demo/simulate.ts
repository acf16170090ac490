/**
 * The seeded generator: an endless, deterministic stream of work units (each with its attempts,
 * calls and outcome) over 90 days, plus the occasional unattributed evaluation trace.
 */
import { AttemptBuilder } from './attempt-builder.js';
import { DAYS, DEFAULT_END, type DemoWorkflow, WORKFLOWS } from './enterprise.js';
import { mix32, Prng } from './prng.js';
import type { ConventionName, OutcomeRecord, SimAttempt, SimUnit } from './sim-types.js';
import { SCRIPTS } from './workflow-scripts.js';

export interface SimulateOptions {
  seed: number;
  /** ISO time at which the 90 days end; default 2026-11-27T00:00:00Z. */
  end?: string;
}

export type SimItem =
  | { kind: 'unit'; unit: SimUnit }
  /** A trace linked to no work unit (an offline evaluation run): unattributed spend. */
  | { kind: 'unattributed'; attempt: SimAttempt };

const NS_PER_MS = 1_000_000n;
const MINUTE = 60_000n * NS_PER_MS;
const DAY_MS = 86_400_000;
/** One evaluation trace per this many units. */
const EVAL_EVERY = 50;

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

export function traceIdOf(seed: number, unitIndex: number, attempt: number): string {
  return `${hex8(mix32(seed ^ 0x7f4a7c15))}${hex8(mix32(unitIndex + 0x632be5ab))}${hex8(unitIndex)}${hex8((attempt << 8) | (mix32(unitIndex ^ seed) & 0xff))}`;
}

export function endOf(options: SimulateOptions): bigint {
  const ms = Date.parse(options.end ?? DEFAULT_END);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO time: ${options.end}`);
  return BigInt(ms) * NS_PER_MS;
}

export function* simulate(options: SimulateOptions): Generator<SimItem> {
  const rng = new Prng(options.seed);
  const endNs = endOf(options);
  const windowMs = (DAYS - 1) * DAY_MS;
  const startNs = endNs - BigInt(DAYS * DAY_MS) * NS_PER_MS;
  const weights = Object.fromEntries(WORKFLOWS.map((w) => [w.name, w.weight]));
  const counters = new Map<string, number>();
  for (let index = 0; ; index++) {
    const picked = rng.weighted(weights);
    const workflow = WORKFLOWS.find((w) => w.name === picked);
    if (!workflow) throw new Error('unreachable: weighted pick outside the workflows');
    const n = (counters.get(workflow.name) ?? 0) + 1;
    counters.set(workflow.name, n);
    const unitStart = startNs + BigInt(Math.floor(rng.float() * windowMs)) * NS_PER_MS;
    yield { kind: 'unit', unit: playUnit(rng, options.seed, index, workflow, n, unitStart) };
    if (index % EVAL_EVERY === EVAL_EVERY - 1) {
      yield { kind: 'unattributed', attempt: evalTrace(rng, options.seed, index, unitStart) };
    }
  }
}

function playUnit(
  rng: Prng,
  seed: number,
  index: number,
  workflow: DemoWorkflow,
  n: number,
  unitStart: bigint,
): SimUnit {
  const script = SCRIPTS[workflow.name];
  if (!script) throw new RangeError(`no script for ${workflow.name}`);
  const attributes: Record<string, string> = {};
  for (const [key, values] of Object.entries(workflow.segments)) {
    attributes[key] = rng.weighted(values);
  }
  const workUnitId = `${workflow.idPrefix}-${String(n).padStart(6, '0')}`;
  const attempts: SimAttempt[] = [];
  const max = script.maxAttempts(attributes);
  const p = script.successProbability(attributes);
  let clock = unitStart;
  let outcome: Omit<OutcomeRecord, 'workUnitId' | 'workflow' | 'attributes' | 'occurredAt'> | null =
    null;
  for (let number = 1; number <= max; number++) {
    if (number > 1 && rng.chance(script.abandonProbability)) {
      outcome = { status: 'abandoned', overridden: false };
      break;
    }
    const b = new AttemptBuilder(rng, clock);
    const success = script.build(b, rng, attributes, rng.chance(p));
    attempts.push({
      traceId: traceIdOf(seed, index, number),
      number,
      success,
      convention: rng.weighted(workflow.conventions as Record<ConventionName, number>),
      link: rng.pick(['root', 'child', 'all'] as const),
      startNs: clock,
      endNs: b.clock,
      calls: b.calls,
    });
    clock = b.clock + BigInt(rng.int(2, 30)) * MINUTE;
    if (success) {
      outcome = script.aiResolved(rng, attributes);
      break;
    }
  }
  outcome ??= script.exhausted(rng, attributes);
  const occurredMs = Number((clock + BigInt(rng.int(1, 120)) * MINUTE) / NS_PER_MS);
  return {
    workflow: workflow.name,
    workUnitId,
    attributes,
    attempts,
    outcome: {
      workUnitId,
      workflow: workflow.name,
      ...outcome,
      attributes,
      occurredAt: new Date(occurredMs).toISOString(),
    },
  };
}

function evalTrace(rng: Prng, seed: number, index: number, start: bigint): SimAttempt {
  const b = new AttemptBuilder(rng, start);
  b.llm('offline-eval', 'gpt-4.1', 'openai', rng.around(4_000, 0.3), rng.around(400, 0.3));
  return {
    traceId: traceIdOf(seed, index, 0),
    number: 0,
    success: false,
    convention: 'gen-ai',
    link: 'root',
    startNs: start,
    endNs: b.clock,
    calls: b.calls,
  };
}
