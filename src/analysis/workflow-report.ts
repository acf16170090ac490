/**
 * The workflow reports the API and CLI serve: every workflow's unit economics, and one workflow
 * in depth — its segments per business attribute, the drivers stated as sentences, and a daily
 * series. Baselines come from the config; figures from the store's unit aggregation.
 */
import type { WorkflowBaseline } from '../domain/index.js';
import type { Store, UnitAggregate, UnitQuery } from '../store/index.js';
import { type DriverFinding, rankDrivers } from './drivers.js';
import { computeWorkflowEconomics, type WorkflowEconomics } from './workflow-economics.js';

export interface ReportRange {
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
}

export interface WorkflowDetail {
  workflow: WorkflowEconomics;
  segments: Record<string, WorkflowEconomics[]>;
  drivers: DriverFinding[];
  series: WorkflowEconomics[];
}

const DAY = 86_400_000_000_000n;

function spanOf(row: UnitAggregate, range: ReportRange): bigint | null {
  if (range.fromUnixNano !== undefined && range.toUnixNano !== undefined)
    return range.toUnixNano - range.fromUnixNano;
  if (row.firstSeenUnixNano === null || row.lastSeenUnixNano === null) return null;
  const observed = row.lastSeenUnixNano - row.firstSeenUnixNano;
  return observed < DAY ? DAY : observed;
}

export class WorkflowReports {
  readonly #baselines: Map<string, WorkflowBaseline>;

  constructor(
    private readonly store: Store,
    baselines: readonly WorkflowBaseline[],
  ) {
    this.#baselines = new Map(baselines.map((b) => [b.workflow, b]));
  }

  #economics(rows: UnitAggregate[], range: ReportRange, workflow?: string): WorkflowEconomics[] {
    return rows.map((row) =>
      computeWorkflowEconomics(
        row,
        this.#baselines.get(workflow ?? row.workflow ?? row.group) ?? null,
        spanOf(row, range),
      ),
    );
  }

  async workflows(range: ReportRange = {}): Promise<WorkflowEconomics[]> {
    const rows = await this.store.aggregateUnits({ groupBy: { kind: 'workflow' }, ...range });
    return this.#economics(rows, range);
  }

  async teams(range: ReportRange = {}): Promise<WorkflowEconomics[]> {
    const teams = Object.fromEntries(
      [...this.#baselines.values()].flatMap((b) => (b.team ? [[b.workflow, b.team]] : [])),
    );
    const rows = await this.store.aggregateUnits({ groupBy: { kind: 'team', teams }, ...range });
    return rows.map((row) => computeWorkflowEconomics(row, null, spanOf(row, range)));
  }

  async workflow(name: string, range: ReportRange = {}): Promise<WorkflowDetail | null> {
    const query = (groupBy: UnitQuery['groupBy']): UnitQuery => ({
      groupBy,
      workflow: name,
      ...range,
    });
    const [overall] = this.#economics(
      await this.store.aggregateUnits(query({ kind: 'workflow' })),
      range,
      name,
    );
    if (!overall) return null;
    const segments: Record<string, WorkflowEconomics[]> = {};
    for (const key of await this.store.listAttributeKeys(name)) {
      segments[key] = this.#economics(
        await this.store.aggregateUnits(query({ kind: 'attribute', key })),
        range,
        name,
      );
    }
    const unitName = this.#baselines.get(name)?.unitName ?? 'unit';
    const drivers = rankDrivers(overall, Object.values(segments).flat(), { unitName });
    const series = this.#economics(
      await this.store.aggregateUnits(query({ kind: 'bucket', unit: 'day' })),
      range,
      name,
    );
    return { workflow: overall, segments, drivers, series };
  }
}
