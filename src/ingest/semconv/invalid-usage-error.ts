/** The error a mapper throws when a span reports a token count that cannot be right. */
import type { OtlpSpan } from '../../domain/index.js';

export class InvalidUsageError extends Error {
  constructor(span: OtlpSpan, attribute: string, rule: string, value: unknown) {
    super(`span ${span.traceId}/${span.spanId}: ${attribute} ${rule}, got ${describe(value)}`);
    this.name = 'InvalidUsageError';
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
