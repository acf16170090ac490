/** Presentation of API figures: dollars, shares, counts. Formatting only, never arithmetic on money. */

const dollars = (digits: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
const CENTS = dollars(2);
const FOUR = dollars(4);
const SIX = dollars(6);

/** Dollars with enough decimals to stay meaningful: four below 10 cents, six below a cent. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const size = Math.abs(value);
  if (size === 0 || size >= 0.1) return CENTS.format(value);
  if (size >= 0.01) return FOUR.format(value);
  return SIX.format(value);
}

export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(1)}%`;
}

const COUNT = new Intl.NumberFormat('en-US');
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return COUNT.format(value);
}

export function formatDay(iso: string): string {
  return iso.slice(0, 10);
}

/** A dimensionless multiple such as value per inference dollar: one decimal. */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(1)}×`;
}
