import { describe, expect, it } from 'vitest';
import { decideUsageCounting, type Step, usageNodeOf } from '../domain/index.js';
import { decodeTraceRequest, normalizeSpan } from '../ingest/index.js';
import { encodeTraceRequest } from './otlp-writer.js';
import { CONVENTIONS, type ConventionName, type SimAttempt, type SimUnit } from './sim-types.js';
import { simulate } from './simulate.js';
import { emitAttempt, type SpanOut, spanCountOf } from './span-emitter.js';

/** The first units of a run, enough to cover every convention and call kind. */
function sample(count: number): { unit: SimUnit | null; attempt: SimAttempt }[] {
  const out: { unit: SimUnit | null; attempt: SimAttempt }[] = [];
  for (const item of simulate({ seed: 7 })) {
    if (item.kind === 'unit')
      for (const attempt of item.unit.attempts) out.push({ unit: item.unit, attempt });
    else out.push({ unit: null, attempt: item.attempt });
    if (out.length >= count) break;
  }
  return out;
}

function normalise(spans: readonly SpanOut[]): Map<string, Step> {
  const decoded = decodeTraceRequest(encodeTraceRequest(spans), 'protobuf', {});
  expect(decoded.rejectedSpans).toBe(0);
  const steps = new Map<string, Step>();
  for (const span of decoded.spans) {
    const result = normalizeSpan(span);
    if (!result.ok) throw new Error(result.error);
    steps.set(`${span.traceId}/${span.spanId}`, result.step);
  }
  return steps;
}

describe('the spans of each convention', () => {
  const attempts = sample(400);
  const seen = new Map<ConventionName, Set<string>>();

  it('normalise to the intended kind, model, tokens and tool', () => {
    let checked = 0;
    for (const { unit, attempt } of attempts) {
      const spans = emitAttempt(attempt, unit);
      expect(spans).toHaveLength(spanCountOf(attempt));
      const steps = normalise(spans);
      for (const span of spans) {
        const step = steps.get(`${span.traceId}/${span.spanId}`);
        if (!step) throw new Error(`span ${span.spanId} lost in decoding`);
        if (span.callIndex === null) {
          expect(['agent', 'other']).toContain(step.kind);
          continue;
        }
        const call = attempt.calls[span.callIndex];
        if (!call) throw new Error('call index out of range');
        const kinds = seen.get(attempt.convention) ?? new Set<string>();
        kinds.add(call.kind);
        seen.set(attempt.convention, kinds);
        const where = `${attempt.convention} ${call.kind} ${call.step}`;
        expect(step.kind, where).toBe(call.kind);
        expect(step.attributes['tokenledger.step.name'], where).toBe(call.step);
        if (call.usage) {
          expect(step.model, where).toBe(call.model);
          expect(step.usage.inputTokens, where).toBe(call.usage.input);
          if (call.kind === 'llm') expect(step.usage.outputTokens, where).toBe(call.usage.output);
          expect(step.usage.cacheReadTokens ?? 0, where).toBe(call.usage.cacheRead);
          expect(step.usage.cacheWriteTokens ?? 0, where).toBe(call.usage.cacheWrite);
        }
        if (call.kind === 'tool' && attempt.convention !== 'langfuse') {
          expect(step.toolName, where).toBe(call.toolName);
        }
        if (call.kind === 'human') {
          expect(step.attributes['tokenledger.human.minutes'], where).toBe(
            String(call.humanMinutes),
          );
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect([...seen.keys()].sort()).toEqual([...CONVENTIONS].sort());
    expect(seen.get('gen-ai')).toEqual(new Set(['embedding', 'retrieval', 'llm', 'tool', 'human']));
    expect(seen.get('openinference')).toEqual(new Set(['retrieval', 'llm', 'tool']));
  });

  it('count each call once: roll-up roots and step spans are left out of spend', () => {
    for (const { unit, attempt } of attempts) {
      const steps = [...normalise(emitAttempt(attempt, unit)).values()];
      const decisions = decideUsageCounting(steps.map(usageNodeOf));
      const counted = steps
        .filter((s) => decisions.get(s.spanId) === null)
        .reduce((sum, s) => sum + (s.usage.inputTokens ?? 0), 0);
      const intended = attempt.calls.reduce((sum, c) => sum + (c.usage?.input ?? 0), 0);
      expect(counted, attempt.convention).toBe(intended);
    }
  });

  it('link every attempt to its unit on the root, one child or every span', () => {
    const placements = new Set<string>();
    for (const { unit, attempt } of attempts.slice(0, 100)) {
      if (!unit) continue;
      placements.add(attempt.link);
      const steps = [...normalise(emitAttempt(attempt, unit)).values()];
      const linked = steps.filter(
        (s) => s.attributes['tokenledger.work_unit.id'] === unit.workUnitId,
      );
      expect(linked.length).toBeGreaterThan(0);
      expect(linked.every((s) => s.attributes['tokenledger.workflow'] === unit.workflow)).toBe(
        true,
      );
      if (attempt.link === 'child') expect(linked.every((s) => s.parentSpanId !== null)).toBe(true);
      if (attempt.link === 'root') expect(linked.map((s) => s.parentSpanId)).toEqual([null]);
      const numbered = steps.filter(
        (s) => s.attributes['tokenledger.attempt'] === String(attempt.number),
      );
      expect(numbered).toHaveLength(steps.length);
    }
    expect(placements).toEqual(new Set(['root', 'child', 'all']));
  });
});
