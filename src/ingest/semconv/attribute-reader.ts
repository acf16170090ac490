/**
 * Tolerant readers for span attributes: wrong-typed values are coerced to strings or ignored,
 * never thrown on, because emitters disagree on types for non-usage fields.
 */
import type { Attributes, AttributeValue } from '../../domain/index.js';

export type JsonObject = { [key: string]: AttributeValue };

/** A non-empty string; numbers and booleans are stringified; anything else is absent. */
export function toText(value: AttributeValue | undefined): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return String(value);
  return null;
}

export function readString(attributes: Attributes, key: string): string | null {
  return toText(attributes[key]);
}

export function readFirstString(attributes: Attributes, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = toText(attributes[key]);
    if (value !== null) return value;
  }
  return null;
}

/** A JSON object given either structured (OTLP kvlist) or as a JSON string; else null. */
export function toJsonObject(value: AttributeValue | undefined): JsonObject | null {
  if (typeof value === 'string') {
    if (!value.startsWith('{')) return null;
    try {
      const parsed: unknown = JSON.parse(value);
      return isJsonObject(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return isJsonObject(value) ? value : null;
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
