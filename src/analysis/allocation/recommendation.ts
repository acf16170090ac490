/**
 * What a recommendation is: its kind, one sentence a finance team reads, the figures behind it,
 * and the expected saving or gain per month as an exact money string. Rules: docs/metrics.md.
 */

export type RecommendationKind =
  | 'expand'
  | 'cap_retries'
  | 'reroute'
  | 'keep_human'
  | 'replace_bpo'
  | 'investigate';

export interface Recommendation {
  workflow: string;
  kind: RecommendationKind;
  explanation: string;
  /** The numbers the sentence is built from (money as decimal strings). */
  figures: Record<string, string | number | null>;
  /** Expected saving (or gain, for `expand`) per 30 days; null when it cannot be put in money. */
  perMonthUsd: string | null;
}

/** A USD figure for a sentence: cents; four decimals below ten cents, six below one cent. */
export function dollars(usd: string | number): string {
  const x = Math.abs(Number(usd));
  const digits = x !== 0 && x < 0.01 ? 6 : x !== 0 && x < 0.1 ? 4 : 2;
  return `$${Number(usd).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: digits,
  })}`;
}

export const percent = (x: number) => `${(x * 100).toFixed(0)}%`;
