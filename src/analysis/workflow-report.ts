/**
 * The workflow reports the API and CLI serve: every workflow's unit economics, and one workflow
 * in depth — its segments per business attribute, the drivers stated as sentences, and a daily
 * series. Baselines come from the config; figures from the store's unit aggregation.
 */
import type { WorkflowBaseline } from '../domain/index.js';
import type { Store, UnitAggregate } from '../store/index.js';
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
    return this.#daily(name, range, await this.#baselines());
  }

  async workflow(name: string, range: ReportRange = {}): Promise<WorkflowDetail | null> {
    const baselines = await this.#baselines();
    const daily = await this.#daily(name, range, baselines);
    if (!daily) return null;
    const keys = await this.store.listAttributeKeys(name);
    const segments: Record<string, WorkflowEconomics[]> = Object.fromEntries(
      keys.map((key) => [key, []]),
    );
    // Every key's segments in one pass over the units; rows come back as `key=value`, matched to
    // the longest key they start with (a key may itself contain '=').
    const longestFirst = [...keys].sort((a, b) => b.length - a.length);
    const rows = await this.store.aggregateUnits({
      groupBy: { kind: 'attributes', keys },
      workflow: name,
      ...range,
    });
    for (const row of this.#economics(rows, range, baselines, name)) {
      const key = longestFirst.find((k) => row.group.startsWith(`${k}=`));
      if (key !== undefined) segments[key]?.push(row);
    }
    const unitName = baselines.get(name)?.unitName ?? 'unit';
    const drivers = rankDrivers(daily.workflow, Object.values(segments).flat(), { unitName });
    return { workflow: daily.workflow, segments, drivers, series: daily.series };
  }

  /** The workflow's overall figures and its days from one scan of its units; null without units. */
  async #daily(
    name: string,
    range: ReportRange,
    baselines: Map<string, WorkflowBaseline>,
  ): Promise<WorkflowDaily | null> {
    const { total, groups } = await this.store.aggregateUnitsWithTotal({
      groupBy: { kind: 'bucket', unit: 'day' },
      workflow: name,
      ...range,
    });
    const [workflow] = this.#economics(total ? [total] : [], range, baselines, name);
    if (!workflow) return null;
    return { workflow, series: this.#economics(groups, range, baselines, name) };
  }
}
