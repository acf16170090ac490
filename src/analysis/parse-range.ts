/** Reads a report range from user input: ISO times, epoch milliseconds, or `7d`/`12h` back from now. */
import type { ReportRange } from './workflow-report.js';

const UNIT_NANOS: Record<string, bigint> = {
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
};

export class RangeError400 extends Error {
  override name = 'RangeError400';
}

function parseInstant(value: string, name: string, now: Date): bigint {
  const relative = /^(\d+)([mhdw])$/.exec(value.trim());
  if (relative)
    return (
      BigInt(now.getTime()) * 1_000_000n -
      BigInt(relative[1] ?? '0') * (UNIT_NANOS[relative[2] ?? 'd'] ?? 0n)
    );
  const millis = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(millis)) {
    throw new RangeError400(
      `${name} must be an ISO-8601 time, epoch milliseconds or a duration back from now like 7d; got ${JSON.stringify(value)}`,
    );
  }
  return BigInt(millis) * 1_000_000n;
}

export function parseRange(
  from: string | undefined,
  to: string | undefined,
  now: Date = new Date(),
): ReportRange {
  const range: ReportRange = {};
  if (from) range.fromUnixNano = parseInstant(from, 'from', now);
  if (to) range.toUnixNano = parseInstant(to, 'to', now);
  if (
    range.fromUnixNano !== undefined &&
    range.toUnixNano !== undefined &&
    range.toUnixNano <= range.fromUnixNano
  ) {
    throw new RangeError400('to must be after from');
  }
  return range;
}
