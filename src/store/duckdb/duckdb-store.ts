/**
 * The DuckDB engine of `Store`: one writer connection fed by the group-commit queue, one reader
 * connection for snapshot reads, and the TraceIndex that stands in for a primary key. DuckDB
 * fsyncs the WAL on every COMMIT by default, so one group commit is one fsync.
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type {
  Budget,
  DailyWorkflowSpend,
  Outcome,
  PricedStep,
  SentBudgetAlert,
  StoredStep,
  WorkflowBaseline,
} from '../../domain/index.js';
import type { AttemptHistory, AttemptHistoryQuery } from '../attempt-history.js';
import type { CostDistribution, CostDistributionQuery } from '../cost-distribution.js';
import type { SpendFlowRow } from '../spend-flow.js';
import {
  type FocusExportQuery,
  type FocusExportResult,
  type InsertResult,
  type SpendTotals,
  type Store,
  StoreClosedError,
  type UnitQuery,
  type UnpricedModel,
} from '../store.js';
import { TraceIndex, type TraceIndexOptions } from '../trace-index.js';
import type {
  CompareQuery,
  OutcomeComparisonCounts,
  WorkUnitSearch,
  WorkUnitSearchPage,
} from '../trajectory-queries.js';
import type { UnitAggregate } from '../unit-aggregate.js';
import type { UnitGroupsWithTotal, UnitTotalQuery } from '../unit-total.js';
import type { RoutingFacts, WasteFacts, WastePricing, WasteQuery } from '../waste-facts.js';
import { WriteQueue } from '../write-queue.js';
import { readAttemptHistories } from './attempt-histories.js';
import { listAttributeKeys } from './attribute-keys.js';
import { readBaselines, writeBaselines } from './baseline-rows.js';
import {
  readBudgets,
  readDailyWorkflowSpend,
  readSentAlerts,
  removeBudget,
  writeBudgets,
  writeSentAlert,
} from './budget-rows.js';
import { compareOutcomesFromRollup } from './compare-rollup-reads.js';
import { type DerivedRefresh, derivedRollupDrift } from './derived-rollup.js';
import { exportFocus } from './focus-export.js';
import { loadMigrations, migrate } from './migrate.js';
import { compareOutcomes } from './outcome-compare.js';
import { OutcomeWriter } from './outcome-writer.js';
import { ReadConnections } from './read-connections.js';
import { DERIVED, type DerivedName, RollupRouting } from './rollup-routing.js';
import { SerialLock } from './serial-lock.js';
import { readSpendFlow } from './spend-flow-reads.js';
import { readSpendTotals, readUnpricedModels } from './spend-totals.js';
import { fromStepRow, STEP_COLUMN_LIST, toNumber } from './step-rows.js';
import { removeStaleCsvFiles, StepWriter, type WritePhaseTimes } from './step-writer.js';
import { type BloomLoad, keepBloom, loadBloom } from './trace-bloom.js';
import { unitCostDistribution } from './unit-cost-distribution.js';
import { aggregateUnits, aggregateUnitsWithTotal } from './unit-report.js';
import { type RollupRefresh, UnitRollup, unitRollupDrift } from './unit-rollup.js';
import { readRoutingFacts, readWasteFacts } from './waste-reads.js';
import { readWorkUnit } from './work-unit-reads.js';
import { searchWorkUnits } from './work-unit-search.js';

export interface DuckDbStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
  /** DuckDB `memory_limit` (default '1GB'): keeps RSS flat as the table grows. */
  memoryLimit?: string;
  /**
   * DuckDB `checkpoint_threshold` (default '256MB'). At DuckDB's 16MB a checkpoint ran every few
   * group commits and re-compressed the same partial row groups, tripling COMMIT time; the price
   * of a larger WAL is a longer replay when opening after a crash.
   */
  checkpointThreshold?: string;
  traceIndex?: TraceIndexOptions;
  /** Continued trace roll-up parts that trigger their compaction (default 50,000). */
  compactTracePartsAfter?: number;
}

const count = (value: DuckDBValue | undefined): number => toNumber(value ?? null) ?? 0;

export class DuckDbStore implements Store {
  readonly kind = 'duckdb' as const;
  private writer: StepWriter | null = null;
  private outcomeWriter: OutcomeWriter | null = null;
  private baselineWrites: Promise<void> = Promise.resolve();
  private otherCommits = 0;
  private baselineConnectionRef: DuckDBConnection | null = null;
  private rollup: UnitRollup | null = null;
  /** How the trace index's Bloom filter was brought up at open (null before `migrate`). */
  bloomLoad: BloomLoad | null = null;
  private readonly rollupLock = new SerialLock();
  private readonly routing = new RollupRouting(
    () => this.requireRollup(),
    () => this.writeVersion(),
  );
  private closed = false;
  private readonly queue = new WriteQueue<PricedStep, InsertResult>((calls) =>
    this.requireWriter().commit(calls),
  );

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writeConnection: DuckDBConnection,
    private readonly reads: ReadConnections,
    private readonly index: TraceIndex,
    private readonly options: DuckDbStoreOptions,
  ) {}

  static async open(options: DuckDbStoreOptions): Promise<DuckDbStore> {
    const instance = await DuckDBInstance.create(options.path, {
      memory_limit: options.memoryLimit ?? '1GB',
      checkpoint_threshold: options.checkpointThreshold ?? '256MB',
    });
    const writeConnection = await instance.connect();
    return new DuckDbStore(
      instance,
      writeConnection,
      new ReadConnections(instance, await instance.connect()),
      new TraceIndex(options.traceIndex),
      options,
    );
  }

  stepCommits(): number {
    return this.writer?.phases.transactions ?? 0;
  }

  writeVersion(): number {
    return this.stepCommits() + this.otherCommits;
  }

  /** Time spent per write phase so far (for benchmarks); zeros before the first insert. */
  get writePhases(): WritePhaseTimes | null {
    return this.writer ? { ...this.writer.phases } : null;
  }

  /** Rows of the trace roll-up, and how many are continued parts (for tests and benchmarks). */
  async traceRollupStats(): Promise<{ parts: number; continued: number }> {
    this.assertOpen();
    const reader = await this.read((c) =>
      c.runAndReadAll('SELECT count(*), count(*) FILTER (WHERE continued) FROM trace_parts'),
    );
    const row = reader.getRows()[0];
    return { parts: count(row?.[0]), continued: count(row?.[1]) };
  }

  get traceIndexStats(): TraceIndex['stats'] {
    return this.index.stats;
  }

  async migrate(): Promise<void> {
    this.assertOpen();
    await this.queue.idle();
    await migrate(this.writeConnection, await loadMigrations());
    this.bloomLoad = await loadBloom(this.writeConnection, this.index, this.kept);
    await removeStaleCsvFiles();
    this.writer ??= new StepWriter(
      this.writeConnection,
      this.index,
      this.options.compactTracePartsAfter,
      this.rollupLock,
    );
    this.outcomeWriter ??= await OutcomeWriter.open(await this.instance.connect());
    this.baselineConnectionRef ??= await this.instance.connect();
    this.rollup ??= new UnitRollup(await this.instance.connect(), this.rollupLock);
  }

  /**
   * Reads use the roll-ups (rollup-routing.ts); false: the steps and the traces' JSON instead,
   * the reference tests and benchmarks compare the roll-ups with.
   */
  get readsRollups(): boolean {
    return this.routing.readsRollups;
  }

  set readsRollups(value: boolean) {
    this.routing.readsRollups = value;
  }

  private requireRollup(): UnitRollup {
    this.assertOpen();
    if (!this.rollup) throw new Error('store not migrated: call migrate() before reports');
    return this.rollup;
  }

  /** Brings the per-unit roll-up up to date before a unit report (see unit-rollup.ts). */
  async refreshUnitRollup(): Promise<RollupRefresh | null> {
    return (await this.routing.refresh()).last;
  }

  /** Brings the waste roll-up up to date (after the unit roll-up) before a waste or flow read. */
  async refreshWasteRollup(): Promise<DerivedRefresh | null> {
    await this.routing.refresh(DERIVED.waste);
    return this.routing.last('waste');
  }

  /** Brings the comparison roll-up up to date (after the unit roll-up) before a comparison. */
  async refreshCompareRollup(): Promise<DerivedRefresh | null> {
    await this.routing.refresh(DERIVED.compare);
    return this.routing.last('compare');
  }

  /** What the last refresh of a derived roll-up did (for benchmarks and tests). */
  rollupRefresh(which: DerivedName): DerivedRefresh | null {
    return this.rollup ? this.routing.last(which) : null;
  }

  /**
   * A kept roll-up against one derived from scratch (for tests and benchmarks): its rows, and how
   * many rows differ (either side).
   */
  async checkRollup(which: 'unit' | DerivedName): Promise<{ rows: number; drifted: number }> {
    this.assertOpen();
    return this.withOwnConnection((c) =>
      which === 'unit' ? unitRollupDrift(c) : derivedRollupDrift(c, DERIVED[which]),
    );
  }

  /** Rows noting units whose waste roll-up rows are out of date (for tests). */
  async pendingWasteUnits(): Promise<number> {
    this.assertOpen();
    return this.read(async (c) =>
      count((await c.runAndReadAll('SELECT count(*) FROM waste_pending_units')).getRows()[0]?.[0]),
    );
  }

  async insertOutcomes(outcomes: readonly Outcome[]): Promise<{ inserted: number }> {
    this.assertOpen();
    if (!this.outcomeWriter)
      throw new Error('store not migrated: call migrate() before insertOutcomes()');
    const result = await this.outcomeWriter.insert(outcomes);
    this.otherCommits += 1;
    return result;
  }

  async aggregateUnits(query: UnitQuery): Promise<UnitAggregate[]> {
    const kept = await this.routing.forUnits(query);
    return this.read((c) => aggregateUnits(c, query, kept));
  }

  async aggregateUnitsWithTotal(query: UnitTotalQuery): Promise<UnitGroupsWithTotal> {
    const kept = await this.routing.forUnits(query);
    return this.read((c) => aggregateUnitsWithTotal(c, query, kept));
  }

  async unitCostDistribution(query: CostDistributionQuery): Promise<CostDistribution> {
    const kept = await this.routing.forUnits({ ...query, groupBy: { kind: 'workflow' } });
    return this.read((c) => unitCostDistribution(c, query, kept));
  }

  async readWasteFacts(query: WasteQuery, pricing: WastePricing): Promise<WasteFacts> {
    this.assertOpen();
    const fromRollup = await this.routing.forWaste(query);
    return this.withOwnConnection((c) => readWasteFacts(c, query, pricing, fromRollup));
  }

  async readSpendFlow(query: WasteQuery): Promise<SpendFlowRow[]> {
    this.assertOpen();
    const fromRollup = await this.routing.forWaste(query);
    return this.withOwnConnection((c) => readSpendFlow(c, query, fromRollup));
  }

  async readRoutingFacts(workflow: string, step: string): Promise<RoutingFacts> {
    this.assertOpen();
    return this.withOwnConnection((c) => readRoutingFacts(c, workflow, step));
  }

  /** A quick read, on the shared read connection (read-connections.ts). */
  private read<T>(run: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.reads.read(run);
  }

  /** A long read, on a connection of its own (read-connections.ts). */
  private withOwnConnection<T>(run: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.reads.readAlone(run);
  }

  async getWorkUnit(workUnitId: string, workflow?: string) {
    this.assertOpen();
    return this.read((c) => readWorkUnit(c, workUnitId, workflow));
  }

  async listBaselines(): Promise<WorkflowBaseline[]> {
    this.assertOpen();
    return this.read((c) => readBaselines(c));
  }

  async saveBaselines(baselines: readonly WorkflowBaseline[]): Promise<void> {
    this.assertOpen();
    const run = this.baselineWrites.then(() =>
      writeBaselines(this.baselineConnection(), baselines),
    );
    this.baselineWrites = run.catch(() => undefined);
    await run;
    this.otherCommits += 1;
  }

  async listBudgets(): Promise<Budget[]> {
    this.assertOpen();
    return this.read((c) => readBudgets(c));
  }

  async saveBudgets(budgets: readonly Budget[]): Promise<void> {
    return this.serialWrite((connection) => writeBudgets(connection, budgets));
  }

  async deleteBudget(id: string): Promise<boolean> {
    return this.serialWrite((connection) => removeBudget(connection, id));
  }

  async listSentBudgetAlerts(): Promise<SentBudgetAlert[]> {
    this.assertOpen();
    return this.read((c) => readSentAlerts(c));
  }

  async recordSentBudgetAlert(alert: SentBudgetAlert): Promise<void> {
    return this.serialWrite((connection) => writeSentAlert(connection, alert));
  }

  async dailyWorkflowSpend(fromUnixMs: number, toUnixMs: number): Promise<DailyWorkflowSpend[]> {
    this.assertOpen();
    return this.read((c) => readDailyWorkflowSpend(c, fromUnixMs, toUnixMs));
  }

  async exportFocus(query: FocusExportQuery, path: string): Promise<FocusExportResult> {
    this.assertOpen();
    return this.read((c) => exportFocus(c, query, path));
  }

  /** Small configuration writes share the baseline connection, one at a time. */
  private serialWrite<T>(write: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    this.assertOpen();
    const run = this.baselineWrites.then(() => write(this.baselineConnection()));
    this.baselineWrites = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async listAttributeKeys(workflow: string): Promise<string[]> {
    this.assertOpen();
    return this.read((c) => listAttributeKeys(c, workflow));
  }

  async searchWorkUnits(search: WorkUnitSearch): Promise<WorkUnitSearchPage> {
    this.assertOpen();
    const fromRollups = await this.routing.forSearch(search);
    return this.withOwnConnection((c) => searchWorkUnits(c, search, fromRollups));
  }

  async compareOutcomes(query: CompareQuery): Promise<OutcomeComparisonCounts> {
    this.assertOpen();
    return (await this.routing.forCompare(query))
      ? this.withOwnConnection((c) => compareOutcomesFromRollup(c, query))
      : this.withOwnConnection((c) => compareOutcomes(c, query));
  }

  /** When the first migration created the tables, to the microsecond (`schema_migrations`). */
  async identity(): Promise<string> {
    this.assertOpen();
    return this.read(async (c) => {
      const reader = await c.runAndReadAll(
        "SELECT strftime(applied_at, '%Y-%m-%dT%H:%M:%S.%fZ') FROM schema_migrations WHERE version = 1",
      );
      const created = reader.getRows()[0]?.[0];
      if (typeof created !== 'string') throw new Error('store not migrated: call migrate() first');
      return `duckdb created ${created}`;
    });
  }

  async attemptHistories(query: AttemptHistoryQuery): Promise<AttemptHistory[]> {
    this.assertOpen();
    const fromRollup = await this.routing.forAllocation();
    return this.withOwnConnection((c) => readAttemptHistories(c, query, fromRollup));
  }

  async insertSteps(steps: readonly PricedStep[]): Promise<InsertResult> {
    this.assertOpen();
    this.writer?.preEncode(steps);
    return this.queue.enqueue(steps);
  }

  async getTrace(traceId: string): Promise<StoredStep[]> {
    this.assertOpen();
    // A trace the Bloom filter never saw has no stored step: no scan needed.
    if (!this.index.mightHold(traceId)) return [];
    const reader = await this.read((c) =>
      c.runAndReadAll(
        `SELECT ${STEP_COLUMN_LIST} FROM steps WHERE trace_id = $1 ORDER BY start_time, span_id`,
        [traceId],
      ),
    );
    return reader.getRows().map(fromStepRow);
  }

  async listUnpricedModels(): Promise<UnpricedModel[]> {
    this.assertOpen();
    return this.read(readUnpricedModels);
  }

  /** Bytes DuckDB holds in its buffer pool and other managed memory (`duckdb_memory()`). */
  async memoryBytes(): Promise<number> {
    this.assertOpen();
    return this.read(async (c) => {
      const reader = await c.runAndReadAll(
        'SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()',
      );
      return Number(reader.getRows()[0]?.[0] ?? 0);
    });
  }

  async getSpendTotals(): Promise<SpendTotals> {
    this.assertOpen();
    return this.read(readSpendTotals);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.idle();
    this.closed = true;
    // Closing a connection while a query runs on it crashes the process: every read settles first.
    await Promise.all([this.reads.interrupt(), this.rollup?.close()]);
    // Every connection closes (its writes first), or the instance keeps the file locked for the
    // rest of the process.
    await this.outcomeWriter?.close();
    await this.baselineWrites;
    this.baselineConnectionRef?.closeSync();
    // The next open loads the filter instead of reading every stored trace id (unless it is kept
    // as it stands: a read-only command rewrites nothing); one that could not be kept costs that
    // open a rebuild, never the close.
    if (this.writer && this.kept && this.index.bloomFilter.size !== this.bloomLoad?.keptSize)
      await keepBloom(this.writeConnection, this.index).catch(() => undefined);
    await this.writeConnection.run('CHECKPOINT');
    this.reads.closeSync();
    this.writeConnection.closeSync();
    this.instance.closeSync();
  }

  private baselineConnection(): DuckDBConnection {
    if (!this.baselineConnectionRef)
      throw new Error('store not migrated: call migrate() before saveBaselines()');
    return this.baselineConnectionRef;
  }

  private requireWriter(): StepWriter {
    if (!this.writer) throw new Error('store not migrated: call migrate() before insertSteps()');
    return this.writer;
  }

  /** Whether the database outlives the process (an in-memory one has no next open). */
  private get kept(): boolean {
    return this.options.path !== ':memory:';
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
