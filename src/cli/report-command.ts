/** `tokenledger report`: the unit economics of every workflow, or one in depth, as the API gives them. */
import { parseArgs } from 'node:util';
import {
  type CostDistributionView,
  parseRange,
  type WorkflowEconomics,
} from '../analysis/index.js';
import { loadConfig } from '../config/index.js';
import { type CliIo, UsageError } from './cli-io.js';
import { formatBars } from './format-bars.js';
import { type Cell, formatTable, formatUsd } from './format-table.js';
import { openReportSource } from './report-source.js';

const FORMATS = ['table', 'json', 'csv', 'md'] as const;
type Format = (typeof FORMATS)[number];

const COLUMNS: [string, (w: WorkflowEconomics) => Cell][] = [
  ['workflow', (w) => w.group],
  ['units', (w) => w.units],
  ['resolved', (w) => w.resolvedUnits],
  ['AI first pass', (w) => percent(w.firstPassRate)],
  ['attempts/resolved', (w) => fixed(w.attemptsPerResolved, 2)],
  ['tokens $/resolved', (w) => formatUsd(w.tokenCostPerResolvedUsd)],
  ['loaded $/resolved', (w) => formatUsd(w.fullyLoadedCostPerResolvedUsd)],
  ['BPO $/unit', (w) => formatUsd(w.bpoPricePerUnitUsd)],
  ['saving $/unit', (w) => formatUsd(w.savingPerUnitUsd)],
  ['value per $', (w) => fixed(w.valuePerInferenceDollar, 1)],
  ['failed spend', (w) => percent(w.expensiveFailureShare)],
  ['token spend', (w) => formatUsd(w.tokenCostUsd)],
];

function percent(x: number | null): string | null {
  return x === null ? null : `${(x * 100).toFixed(1)}%`;
}

function fixed(x: number | null, digits: number): number | null {
  return x === null ? null : Number(x.toFixed(digits));
}

function render(rows: readonly WorkflowEconomics[], format: Format): string {
  const headers = COLUMNS.map(([h]) => h);
  const cells = rows.map((row) => COLUMNS.map(([, cell]) => cell(row)));
  if (format === 'table') return formatTable(headers, cells);
  if (format === 'csv') {
    const quote = (c: Cell) =>
      c === null
        ? ''
        : /[",\n]/.test(String(c))
          ? `"${String(c).replaceAll('"', '""')}"`
          : String(c);
    return [headers, ...cells].map((r) => r.map(quote).join(',')).join('\n');
  }
  const line = (r: readonly Cell[]) =>
    `| ${r.map((c) => (c === null ? '—' : String(c))).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...cells.map(line)].join('\n');
}

/** Units per cost band as bars, with each band's shares of units and spend. */
function costChart(d: CostDistributionView): string {
  const share = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const rows = d.bands.map((b) => ({
    label: `${formatUsd(b.fromUsd)}–${formatUsd(b.toUsd)}`,
    value: b.units,
    note: `${String(b.units).padStart(6)} units  ${share(b.unitShare).padStart(6)} of units  ${share(b.costShare).padStart(6)} of spend`,
  }));
  const costed = d.units - d.zeroCostUnits;
  return `Token cost per work unit (${costed} units with a cost, ${d.zeroCostUnits} without):\n${formatBars(rows)}`;
}

export async function reportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      workflow: { type: 'string' },
      format: { type: 'string', default: 'table' },
      db: { type: 'string' },
      url: { type: 'string' },
      config: { type: 'string' },
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const range = parseRange(values.since, values.until);
  const config = await loadConfig({ configPath: values.config });
  const source = await openReportSource({
    url: values.url,
    db: values.db,
    baselines: config.workflows,
  });
  try {
    if (values.workflow === undefined) {
      const workflows = await source.workflows(range);
      if (format === 'json') io.out(JSON.stringify({ workflows }, null, 2));
      else if (workflows.length === 0)
        io.out(`no work units in ${source.description} for this range`);
      else io.out(render(workflows, format));
      return 0;
    }
    const detail = await source.workflow(values.workflow, range);
    if (!detail) {
      io.err(
        `no work units of workflow ${JSON.stringify(values.workflow)} in ${source.description}`,
      );
      return 1;
    }
    if (format === 'json') {
      io.out(JSON.stringify(detail, null, 2));
      return 0;
    }
    io.out(render([detail.workflow], format));
    const spread = await source.costDistribution(values.workflow, range, 10);
    if (spread.bands.length > 0) io.out(`\n${costChart(spread)}`);
    if (detail.drivers.length > 0)
      io.out(`\nDrivers:\n${detail.drivers.map((d) => `  • ${d.sentence}`).join('\n')}`);
    for (const [key, segments] of Object.entries(detail.segments)) {
      io.out(`\nBy ${key}:\n${render(segments, format)}`);
    }
    return 0;
  } finally {
    await source.close();
  }
}
