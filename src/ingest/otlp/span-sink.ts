/**
 * Collects decoded spans and per-span rejections for both wire encodings, and owns the id rules:
 * trace id 16 bytes, span id 8 bytes, neither all zeroes; a parent id is empty or 8 bytes.
 */
import type { OtlpSpan } from '../../domain/index.js';
import type { DecodedTraceRequest } from './decode-limits.js';

const MAX_REJECTION_MESSAGES = 10;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/** Thrown inside a decoder when one span breaks a rule; caught per span, never escapes. */
export class SpanRejection extends Error {}

export class SpanSink {
  readonly spans: OtlpSpan[] = [];
  rejectedSpans = 0;
  readonly rejectionMessages: string[] = [];

  reject(spanPath: string, spanName: string, rule: string): void {
    this.rejectedSpans += 1;
    if (this.rejectionMessages.length < MAX_REJECTION_MESSAGES) {
      const shown = spanName.length > 80 ? `${spanName.slice(0, 80)}…` : spanName;
      const named = shown === '' ? '' : ` (${JSON.stringify(shown)})`;
      this.rejectionMessages.push(`${spanPath}${named}: ${rule}`);
    }
  }

  result(): DecodedTraceRequest {
    return {
      spans: this.spans,
      rejectedSpans: this.rejectedSpans,
      rejectionMessages: this.rejectionMessages,
    };
  }
}

/** Checks a decoded trace id (lowercase hex); throws `SpanRejection` naming the rule. */
export function checkTraceId(hex: string, byteLength: number): string {
  if (byteLength !== 16) throw new SpanRejection(`traceId: must be 16 bytes, got ${byteLength}`);
  if (hex === ZERO_TRACE_ID) throw new SpanRejection('traceId: must not be all zeroes');
  return hex;
}

export function checkSpanId(hex: string, byteLength: number): string {
  if (byteLength !== 8) throw new SpanRejection(`spanId: must be 8 bytes, got ${byteLength}`);
  if (hex === ZERO_SPAN_ID) throw new SpanRejection('spanId: must not be all zeroes');
  return hex;
}

/** Empty means a root span; all zeroes is read as a root too, as some bridges send it. */
export function checkParentSpanId(hex: string, byteLength: number): string | null {
  if (byteLength === 0 || hex === ZERO_SPAN_ID) return null;
  if (byteLength !== 8) {
    throw new SpanRejection(`parentSpanId: must be empty or 8 bytes, got ${byteLength}`);
  }
  return hex;
}
