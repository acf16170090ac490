/**
 * Trace and span ids in OTLP/JSON. The spec says case-insensitive hex; some proto3-JSON tooling
 * sends base64 instead. Rule: a string of hex digits only is hex (length checked by the caller);
 * anything else is tried as base64 (standard or URL-safe) and must decode to exactly the id size.
 */
import { describe } from './json-fields.js';
import { SpanRejection } from './span-sink.js';
import { bytesToHex } from './wire-text.js';

const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Lowercase hex of the id's bytes; '' when absent. Throws `SpanRejection` when unreadable. */
export function parseJsonId(value: unknown, name: string, byteLength: number): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string') {
    if (HEX.test(value) && value.length % 2 === 0) return value.toLowerCase();
    if (BASE64.test(value)) {
      const bytes = Buffer.from(value, 'base64');
      if (bytes.length === byteLength) return bytes.toString('hex');
    }
    throw new SpanRejection(
      `${name}: ${describe(value)} is neither hex nor base64 of ${byteLength} bytes`,
    );
  }
  // Some exporters serialise the raw bytes as an array of integers.
  if (Array.isArray(value) && value.every(isByte)) {
    return bytesToHex(Uint8Array.from(value), 0, value.length);
  }
  throw new SpanRejection(`${name}: must be a hex string, got ${describe(value)}`);
}

function isByte(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255;
}
