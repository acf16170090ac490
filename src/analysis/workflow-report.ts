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
  /** Only units whose business attribute `key` is `value`. */
  attribute?: { key: string; value: string };
}

export interface WorkflowDetail {
  workflow: WorkflowEconomics;
  segments: Record<string, WorkflowEconomics[]>;
  drivers: DriverFinding[];
  series: WorkflowEconomics[];
}

/** A workflow's economics over the range and per day, without segments or drivers. */
export type WorkflowDaily = Pick<WorkflowDetail, 'workflow' | 'series'>;

const DAY = 86_400_000_000_000n;

function spanOf(row: UnitAggregate, range: ReportRange): bigint | null {
  if (range.fromUnixNano !== undefined && range.toUnixNano !== undefined)
    return range.toUnixNano - range.fromUnixNano;
  if (row.firstSeenUnixNano === null || row.lastSeenUnixNano === null) return null;
  const observed = row.lastSeenUnixNano - row.firstSeenUnixNano;
  return observed < DAY ? DAY : observed;
}

/** Reads baselines from the store on every report, so an update through the API applies at once. */
export class WorkflowReports {
  constructor(private readonly store: Store) {}

  async #baselines(): Promise<Map<string, WorkflowBaseline>> {
    return new Map((await this.store.listBaselines()).map((b) => [b.workflow, b]));
  }

  #economics(
    rows: UnitAggregate[],
    range: ReportRange,
    baselines: Map<string, WorkflowBaseline>,
    workflow?: string,
  ): WorkflowEconomics[] {
    return rows.map((row) =>
      computeWorkflowEconomics(
        row,
        baselines.get(workflow ?? row.workflow ?? row.group) ?? null,
        spanOf(row, range),
      ),
    );
  }

  async workflows(range: ReportRange = {}): Promise<WorkflowEconomics[]> {
    const rows = await this.store.aggregateUnits({ groupBy: { kind: 'workflow' }, ...range });
    return this.#economics(rows, range, await this.#baselines());
  }

  async teams(range: ReportRange = {}): Promise<WorkflowEconomics[]> {
    const baselines = await this.#baselines();
    const teams = Object.fromEntries(
      [...baselines.values()].flatMap((b) => (b.team ? [[b.workflow, b.team]] : [])),
    );
    const rows = await this.store.aggregateUnits({ groupBy: { kind: 'team', teams }, ...range });
    return rows.map((row) => computeWorkflowEconomics(row, null, spanOf(row, range)));
  }

  /**
   * The workflow's economics and daily series alone: the overview's trend, a third of the
   * detail's cost at a million units (segments read every unit's attributes).
   */
  async daily(name: string, range: ReportRange = {}): Promise<WorkflowDaily | null> {
    const economics = this.#workflowEconomics(name, range, await this.#baselines());
    const [overall] = await economics({ kind: 'workflow' });
    if (!overall) return null;
    return { workflow: overall, series: await economics({ kind: 'bucket', unit: 'day' }) };
  }

  async workflow(name: string, range: ReportRange = {}): Promise<WorkflowDetail | null> {
    const baselines = await this.#baselines();
    const economics = this.#workflowEconomics(name, range, baselines);
    const [overall] = await economics({ kind: 'workflow' });
    if (!overall) return null;
    const keys = await this.store.listAttributeKeys(name);
    const segments: Record<string, WorkflowEconomics[]> = Object.fromEntries(
      keys.map((key) => [key, []]),
    );
    // Every key's segments in one pass over the units; rows come back as `key=value`, matched to
    // the longest key they start with (a key may itself contain '=').
    const longestFirst = [...keys].sort((a, b) => b.length - a.length);
    for (const row of await economics({ kind: 'attributes', keys })) {
      const key = longestFirst.find((k) => row.group.startsWith(`${k}=`));
      if (key !== undefined) segments[key]?.push(row);
    }
    const unitName = baselines.get(name)?.unitName ?? 'unit';
    const drivers = rankDrivers(overall, Object.values(segments).flat(), { unitName });
    const series = await economics({ kind: 'bucket', unit: 'day' });
    return { workflow: overall, segments, drivers, series };
  }

  /** One workflow's units aggregated per group, as economics against its baseline. */
  #workflowEconomics(name: string, range: ReportRange, baselines: Map<string, WorkflowBaseline>) {
    return async (groupBy: UnitQuery['groupBy']) =>
      this.#economics(
        await this.store.aggregateUnits({ groupBy, workflow: name, ...range }),
        range,
        baselines,
        name,
      );
  }
}
