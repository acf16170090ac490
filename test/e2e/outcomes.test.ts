/**
 * Outcome records end to end: POST /v1/outcomes on a Hono app over a real DuckDB outcome store,
 * and `tokenledger import outcomes` from a CSV fixture into a DuckDB file and through HTTP.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOutcomesCommand } from '../../src/cli/import-outcomes-command.js';
import { mountOutcomes } from '../../src/server/routes/outcomes.js';
import { DuckDbOutcomeStore } from '../../src/store/duckdb/duckdb-outcome-store.js';
import { loadMigrations, migrate } from '../../src/store/duckdb/migrate.js';

const CSV = resolve(import.meta.dirname, '../fixtures/outcomes/claims.csv');
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenledger-outcomes-e2e-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function openOutcomes(path: string) {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await migrate(connection, await loadMigrations());
  connection.closeSync();
  const store = await DuckDbOutcomeStore.open(instance);
  const close = async () => {
    await store.close();
    instance.closeSync();
  };
  return { store, close };
}

function appWith(store: DuckDbOutcomeStore, maxBodyBytes?: number): Hono {
  const app = new Hono();
  mountOutcomes(app, { outcomes: store, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  return app;
}

const post = (app: Hono, body: string | Uint8Array, headers: Record<string, string>) =>
  app.request('/v1/outcomes', { method: 'POST', body, headers });
const JSON_TYPE = { 'content-type': 'application/json' };
const claim = (id: string, fields: Record<string, unknown> = {}) => ({
  workUnitId: id,
  workflow: 'claims',
  status: 'resolved',
  resolvedBy: 'ai',
  ...fields,
});

describe('POST /v1/outcomes', () => {
  it('stores the 2 valid records of 3 and answers 200 naming the invalid one', async () => {
    const { store, close } = await openOutcomes(':memory:');
    try {
      const body = [claim('C-1'), claim('C-2', { status: 'done' }), claim('C-3')];
      const response = await post(appWith(store), JSON.stringify(body), JSON_TYPE);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        accepted: 2,
        rejected: [
          {
            index: 1,
            workUnitId: 'C-2',
            errors: [
              'record 1 (workUnitId "C-2"): status: must be one of resolved, failed, escalated, abandoned; got "done"',
            ],
          },
        ],
      });
      expect(await store.countOutcomes()).toBe(2);
      expect((await store.latestOutcomes()).map((o) => o.workUnitId)).toEqual(['C-1', 'C-3']);
    } finally {
      await close();
    }
  });

  it('answers 400 with the same body shape when no record is valid, and stores nothing', async () => {
    const { store, close } = await openOutcomes(':memory:');
    try {
      const app = appWith(store);
      const none = await post(app, JSON.stringify({ workUnitId: 'C-1' }), JSON_TYPE);
      expect(none.status).toBe(400);
      const body = (await none.json()) as { accepted: number; rejected: { errors: string[] }[] };
      expect(body.accepted).toBe(0);
      expect(body.rejected[0]?.errors).toEqual([
        'record 0 (workUnitId "C-1"): workflow: is required',
        'record 0 (workUnitId "C-1"): status: is required',
      ]);
      expect((await post(app, '[]', JSON_TYPE)).status).toBe(400);
      const broken = await post(app, '[{"workUnitId": ', JSON_TYPE);
      expect(broken.status).toBe(400);
      expect(((await broken.json()) as { error: string }).error).toMatch(/^body is not valid JSON/);
      expect(await store.countOutcomes()).toBe(0);
    } finally {
      await close();
    }
  });

  it('keeps the NDJSON lines around one that is not JSON, gzip included', async () => {
    const { store, close } = await openOutcomes(':memory:');
    try {
      const lines = [JSON.stringify(claim('N-1')), '{oops', JSON.stringify(claim('N-2')), ''];
      const response = await post(appWith(store), gzipSync(lines.join('\n')), {
        'content-type': 'application/x-ndjson',
        'content-encoding': 'gzip',
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { accepted: number; rejected: unknown[] };
      expect(body.accepted).toBe(2);
      expect(body.rejected).toEqual([
        {
          index: 1,
          workUnitId: null,
          errors: [expect.stringMatching(/^record 1 \(line 2\): not a JSON value/)],
        },
      ]);
      expect((await store.latestOutcomes()).map((o) => o.workUnitId)).toEqual(['N-1', 'N-2']);
    } finally {
      await close();
    }
  });

  it('refuses other content types with 415 and bodies above the limit with 413', async () => {
    const { store, close } = await openOutcomes(':memory:');
    try {
      const app = appWith(store, 1024);
      const csv = await post(app, 'workUnitId\nC-1\n', { 'content-type': 'text/csv' });
      expect(csv.status).toBe(415);
      const big = JSON.stringify(Array.from({ length: 40 }, (_, i) => claim(`B-${i}`)));
      expect(big.length).toBeGreaterThan(1024);
      const tooBig = await post(app, big, JSON_TYPE);
      expect(tooBig.status).toBe(413);
      expect(await store.countOutcomes()).toBe(0);
    } finally {
      await close();
    }
  });
});

describe('tokenledger import outcomes', () => {
  const argv = (target: string[]) => [
    'outcomes',
    CSV,
    '--map',
    'workUnitId=claim_id',
    '--map',
    'status=result',
    '--workflow',
    'claims',
    '--batch',
    '2',
    ...target,
  ];

  async function run(args: string[]) {
    let out = '';
    let err = '';
    const code = await importOutcomesCommand(args, {
      out: (t) => (out += `${t}\n`),
      err: (t) => (err += `${t}\n`),
    });
    return { code, out, err };
  }

  async function expectImported(path: string) {
    const { store, close } = await openOutcomes(path);
    try {
      expect(await store.countOutcomes()).toBe(4);
      const latest = await store.latestOutcomes();
      expect(latest.map((o) => [o.workUnitId, o.status, o.resolvedBy, o.humanMinutes])).toEqual([
        ['C-1', 'resolved', 'ai', 2.5],
        ['C-2', 'resolved', 'human', 25],
        ['C-4', 'failed', null, 0],
      ]);
      expect(latest[1]?.attributes).toEqual({
        segment: 'commercial, large',
        note: 'said "urgent"',
      });
      expect(latest[2]?.attributes.note).toBe('two\r\nlines');
      expect(latest[2]?.occurredAtUnixNano).toBe(1_793_527_200_000_000_000n);
      // 9.10 + 1234567890123.000000000000001, to the femto-dollar.
      const total = latest.reduce((sum, o) => sum + (o.valueFemto ?? 0n), 0n);
      expect(total).toBe(1_234_567_890_132_100_000_000_000_001n);
    } finally {
      await close();
    }
  }

  const REJECTED =
    '  row 4 (workUnitId "C-3"): status: must be one of resolved, failed, escalated, abandoned; got "done"';

  it('imports a CSV with quirks into a DuckDB file, reporting the bad row by number (exit 2)', async () => {
    const db = join(dir, 'import.duckdb');
    const { code, out, err } = await run(argv(['--db', db]));
    expect(out.split('\n')).toEqual([`imported 4 outcome(s) into ${db}; rejected 1`, REJECTED, '']);
    expect(err).toMatch(/^importing .*claims\.csv \[#+\] 100% 5 rows \(/);
    expect(code).toBe(2);
    await expectImported(db);
  });

  it('imports the same CSV through POST /v1/outcomes of a running server', async () => {
    const db = join(dir, 'http.duckdb');
    const { store, close } = await openOutcomes(db);
    const server = serve({ fetch: appWith(store).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((ready) => server.once('listening', ready));
    const { port } = server.address() as { port: number };
    try {
      const { code, out } = await run(argv(['--url', `http://127.0.0.1:${port}`]));
      expect(out.split('\n').slice(0, 2)).toEqual([
        `imported 4 outcome(s) into http://127.0.0.1:${port}; rejected 1`,
        REJECTED,
      ]);
      expect(code).toBe(2);
    } finally {
      await new Promise((done) => server.close(done));
      await close();
    }
    await expectImported(db);
  });

  it('refuses a --map to a column the header lacks, naming the columns', async () => {
    await expect(
      run(['outcomes', CSV, '--map', 'status=outcome', '--db', join(dir, 'x.duckdb')]),
    ).rejects.toThrow(
      /--map status=outcome: no column "outcome" in the header \(claim_id, result,/,
    );
  });
});
