/**
 * Typed reads of OTLP/JSON fields (proto3 JSON mapping plus the OTLP deviations): null or absent
 * means the proto default; a wrong JSON type fails the body with the field path and the rule.
 */
import { OtlpDecodeError } from './otlp-decode-error.js';
import { truncateUtf8 } from './wire-text.js';

export type JsonObject = { [key: string]: unknown };

const EMPTY: readonly unknown[] = [];
const UINT64_MAX = 2n ** 64n - 1n;
const DIGITS = /^\d+$/;

/** The lowerCamelCase name, else the snake_case original that protobuf JSON parsers also accept. */
export function field(object: JsonObject, camel: string, snake: string): unknown {
  const value = object[camel];
  return value === undefined ? object[snake] : value;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(truncateUtf8(value, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

export function fail(where: string, name: string, rule: string): never {
  throw new OtlpDecodeError(`${where === '' ? '' : `${where}.`}${name}: ${rule}`);
}

export function asObject(value: unknown, where: string, name: string): JsonObject | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail(where, name, `must be an object, got ${describe(value)}`);
  }
  return value as JsonObject;
}

export function asArray(value: unknown, where: string, name: string): readonly unknown[] {
  if (value === undefined || value === null) return EMPTY;
  if (!Array.isArray(value)) fail(where, name, `must be an array, got ${describe(value)}`);
  return value;
}

export function asString(value: unknown, where: string, name: string, maxBytes: number): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(where, name, `must be a string, got ${describe(value)}`);
  return truncateUtf8(value, maxBytes);
}

/** fixed64 timestamps: proto3 JSON sends a decimal string; a JSON number is accepted too. */
export function asUint64(value: unknown, where: string, name: string): bigint {
  if (value === undefined || value === null) return 0n;
  let parsed: bigint | null = null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) parsed = BigInt(value);
  else if (typeof value === 'string' && DIGITS.test(value)) parsed = BigInt(value);
  if (parsed === null || parsed > UINT64_MAX) {
    fail(
      where,
      name,
      `must be an unsigned 64-bit integer (decimal string), got ${describe(value)}`,
    );
  }
  return parsed;
}

/** An enum as its integer or its proto name (case-insensitive); integers outside `names` read as 0. */
export function asEnum(
  value: unknown,
  names: readonly string[],
  where: string,
  name: string,
): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value >= 0 && value < names.length ? value : 0;
  }
  if (typeof value === 'string') {
    const index = names.indexOf(value.toUpperCase());
    if (index >= 0) return index;
    if (DIGITS.test(value)) return asEnum(Number(value), names, where, name);
  }
  return fail(
    where,
    name,
    `must be an integer or one of ${names.join(', ')}; got ${describe(value)}`,
  );
}
