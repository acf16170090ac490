/**
 * Strict token-count parsing: usage drives money, so a count that cannot be right is an error
 * naming the span and attribute rather than a silent zero.
 */
import type { Attributes, AttributeValue, OtlpSpan } from '../../domain/index.js';
import { InvalidUsageError } from './invalid-usage-error.js';

/** Above this a count is a unit or encoding mistake, not a real call. */
export const MAX_TOKEN_COUNT = 1e12;

/**
 * A token count from an attribute value; null when absent. Accepts integers, integer-valued
 * doubles and numeric strings (OTLP int64 may arrive as a decimal string).
 */
export function parseTokenCount(
  span: OtlpSpan,
  attribute: string,
  value: AttributeValue | undefined,
): number | null {
  if (value === undefined || value === null) return null;
  let count: number;
  if (typeof value === 'number') count = value;
  else if (typeof value === 'string' && value.trim() !== '') count = Number(value);
  else throw new InvalidUsageError(span, attribute, 'must be a non-negative integer', value);
  if (!Number.isInteger(count) || count < 0) {
    throw new InvalidUsageError(span, attribute, 'must be a non-negative integer', value);
  }
  if (count > MAX_TOKEN_COUNT) {
    throw new InvalidUsageError(span, attribute, `must be at most ${MAX_TOKEN_COUNT}`, value);
  }
  return count;
}

export function readTokenCount(span: OtlpSpan, attributes: Attributes, key: string): number | null {
  return parseTokenCount(span, key, attributes[key]);
}

/** The first present alias wins; a present but invalid alias is an error even if a later one is fine. */
export function readFirstTokenCount(
  span: OtlpSpan,
  attributes: Attributes,
  keys: readonly string[],
): number | null {
  for (const key of keys) {
    const count = parseTokenCount(span, key, attributes[key]);
    if (count !== null) return count;
  }
  return null;
}
