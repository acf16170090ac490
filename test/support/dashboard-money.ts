/**
 * The dashboard's money rule written out independently of src/web, so browser tests check the page
 * against it: cents from 10 cents, four decimals from 1 cent, else six; '—' for no figure.
 */
export function dashboardUsd(value: string | number | null): string {
  if (value === null) return '—';
  const x = Number(value);
  const size = Math.abs(x);
  const digits = size === 0 || size >= 0.1 ? 2 : size >= 0.01 ? 4 : 6;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x);
}
