/**
 * `tokenledger waste`: each workflow's token spend split into productive cost and the waste
 * classes, as a table with a text bar of the split, then one sentence per workflow.
 */
import { parseArgs } from 'node:util';
import { parseRange, waste } from '../analysis/index.js';
import { type CliIo, UsageError } from './cli-io.js';
import { formatTable, formatUsd } from './format-table.js';
import { openWasteSource } from './waste-source.js';

const BAR_WIDTH = 30;
const SYMBOLS: Record<waste.WasteClass | 'productive' | 'awaitingOutcome', string> = {
  productive: '=',
  failedAttempts: 'F',
  loops: 'L',
  overPoweredRouting: 'R',
  contextBloat: 'B',
  cacheMisses: 'C',
  abandoned: 'A',
  awaitingOutcome: '.',
};

/** Largest-remainder widths so the bar is always exactly BAR_WIDTH characters. */
export function splitBar(parts: readonly [string, number][]): string {
  const total = parts.reduce((s, [, v]) => s + v, 0);
  if (total <= 0) return ' '.repeat(BAR_WIDTH);
  const exact = parts.map(([symbol, v]) => ({ symbol, raw: (v / total) * BAR_WIDTH }));
  const widths = exact.map((e) => Math.floor(e.raw));
  let left = BAR_WIDTH - widths.reduce((s, w) => s + w, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e.raw - Math.floor(e.raw) }))
    .sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left === 0) break;
    widths[i] = (widths[i] ?? 0) + 1;
    left -= 1;
  }
  return exact.map((e, i) => e.symbol.repeat(widths[i] ?? 0)).join('');
}

export function renderWaste(views: readonly waste.WasteView[]): string {
  const headers = ['workflow', 'total', 'productive', ...waste.WASTE_CLASSES, 'awaiting', 'split'];
  const rows = views.map((v) => {
    const amount = (c: waste.WasteClass) => v.classes[c]?.usdNumber ?? 0;
    const bar = splitBar([
      [SYMBOLS.productive, v.productive.usdNumber],
      ...waste.WASTE_CLASSES.map((c): [string, number] => [SYMBOLS[c], amount(c)]),
      [SYMBOLS.awaitingOutcome, v.awaitingOutcome.usdNumber],
    ]);
    return [
      v.workflow,
      formatUsd(v.total.usdNumber),
      formatUsd(v.productive.usdNumber),
      ...waste.WASTE_CLASSES.map((c) => formatUsd(amount(c))),
      formatUsd(v.awaitingOutcome.usdNumber),
      `[${bar}]`,
    ];
  });
  const legend = Object.entries(SYMBOLS)
    .map(([k, s]) => `${s} ${k}`)
    .join('  ');
  return [formatTable(headers, rows), `split: ${legend}`, '', ...views.map((v) => v.sentence)].join(
    '\n',
  );
}

export async function wasteCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      workflow: { type: 'string' },
      format: { type: 'string', default: 'table' },
      db: { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (values.format !== 'table' && values.format !== 'json')
    throw new UsageError(`--format must be table or json, got ${JSON.stringify(values.format)}`);
  const range = parseRange(values.since, values.until);
  const source = await openWasteSource({ url: values.url, db: values.db });
  try {
    const views = await source.waste(range, values.workflow);
    if (values.format === 'json') io.out(JSON.stringify({ workflows: views }, null, 2));
    else if (views.length === 0)
      io.out(
        `no work units${values.workflow ? ` of ${values.workflow}` : ''} in ${source.description}`,
      );
    else io.out(renderWaste(views));
    return 0;
  } finally {
    await source.close();
  }
}
