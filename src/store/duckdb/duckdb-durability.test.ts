/** DuckDB-specific guarantees: committed inserts survive SIGKILL, migrations apply once, reopen. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { llmStep } from '../contract-steps.js';
import { openStore } from '../open-store.js';
import { DuckDbStore } from './duckdb-store.js';
import { loadMigrations } from './migrate.js';

const dir = mkdtempSync(join(tmpdir(), 'tokenledger-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child until it has reported `batches` committed inserts, then SIGKILLs it. */
function insertThenKill(path: string, batches: number): Promise<Map<string, number>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./durability-child.ts', import.meta.url)), path],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const reported = new Map<string, number>();
  let buffer = '';
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`child exited early: code ${code}`));
    });
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [traceId, inserted] = line.split(' ');
        if (traceId && inserted) reported.set(traceId, Number(inserted));
      }
      if (reported.size >= batches) child.kill('SIGKILL');
    });
  });
}

describe('DuckDbStore on a file', () => {
  it('keeps every insert it acknowledged when the process is killed with SIGKILL', async () => {
    const path = join(dir, 'killed.duckdb');
    const reported = await insertThenKill(path, 40);
    expect(reported.size).toBeGreaterThanOrEqual(40);
    const store = await openStore({ kind: 'duckdb', path });
    try {
      for (const [traceId, inserted] of reported) {
        expect((await store.getTrace(traceId)).length).toBe(inserted);
      }
      expect((await store.getSpendTotals()).steps).toBeGreaterThanOrEqual(40 * 50);
    } finally {
      await store.close();
    }
  });

  it('applies each migration once and keeps data across close and reopen', async () => {
    const path = join(dir, 'reopen.duckdb');
    const step = llmStep();
    const first = await openStore({ kind: 'duckdb', path });
    await first.insertSteps([step]);
    await first.migrate();
    await first.close();
    const second = await openStore({ kind: 'duckdb', path });
    expect(await second.insertSteps([step])).toEqual({ inserted: 0, duplicates: 1 });
    expect((await second.getTrace(step.traceId)).map((s) => s.spanId)).toEqual([step.spanId]);
    await second.close();

    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      'SELECT version, count(*) FROM schema_migrations GROUP BY version ORDER BY version',
    );
    const expected = (await loadMigrations()).map((m) => [m.version, 1n]);
    expect(reader.getRowsJS()).toEqual(expected);
    connection.closeSync();
    instance.closeSync();
  });

  it('starts from the kept Bloom filter and still finds traces a killed process wrote after it', async () => {
    const path = join(dir, 'bloom.duckdb');
    const first = await DuckDbStore.open({ path });
    await first.migrate();
    expect(first.bloomLoad).toMatchObject({ source: 'rebuilt', traceIds: 0 });
    const early = [llmStep(), llmStep(), llmStep()];
    await first.insertSteps(early);
    await first.close();

    // Kept at close: nothing to read at the next open. The child then writes without a clean close.
    const reported = await insertThenKill(path, 20);
    const second = await DuckDbStore.open({ path });
    await second.migrate();
    expect(second.bloomLoad?.source).toBe('kept');
    expect(second.bloomLoad?.traceIds).toBeGreaterThanOrEqual(20);
    for (const [traceId, inserted] of reported)
      expect((await second.getTrace(traceId)).length).toBe(inserted);
    expect(await second.insertSteps(early)).toEqual({ inserted: 0, duplicates: 3 });
    await second.close();

    // A kept filter of another format is never trusted: every stored trace id is read again.
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run("UPDATE trace_bloom SET format = 'an older layout'");
    connection.closeSync();
    instance.closeSync();
    const third = await DuckDbStore.open({ path });
    await third.migrate();
    expect(third.bloomLoad).toMatchObject({ source: 'rebuilt', traceIds: reported.size + 3 });
    expect(await third.insertSteps(early)).toEqual({ inserted: 0, duplicates: 3 });
    await third.close();
  });

  it('refuses a database another build migrated, naming the migration', async () => {
    const path = join(dir, 'foreign.duckdb');
    const created = await DuckDbStore.open({ path });
    await created.migrate();
    await created.close();
    const edit = async (sql: string) => {
      const instance = await DuckDBInstance.create(path);
      const connection = await instance.connect();
      await connection.run(sql);
      connection.closeSync();
      instance.closeSync();
    };
    const reopen = async () => {
      const store = await DuckDbStore.open({ path });
      try {
        await store.migrate();
      } finally {
        await store.close();
      }
    };
    await edit("UPDATE schema_migrations SET name = 'spend_totals' WHERE version = 10");
    await expect(reopen()).rejects.toThrow(
      "the database records migration 10 as spend_totals, but this release's 10 is trace_bloom",
    );
    await edit("UPDATE schema_migrations SET name = 'trace_bloom' WHERE version = 10");
    await edit("INSERT INTO schema_migrations VALUES (99, 'from_the_future', current_timestamp)");
    await expect(reopen()).rejects.toThrow('migration 99 (from_the_future)');
  });

  it('fails inserts after close', async () => {
    const store = await openStore({ kind: 'duckdb', path: join(dir, 'closed.duckdb') });
    await store.close();
    await expect(store.insertSteps([llmStep()])).rejects.toThrow(/closed/);
  });
});
