/** Budget rows, delivered alerts and the daily spend per workflow, on a real in-memory DuckDB. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Budget, usdToFemto } from '../../domain/index.js';
import { llmStep, pricedCost, toolStep, UNPRICED, uniqueId } from '../contract-steps.js';
import { DuckDbStore } from './duckdb-store.js';

const at = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;
let store: DuckDbStore;

beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  await store.migrate();
});
afterAll(async () => {
  await store.close();
});

describe('budget rows', () => {
  it('saves, replaces and deletes budgets with exact amounts', async () => {
    const budget: Budget = {
      id: 'ops-month',
      team: 'ops',
      workflow: null,
      period: 'month',
      amountFemto: usdToFemto('1234.000000000000001'),
      thresholds: [0.5, 0.9, 1],
      webhookUrl: 'http://127.0.0.1:9/hook',
    };
    await store.saveBudgets([
      budget,
      { ...budget, id: 'claims-day', team: null, workflow: 'claims', period: 'day' },
    ]);
    await store.saveBudgets([{ ...budget, amountFemto: usdToFemto('10') }]);
    const listed = await store.listBudgets();
    expect(listed.map((b) => [b.id, b.amountFemto])).toEqual([
      ['claims-day', usdToFemto('1234.000000000000001')],
      ['ops-month', usdToFemto('10')],
    ]);
    expect(listed[1]).toEqual({ ...budget, amountFemto: usdToFemto('10') });
    expect(await store.deleteBudget('claims-day')).toBe(true);
    expect(await store.deleteBudget('claims-day')).toBe(false);
    expect((await store.listBudgets()).map((b) => b.id)).toEqual(['ops-month']);
  });

  it('remembers delivered alerts by budget, period start and threshold', async () => {
    const periodStartUnixMs = Date.parse('2026-11-01T00:00:00Z');
    await store.recordSentBudgetAlert({
      budgetId: 'ops-month',
      periodStartUnixMs,
      threshold: '0.5',
    });
    expect(await store.listSentBudgetAlerts()).toEqual([
      { budgetId: 'ops-month', periodStartUnixMs, threshold: '0.5' },
    ]);
  });

  it('buckets linked spend by step day, wherever in the trace the link sits', async () => {
    const linked = uniqueId(32);
    const link = { 'tokenledger.work_unit.id': 'C-1', 'tokenledger.workflow': 'claims' };
    const unitOnly = uniqueId(32);
    await store.insertSteps([
      // The link is on a tool step; the model calls carry the cost, across midnight.
      toolStep({
        traceId: linked,
        startTimeUnixNano: at('2026-11-02T23:00:00Z'),
        attributes: link,
      }),
      llmStep({
        traceId: linked,
        startTimeUnixNano: at('2026-11-02T23:59:59Z'),
        cost: pricedCost('0.001'),
      }),
      llmStep({
        traceId: linked,
        startTimeUnixNano: at('2026-11-03T00:00:01Z'),
        cost: pricedCost('0.002'),
      }),
      llmStep({ traceId: linked, startTimeUnixNano: at('2026-11-03T00:00:02Z'), cost: UNPRICED }),
      // Before the window: left out.
      llmStep({
        traceId: linked,
        startTimeUnixNano: at('2026-10-31T12:00:00Z'),
        cost: pricedCost('7'),
      }),
      // Linked to a unit without a workflow.
      llmStep({
        traceId: unitOnly,
        startTimeUnixNano: at('2026-11-03T08:00:00Z'),
        attributes: { 'tokenledger.work_unit.id': 'X-1' },
        cost: pricedCost('0.004'),
      }),
      // Linked to nothing: burns no budget.
      llmStep({ startTimeUnixNano: at('2026-11-03T09:00:00Z'), cost: pricedCost('0.5') }),
    ]);
    const spend = await store.dailyWorkflowSpend(
      Date.parse('2026-11-01T00:00:00Z'),
      Date.parse('2026-12-01T00:00:00Z'),
    );
    expect(spend).toEqual([
      { day: '2026-11-02', workflow: 'claims', costFemto: usdToFemto('0.001'), unpricedSteps: 0 },
      {
        day: '2026-11-03',
        workflow: '(no workflow)',
        costFemto: usdToFemto('0.004'),
        unpricedSteps: 0,
      },
      { day: '2026-11-03', workflow: 'claims', costFemto: usdToFemto('0.002'), unpricedSteps: 1 },
    ]);
  });
});
