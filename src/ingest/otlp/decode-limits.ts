/** Size limits applied while decoding an OTLP request, and the shape of a decoded request. */
import type { OtlpSpan } from '../../domain/index.js';

export type OtlpEncoding = 'protobuf' | 'json';

export interface DecodeLimits {
  /**
   * Longest string (UTF-8 bytes) or bytes value kept; longer ones are truncated on a character
   * boundary, never rejected. Applies to attribute keys and values, names and status messages.
   */
  maxAttributeValueBytes: number;
  /** Attributes kept per attribute list (span, event, resource); later ones are dropped. */
  maxAttributesPerSpan: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxAttributeValueBytes: 32_768,
  maxAttributesPerSpan: 512,
};

export interface DecodedTraceRequest {
  spans: OtlpSpan[];
  /** Spans refused one by one (bad ids); the rest of the request is kept. */
  rejectedSpans: number;
  /** The first few rejection reasons, each naming the span and the rule. */
  rejectionMessages: string[];
}

export function resolveDecodeLimits(limits: Partial<DecodeLimits> | undefined): DecodeLimits {
  const resolved: DecodeLimits = {
    maxAttributeValueBytes:
      limits?.maxAttributeValueBytes ?? DEFAULT_DECODE_LIMITS.maxAttributeValueBytes,
    maxAttributesPerSpan:
      limits?.maxAttributesPerSpan ?? DEFAULT_DECODE_LIMITS.maxAttributesPerSpan,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`DecodeLimits.${name} must be a positive integer, got ${value}`);
    }
  }
  return resolved;
}
