/**
 * Builds the calls of one attempt on a running clock: each call starts when the previous one
 * ends, with durations shaped like real ones (model calls scale with output tokens).
 */
import type { Prng } from './prng.js';
import type { CallKind, PlantedWaste, SimCall, SimUsage } from './sim-types.js';

const MS = 1_000_000n;

export interface LlmOptions {
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  planted?: PlantedWaste;
  decision?: { rule: string; precedent: string | null };
  kind?: 'llm' | 'embedding';
}

export class AttemptBuilder {
  readonly calls: SimCall[] = [];
  #clock: bigint;

  constructor(
    private readonly rng: Prng,
    start: bigint,
  ) {
    this.#clock = start + 5n * MS;
  }

  get clock(): bigint {
    return this.#clock;
  }

  llm(
    step: string,
    model: string,
    provider: string,
    input: number,
    output: number,
    options: LlmOptions = {},
  ): SimCall {
    const usage: SimUsage = {
      input,
      output,
      cacheRead: options.cacheRead ?? 0,
      cacheWrite: options.cacheWrite ?? 0,
      reasoning: options.reasoning ?? 0,
    };
    const ms = 250 + Math.round(input / 400) + output * 12 + this.rng.int(0, 400);
    return this.#push(options.kind ?? 'llm', step, ms, {
      model,
      provider,
      usage,
      planted: options.planted ?? null,
      decision: options.decision ?? null,
    });
  }

  embedding(step: string, model: string, provider: string, input: number): SimCall {
    return this.llm(step, model, provider, input, 0, { kind: 'embedding' });
  }

  tool(step: string, name: string, args: Record<string, string>, planted?: PlantedWaste): SimCall {
    return this.#push('tool', step, this.rng.int(80, 600), {
      toolName: name,
      toolArgs: JSON.stringify(args),
      planted: planted ?? null,
    });
  }

  retrieval(step: string, source: string, count: number, idPrefix: string): SimCall {
    const documents: { id: string; score: number }[] = [];
    let score = 0.92 - this.rng.float() * 0.05;
    for (let i = 0; i < count; i++) {
      documents.push({
        id: `${idPrefix}-${this.rng.int(1000, 9999)}`,
        score: Math.round(score * 1000) / 1000,
      });
      score -= 0.004 + this.rng.float() * 0.01;
    }
    return this.#push('retrieval', step, this.rng.int(40, 200), { toolName: source, documents });
  }

  human(step: string, minutes: number): SimCall {
    return this.#push('human', step, minutes * 60_000, { humanMinutes: minutes });
  }

  /** Marks the last call as failed (the attempt's visible failure). */
  failLast(): void {
    const last = this.calls[this.calls.length - 1];
    if (last) last.error = true;
  }

  #push(kind: CallKind, step: string, ms: number, fields: Partial<SimCall>): SimCall {
    const durationNs = BigInt(ms) * MS;
    const call: SimCall = {
      kind,
      step,
      model: null,
      provider: null,
      usage: null,
      toolName: null,
      toolArgs: null,
      documents: null,
      humanMinutes: null,
      decision: null,
      startNs: this.#clock,
      durationNs,
      error: false,
      planted: null,
      ...fields,
    };
    this.calls.push(call);
    this.#clock += durationNs + BigInt(this.rng.int(2, 40)) * MS;
    return call;
  }
}
