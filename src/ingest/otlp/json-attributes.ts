/**
 * OTLP/JSON attributes: a KeyValue list `[{key, value: AnyValue}]`, or (hand-rolled exporters) a
 * plain `{key: value}` object whose JSON values are taken as they are. int64 may be string or number.
 */
import type { Attributes, AttributeValue } from '../../domain/index.js';
import { asArray, asObject, asString, describe, fail, type JsonObject } from './json-fields.js';
import { MAX_VALUE_DEPTH } from './protobuf-attributes.js';
import { setAttribute } from './set-attribute.js';
import { truncateUtf8 } from './wire-text.js';

const INT64 = /^-?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export interface JsonAttributeLimits {
  maxAttributeValueBytes: number;
  maxAttributesPerSpan: number;
}

/** Reads `value` (list or map) at `where.name`; keeps the first `maxAttributesPerSpan` entries. */
export function readJsonAttributes(
  value: unknown,
  where: string,
  name: string,
  limits: JsonAttributeLimits,
  into: Attributes = {},
): Attributes {
  if (value === undefined || value === null) return into;
  const max = limits.maxAttributesPerSpan;
  const maxBytes = limits.maxAttributeValueBytes;
  if (!Array.isArray(value)) {
    const map = asObject(value, where, name) as JsonObject;
    let count = 0;
    for (const key in map) {
      if (count++ >= max) break;
      setAttribute(into, truncateUtf8(key, maxBytes), plainValue(map[key], maxBytes, 0));
    }
    return into;
  }
  const list = asArray(value, where, name);
  const count = Math.min(list.length, max);
  for (let i = 0; i < count; i++) readKeyValue(list[i], where, name, i, maxBytes, into, 0);
  return into;
}

function readKeyValue(
  item: unknown,
  where: string,
  name: string,
  index: number,
  maxBytes: number,
  into: Attributes,
  depth: number,
): void {
  if (item === null || item === undefined) return;
  if (typeof item !== 'object' || Array.isArray(item)) {
    fail(where, `${name}[${index}]`, mustBe('a KeyValue object', item));
  }
  const kv = item as JsonObject;
  const rawKey = kv.key;
  const key =
    typeof rawKey === 'string'
      ? truncateUtf8(rawKey, maxBytes)
      : asString(rawKey, where, `${name}[${index}].key`, maxBytes);
  setAttribute(into, key, anyValue(kv.value, where, name, index, maxBytes, depth));
}

/** The value's path is `name` itself, or `name[index].value` inside a KeyValue list (built lazily). */
function anyValue(
  value: unknown,
  where: string,
  name: string,
  index: number,
  maxBytes: number,
  depth: number,
): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail(where, valuePath(name, index), mustBe('an AnyValue object', value));
  }
  const any = value as JsonObject;
  for (const kind in any) {
    const inner = any[kind];
    if (inner === null || inner === undefined) continue;
    switch (kind) {
      case 'stringValue':
      case 'string_value':
        if (typeof inner === 'string') return truncateUtf8(inner, maxBytes);
        return fail(where, `${valuePath(name, index)}.stringValue`, mustBe('a string', inner));
      case 'boolValue':
      case 'bool_value':
        if (typeof inner === 'boolean') return inner;
        return fail(where, `${valuePath(name, index)}.boolValue`, mustBe('a boolean', inner));
      case 'intValue':
      case 'int_value':
        return int64Value(inner, where, name, index);
      case 'doubleValue':
      case 'double_value':
        if (typeof inner === 'number') return inner;
        return doubleValue(inner, where, `${valuePath(name, index)}.doubleValue`);
      case 'arrayValue':
      case 'array_value':
        return arrayValue(
          inner,
          where,
          `${valuePath(name, index)}.arrayValue`,
          maxBytes,
          depth + 1,
        );
      case 'kvlistValue':
      case 'kvlist_value':
        return kvlistValue(
          inner,
          where,
          `${valuePath(name, index)}.kvlistValue`,
          maxBytes,
          depth + 1,
        );
      case 'bytesValue':
      case 'bytes_value':
        return bytesValue(inner, where, `${valuePath(name, index)}.bytesValue`, maxBytes);
    }
  }
  return null;
}

function valuePath(name: string, index: number): string {
  return index < 0 ? name : `${name}[${index}].value`;
}

function arrayValue(
  value: unknown,
  where: string,
  name: string,
  maxBytes: number,
  depth: number,
): AttributeValue[] {
  checkDepth(depth, where, name);
  const array = asObject(value, where, name);
  const values = array === null ? [] : asArray(array.values, where, `${name}.values`);
  const out: AttributeValue[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = anyValue(values[i], where, `${name}.values[${i}]`, -1, maxBytes, depth);
  }
  return out;
}

function kvlistValue(
  value: unknown,
  where: string,
  name: string,
  maxBytes: number,
  depth: number,
): Attributes {
  checkDepth(depth, where, name);
  const list = asObject(value, where, name);
  const values = list === null ? [] : asArray(list.values, where, `${name}.values`);
  const out: Attributes = {};
  for (let i = 0; i < values.length; i++) {
    readKeyValue(values[i], where, `${name}.values`, i, maxBytes, out, depth);
  }
  return out;
}

/** int64 → number when safe, else its decimal string (JSON may carry it as string or number). */
function int64Value(value: unknown, where: string, name: string, index: number): number | string {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return Number.isSafeInteger(value) ? value : BigInt(value).toString();
  }
  if (typeof value === 'string' && INT64.test(value)) {
    const parsed = BigInt(value);
    if (parsed >= INT64_MIN && parsed <= INT64_MAX) {
      const number = Number(parsed);
      return Number.isSafeInteger(number) ? number : parsed.toString();
    }
  }
  const rule = mustBe('a 64-bit integer (decimal string or number)', value);
  return fail(where, `${valuePath(name, index)}.intValue`, rule);
}

/** proto3 JSON allows "NaN", "Infinity", "-Infinity" and numeric strings for doubles. */
function doubleValue(value: unknown, where: string, name: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return Number.NaN;
    const parsed = Number(value);
    if (value.trim() !== '' && !Number.isNaN(parsed)) return parsed;
  }
  return fail(where, name, mustBe('a number', value));
}

/** Kept as base64 text (domain `AttributeValue`); re-encoded only when over the byte limit. */
function bytesValue(value: unknown, where: string, name: string, maxBytes: number): string {
  if (typeof value !== 'string') return fail(where, name, mustBe('a base64 string', value));
  if (value.length <= (maxBytes / 3) * 4) return value;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length <= maxBytes ? value : bytes.subarray(0, maxBytes).toString('base64');
}

/** Plain-object attribute maps: JSON values as they are, strings cut to the byte limit. */
function plainValue(value: unknown, maxBytes: number, depth: number): AttributeValue {
  if (typeof value === 'string') return truncateUtf8(value, maxBytes);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (depth >= MAX_VALUE_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => plainValue(item, maxBytes, depth + 1));
  if (typeof value === 'object') {
    const out: Attributes = {};
    const object = value as JsonObject;
    for (const key in object) setAttribute(out, key, plainValue(object[key], maxBytes, depth + 1));
    return out;
  }
  return null;
}

function checkDepth(depth: number, where: string, name: string): void {
  if (depth > MAX_VALUE_DEPTH) fail(where, name, `nested deeper than ${MAX_VALUE_DEPTH} levels`);
}

function mustBe(expected: string, value: unknown): string {
  return `must be ${expected}, got ${describe(value)}`;
}
