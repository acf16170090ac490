/** The contract every telemetry-convention mapper implements, and the result of normalising a span. */
import type { OtlpSpan, Step } from '../../domain/index.js';

/**
 * Understands one telemetry convention. `matches` must be cheap (scope name and a few key
 * lookups, never a scan of every attribute). `toStep` is pure and throws `InvalidUsageError`
 * when the span reports an impossible token count.
 */
export interface SemconvMapper {
  readonly name: string;
  matches(span: OtlpSpan): boolean;
  toStep(span: OtlpSpan): Step;
}

export type NormalizeResult = { ok: true; step: Step } | { ok: false; error: string };
