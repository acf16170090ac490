/**
 * Queries over spans captured by the OTLP sink, for tests that check what a scenario emitted.
 * They throw on ambiguity instead of guessing, so a wrong span shape fails loudly.
 */
import type { CapturedSpan, OtlpCaptureServer } from './otlp-capture-server.js';
import type { ScenarioCall, ScenarioResult } from './scenario-result.js';

/** The scenario's spans; throws unless the scenario made exactly one trace. */
export function scenarioSpans(sink: OtlpCaptureServer, result: ScenarioResult): CapturedSpan[] {
  if (result.traceIds.length !== 1) {
    throw new Error(`expected one trace, scenario made ${result.traceIds.length}`);
  }
  return sink.spans().filter((span) => result.traceIds.includes(span.traceId));
}

export function onlySpan(
  spans: CapturedSpan[],
  predicate: (span: CapturedSpan) => boolean,
): CapturedSpan {
  const matches = spans.filter(predicate);
  const [match] = matches;
  if (match === undefined || matches.length > 1) {
    throw new Error(`expected exactly one matching span, found ${matches.length}`);
  }
  return match;
}

/**
 * A library's span for one provider call, found by response id wherever it is carried:
 * `gen_ai.response.id`, or inside OpenInference's `output.value` JSON.
 */
export function spanForCall(
  spans: CapturedSpan[],
  scope: string,
  responseId: string,
): CapturedSpan {
  return onlySpan(
    spans,
    (s) =>
      s.scope === scope &&
      (s.attributes['gen_ai.response.id'] === responseId ||
        String(s.attributes['output.value']).includes(responseId)),
  );
}

/** Every attribute key that carries a token count, whatever the convention. */
export function usageKeys(span: CapturedSpan): string[] {
  return Object.keys(span.attributes).filter((key) => /usage|token_count/.test(key));
}

export function callAt(result: ScenarioResult, index: number): ScenarioCall {
  const call = result.calls[index];
  if (call === undefined) throw new Error(`scenario reported no call #${index}`);
  return call;
}
