/**
 * Emitter-reported cost (USD) as a plain decimal string. Cost is not trusted for money, so a
 * malformed value is dropped (null) rather than failing the span.
 */
import type { AttributeValue } from '../../domain/index.js';

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

export function toDecimalCost(value: AttributeValue | undefined): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  const match = DECIMAL.exec(text);
  if (match === null) return null;
  return expandExponent(match[1] ?? '0', match[2] ?? '', Number(match[3] ?? '0'));
}

/** `1.5e-7` → `0.00000015`: shifts the digits instead of going through floats again. */
function expandExponent(whole: string, fraction: string, exponent: number): string {
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    intPart = digits + '0'.repeat(point - digits.length);
    fracPart = '';
  } else {
    intPart = digits.slice(0, point);
    fracPart = digits.slice(point);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  fracPart = fracPart.replace(/0+$/, '');
  return fracPart === '' ? intPart : `${intPart}.${fracPart}`;
}
