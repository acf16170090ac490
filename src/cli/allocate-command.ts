/** `tokenledger allocate`: where a budget for a period buys the most, against today's spend. */
import { parseArgs } from 'node:util';
import type { AllocationPlan, Period, Scenario } from '../analysis/index.js';
import { loadConfig } from '../config/index.js';
import { openAllocationSource } from './allocation-source.js';
import { type CliIo, UsageError } from './cli-io.js';
import { type Cell, formatTable, formatUsd } from './format-table.js';

const PERIODS: readonly Period[] = ['day', 'week', 'month'];

const usd = (s: string | null) => (s === null ? null : formatUsd(Number(s)));
const units = (x: number) => Math.round(x);

function row(name: string, volume: number, cap: Cell, plan: Scenario, today: Scenario): Cell[] {
  return [
    name,
    units(volume),
    cap,
    units(plan.aiResolvedUnits),
    units(today.aiResolvedUnits),
    units(plan.unitsElsewhere),
    units(today.unitsElsewhere),
    usd(plan.aiCostUsd),
    usd(today.aiCostUsd),
    usd(plan.totalCostUsd),
    usd(today.totalCostUsd),
  ];
}

export function renderPlan(plan: AllocationPlan): string {
  const headers = [
    'workflow',
    'volume',
    'cap',
    'AI resolved',
    'today',
    'elsewhere',
    'today',
    'AI cost',
    'today',
    'total cost',
    'today',
    'saving',
  ];
  // A partly funded next attempt shows as "1 (+40%)": 40% of the units that reach attempt 2 get it.
  const cap = (share: number[], k: number): Cell => {
    const partial = share[k] ?? 0;
    return partial > 0 ? `${k} (+${Math.round(partial * 100)}%)` : k;
  };
  const rows = plan.workflows.map((w) => [
    ...row(w.workflow, w.volume, cap(w.fundedShare, w.retryCap), w.plan, w.today),
    usd(w.savingUsd),
  ]);
  const volume = plan.workflows.reduce((s, w) => s + w.volume, 0);
  rows.push([
    ...row('total', volume, null, plan.total.plan, plan.total.today),
    usd(plan.total.savingUsd),
  ]);
  const lines = [
    `Budget ${usd(plan.budgetUsd)} per ${plan.period}; unspent ${usd(plan.unspentUsd)}; the plan saves ${usd(plan.total.savingUsd)} per ${plan.period} against today.`,
    '',
    formatTable(headers, rows),
    '',
    ...plan.workflows.map(
      (w) =>
        `  ${w.workflow}: units the AI does not resolve go to ${w.fallback === 'bpo' ? 'the BPO' : 'people'} at ${usd(w.fallbackCostPerUnitUsd)}`,
    ),
    ...plan.excluded.map((e) => `  ${e.workflow}: left out (${e.reason})`),
    '',
    plan.method,
  ];
  return lines.join('\n');
}

export async function allocateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      budget: { type: 'string' },
      period: { type: 'string', default: 'month' },
      format: { type: 'string', default: 'table' },
      db: { type: 'string' },
      url: { type: 'string' },
      config: { type: 'string' },
    },
  });
  if (values.budget === undefined || !/^\d+(\.\d+)?$/.test(values.budget))
    throw new UsageError('--budget USD is required: a non-negative amount such as 5000');
  const period = values.period as Period;
  if (!PERIODS.includes(period))
    throw new UsageError(`--period must be one of ${PERIODS.join(', ')}`);
  if (values.format !== 'table' && values.format !== 'json')
    throw new UsageError('--format must be one of table, json');
  const config = await loadConfig({ configPath: values.config });
  io.err('reading attempt histories…');
  const source = await openAllocationSource({
    url: values.url,
    db: values.db,
    baselines: config.workflows,
  });
  try {
    const plan = await source.allocate({ budgetUsd: Number(values.budget), period });
    io.out(values.format === 'json' ? JSON.stringify(plan, null, 2) : renderPlan(plan));
    return 0;
  } finally {
    await source.close();
  }
}
