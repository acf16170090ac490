/**
 * Parses an outcome's `occurredAt` — ISO-8601 with a zone, a bare date (UTC midnight), or epoch
 * milliseconds (number or digit string) — to Unix nanoseconds, keeping sub-millisecond digits.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
// TIMESTAMP_NS holds int64 nanoseconds: 1677-09-21 to 2262-04-11. Earlier than 1973 in epoch
// milliseconds is almost always epoch seconds sent by mistake.
const MIN_EPOCH_MS = 100_000_000_000;
const MAX_MS = Date.UTC(2262, 0, 1);
const EXPECTED =
  'must be an ISO-8601 time with a zone (2026-11-28T09:30:00Z) or epoch milliseconds';

/** Unix nanoseconds, or the rule the value breaks (as an error message ending in what it got). */
export function parseOccurredAt(value: string | number): bigint | string {
  const got = `got ${JSON.stringify(value)}`;
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(value.trim())) {
    const ms = Number(value);
    if (!Number.isFinite(ms)) return `${EXPECTED}; ${got}`;
    if (ms < MIN_EPOCH_MS) return `must be epoch milliseconds, not seconds (≥ 1e11); ${got}`;
    if (ms >= MAX_MS) return `must be before 2262-01-01; ${got}`;
    const whole = Math.trunc(ms);
    return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1_000_000));
  }
  const m = ISO.exec(value.trim());
  if (!m) return `${EXPECTED}; ${got}`;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (h !== undefined && zone === undefined) {
    return `must state its zone (Z or ±hh:mm), since a local time is ambiguous; ${got}`;
  }
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0)] as const;
  const ms = Date.UTC(...fields, Number(s ?? 0));
  const check = new Date(ms);
  const valid =
    check.getUTCFullYear() === fields[0] &&
    check.getUTCMonth() === fields[1] &&
    check.getUTCDate() === fields[2] &&
    check.getUTCHours() === fields[3] &&
    check.getUTCMinutes() === fields[4] &&
    Number(s ?? 0) < 60;
  if (!valid) return `is not a calendar date and time; ${got}`;
  const utcMs = ms - zoneOffsetMinutes(zone) * 60_000;
  if (utcMs < 0 || utcMs >= MAX_MS) return `must be between 1970 and 2262; ${got}`;
  return BigInt(utcMs) * 1_000_000n + BigInt((frac ?? '').padEnd(9, '0'));
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}
