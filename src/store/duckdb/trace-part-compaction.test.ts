import { describe, expect, it } from 'vitest';
import { LINK_KEYS, type PricedStep } from '../../domain/index.js';
import { llmStep, pricedCost, uniqueId } from '../contract-steps.js';
import { runStoreContract } from '../store.contract.js';
import { runStoreUnitsContract } from '../store-units.contract.js';
import { DuckDbStore } from './duckdb-store.js';

async function compactingStore(after: number): Promise<DuckDbStore> {
  const store = await DuckDbStore.open({ path: ':memory:', compactTracePartsAfter: after });
  await store.migrate();
  return store;
}

// Every contract figure must hold when the roll-up is compacted before every transaction.
runStoreContract('duckdb compacting every transaction', () => compactingStore(1));
runStoreUnitsContract('duckdb compacting every transaction', () => compactingStore(1));

/** Traces of 3 calls each, sent one call per transaction; the link is on the last call only. */
function tracesInPieces(traces: number): PricedStep[][] {
  const pieces: PricedStep[][] = [[], [], []];
  for (let t = 0; t < traces; t++) {
    const traceId = uniqueId(32);
    for (let call = 0; call < 3; call++) {
      const link: Record<string, string> =
        call === 2 ? { [LINK_KEYS.workUnitId]: `U-${t % 4}`, [LINK_KEYS.workflow]: 'claims' } : {};
      pieces[call]?.push(
        llmStep({
          traceId,
          startTimeUnixNano: 1_764_000_000_000_000_000n + BigInt(t * 10 + call),
          cost: pricedCost(`0.00${call + 1}`),
          attributes: link,
        }),
      );
    }
  }
  return pieces;
}

describe('trace roll-up compaction', () => {
  it('leaves one part per trace and every report figure unchanged', async () => {
    const pieces = tracesInPieces(40);
    const plain = await compactingStore(Number.MAX_SAFE_INTEGER);
    const compacting = await compactingStore(30);
    try {
      for (const piece of pieces) {
        await plain.insertSteps(piece);
        await compacting.insertSteps(piece);
      }
      // One more transaction, so the compaction due after the last piece runs before it.
      await compacting.insertSteps([llmStep({ cost: pricedCost('0.5') })]);
      await plain.insertSteps([llmStep({ cost: pricedCost('0.5') })]);
      const query = { groupBy: { kind: 'workflow' } } as const;
      const [expected] = await plain.aggregateUnits(query);
      // 4 units × 10 traces; each trace $0.001 + $0.002 + $0.003.
      expect(expected).toMatchObject({
        units: 4,
        attempts: 40,
        tokenCostFemto: 240_000_000_000_000n,
      });
      expect(await compacting.aggregateUnits(query)).toEqual(await plain.aggregateUnits(query));
      expect(await plain.traceRollupStats()).toEqual({ parts: 121, continued: 80 });
      expect(await compacting.traceRollupStats()).toEqual({ parts: 41, continued: 0 });
    } finally {
      await plain.close();
      await compacting.close();
    }
  });
});
