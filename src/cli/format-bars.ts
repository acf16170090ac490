/** Horizontal bar charts for the terminal: one labelled row per value, bars scaled to the largest. */

export interface BarRow {
  label: string;
  value: number;
  /** Text printed after the bar (the figures the bar stands for). */
  note: string;
}

const FULL = '█';
const PARTS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value / max × width` cells, in eighths of a cell so small values stay visible. */
export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return FULL.repeat(Math.floor(eighths / 8)) + (PARTS[eighths % 8] ?? '');
}

export function formatBars(rows: readonly BarRow[], width = 32): string {
  const max = Math.max(0, ...rows.map((r) => r.value));
  const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
  return rows
    .map(
      (r) =>
        `  ${r.label.padEnd(labelWidth)}  ${bar(r.value, max, width).padEnd(width)}  ${r.note}`,
    )
    .join('\n');
}
