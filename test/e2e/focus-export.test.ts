/**
 * FOCUS 1.2 export over real HTTP, as CSV and as Parquet (read back with DuckDB): every column the
 * specification marks Mandatory, with its type and allowed values, and BilledCost summing exactly to
 * the store's attributed spend. Unpriced steps are left out and counted in a header.
 *
 * Prices: gpt-4o $2.50 / $10 per million → 1,000 in + 100 out = $0.0035;
 * gpt-4o-mini $0.15 / $0.60 per million → 4,000 in + 300 out = $0.0006 + $0.00018 = $0.00078.
 * Claims C-1..C-3 (gpt-4o) + tickets T-1, T-2 (gpt-4o-mini) = 3 × 0.0035 + 2 × 0.00078 = $0.01206.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { femtoToUsdString } from '../../src/domain/index.js';
import { teamBaseline } from '../support/baseline.js';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * FOCUS 1.2 (FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, tag v1.2, specification/columns/*.md):
 * every column whose "Feature level" is Mandatory, with its data type and whether it allows nulls.
 */
const FOCUS_1_2_MANDATORY: Record<
  string,
  { type: 'Decimal' | 'String' | 'Date/Time'; nulls: boolean }
> = {
  BilledCost: { type: 'Decimal', nulls: false },
  BillingAccountId: { type: 'String', nulls: false },
  BillingAccountName: { type: 'String', nulls: true },
  BillingCurrency: { type: 'String', nulls: false },
  BillingPeriodEnd: { type: 'Date/Time', nulls: false },
  BillingPeriodStart: { type: 'Date/Time', nulls: false },
  ChargeCategory: { type: 'String', nulls: false },
  ChargeClass: { type: 'String', nulls: true },
  ChargeDescription: { type: 'String', nulls: true },
  ChargePeriodEnd: { type: 'Date/Time', nulls: false },
  ChargePeriodStart: { type: 'Date/Time', nulls: false },
  ContractedCost: { type: 'Decimal', nulls: false },
  EffectiveCost: { type: 'Decimal', nulls: false },
  InvoiceIssuerName: { type: 'String', nulls: false },
  ListCost: { type: 'Decimal', nulls: false },
  PricingQuantity: { type: 'Decimal', nulls: true },
  PricingUnit: { type: 'String', nulls: true },
  ProviderName: { type: 'String', nulls: false },
  PublisherName: { type: 'String', nulls: false },
  ServiceCategory: { type: 'String', nulls: false },
  ServiceName: { type: 'String', nulls: false },
};
/** Conditional columns that apply here: usage is measured (ConsumedQuantity/Unit), tags are set. */
const CONDITIONAL = ['ConsumedQuantity', 'ConsumedUnit', 'Tags'];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let server: TestServer;

async function post(
  name: string,
  unit: string,
  workflow: string,
  children: ReturnType<typeof chatSpan>[],
) {
  const attributes =
    unit === '' ? {} : { 'tokenledger.work_unit.id': unit, 'tokenledger.workflow': workflow };
  const spans = buildTrace({ name, attributes, children });
  const response = await server.post('/v1/traces', toProtobuf(spans), {
    'content-type': 'application/x-protobuf',
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer({
    workflows: [teamBaseline('claims', 'claims-ops')],
  });
  for (const unit of ['C-1', 'C-2', 'C-3'])
    await post('claim', unit, 'claims', [chatSpan('gpt-4o', 1000, 100)]);
  await post('ticket', 'T-1', 'tickets', [
    chatSpan('gpt-4o-mini', 4000, 300),
    chatSpan('acme-private-7b', 500, 50),
  ]);
  await post('ticket', 'T-2', 'tickets', [chatSpan('gpt-4o-mini', 4000, 300)]);
  await post('stray', '', '', [chatSpan('gpt-4o', 1000, 100)]);
  const outcome = { workUnitId: 'C-1', workflow: 'claims', status: 'resolved', resolvedBy: 'ai' };
  const response = await server.post('/v1/outcomes', JSON.stringify(outcome), {
    'content-type': 'application/json',
  });
  expect(response.status).toBe(200);
});

afterAll(async () => {
  await server.dispose();
});

async function attributedSpend(): Promise<string> {
  const groups = await server.store.aggregateUnits({ groupBy: { kind: 'workflow' } });
  return femtoToUsdString(groups.reduce((sum, g) => sum + g.tokenCostFemto, 0n));
}

/** Loads an exported file into an in-memory DuckDB and returns column types and rows. */
async function readBack(bytes: Uint8Array, format: 'csv' | 'parquet') {
  const path = join(server.dir, `export.${format}`);
  await writeFile(path, bytes);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const source =
      format === 'csv'
        ? `read_csv('${path}', header = true, all_varchar = true)`
        : `read_parquet('${path}')`;
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const types = new Map(described.getRows().map((r) => [String(r[0]), String(r[1])]));
    const rows = await connection.runAndReadAll(`SELECT * FROM ${source} ORDER BY x_WorkUnitId`);
    const total = await connection.runAndReadAll(
      `SELECT sum(BilledCost::DECIMAL(38, 15))::VARCHAR, sum(EffectiveCost::DECIMAL(38, 15))::VARCHAR FROM ${source}`,
    );
    return {
      types,
      rows: rows.getRowObjectsJson() as Record<string, unknown>[],
      sums: total.getRows()[0]?.map(String) ?? [],
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('FOCUS 1.2 export', () => {
  it('CSV has every mandatory column with allowed values, and sums exactly to attributed spend', async () => {
    const response = await fetch(`${server.url}/api/v1/export/focus?format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('x-focus-excluded-unpriced-steps')).toBe('1');
    expect(response.headers.get('x-focus-unattributed-cost-usd')).toBe('0.0035');
    expect(response.headers.get('x-focus-billed-cost-usd')).toBe('0.01206');
    const { types, rows, sums } = await readBack(
      new Uint8Array(await response.arrayBuffer()),
      'csv',
    );
    for (const column of [...Object.keys(FOCUS_1_2_MANDATORY), ...CONDITIONAL])
      expect(types.has(column), column).toBe(true);
    for (const column of types.keys())
      expect(
        column in FOCUS_1_2_MANDATORY || CONDITIONAL.includes(column) || column.startsWith('x_'),
        column,
      ).toBe(true);
    expect(rows).toHaveLength(5);
    // 0.01206 both ways: the store's attributed spend and the export's BilledCost.
    expect(await attributedSpend()).toBe('0.01206');
    expect(sums).toEqual(['0.012060000000000', '0.012060000000000']);
    for (const row of rows) {
      for (const [column, spec] of Object.entries(FOCUS_1_2_MANDATORY)) {
        const value = row[column];
        if (!spec.nulls) expect(value, column).not.toBeNull();
        if (value === null) continue;
        if (spec.type === 'Date/Time') expect(String(value)).toMatch(ISO_UTC);
        if (spec.type === 'Decimal') expect(String(value)).toMatch(/^\d+(\.\d+)?$/);
      }
      expect(row).toMatchObject({
        ChargeCategory: 'Usage',
        ChargeClass: null,
        BillingCurrency: 'USD',
        ServiceCategory: 'AI and Machine Learning',
        PricingUnit: 'Tokens',
        ConsumedUnit: 'Tokens',
      });
    }
    const c1 = rows.find((r) => r.x_WorkUnitId === 'C-1');
    expect(c1).toMatchObject({
      BilledCost: '0.003500000000000',
      PricingQuantity: '1100',
      ProviderName: 'openai',
      ServiceName: 'gpt-4o',
      x_Team: 'claims-ops',
      x_Workflow: 'claims',
      x_OutcomeStatus: 'resolved',
    });
    expect(JSON.parse(String(c1?.Tags))).toEqual({
      'tokenledger.workflow': 'claims',
      'tokenledger.work_unit.id': 'C-1',
      'tokenledger.team': 'claims-ops',
      'tokenledger.outcome': 'resolved',
    });
    const day = String(c1?.ChargePeriodStart).slice(0, 10);
    expect(c1?.ChargePeriodEnd).toBe(
      `${new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 19)}Z`,
    );
  });

  it('Parquet has typed columns: DECIMAL money, UTC timestamps, and the same exact sum', async () => {
    const response = await fetch(`${server.url}/api/v1/export/focus?format=parquet`);
    expect(response.status).toBe(200);
    const { types, rows, sums } = await readBack(
      new Uint8Array(await response.arrayBuffer()),
      'parquet',
    );
    const duckType = {
      Decimal: /^DECIMAL/,
      String: /^VARCHAR$/,
      'Date/Time': /^TIMESTAMP WITH TIME ZONE$/,
    };
    for (const [column, spec] of Object.entries(FOCUS_1_2_MANDATORY))
      expect(types.get(column), column).toMatch(duckType[spec.type]);
    expect(rows).toHaveLength(5);
    expect(sums).toEqual(['0.012060000000000', '0.012060000000000']);
  });

  it('streams the file and removes it once sent, or once the client walks away', async () => {
    const left = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith('tokenledger-focus-'));
    // Deleted on the stream's close, just after the last byte: waited for, briefly.
    const gone = async () => {
      for (let i = 0; i < 50 && (await left()).length > 0; i++) await setTimeout(20);
      return left();
    };
    const read = await fetch(`${server.url}/api/v1/export/focus?format=csv`);
    // Sent as it is read (chunked), not loaded whole first: no length is known up front.
    expect(read.headers.get('content-length')).toBeNull();
    expect((await read.text()).split('\n')[0]).toContain('BilledCost');
    expect(await gone()).toEqual([]);
    const abandoned = await fetch(`${server.url}/api/v1/export/focus?format=parquet`);
    await abandoned.body?.cancel();
    expect(await gone()).toEqual([]);
  });

  it('rejects an unknown format naming the field', async () => {
    const response = await fetch(`${server.url}/api/v1/export/focus?format=xlsx`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^format: /);
  });

  it('the CLI exports the same dataset from the server (--url) and from the file (--db)', async () => {
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
    expect(await runCli(['export', 'focus', '--url', server.url], io)).toBe(0);
    const http = await (await fetch(`${server.url}/api/v1/export/focus`)).text();
    expect(out).toBe(http);
    expect(err).toBe(
      'FOCUS 1.2 csv: BilledCost $0.01206; left out 1 unpriced step(s) and $0.0035 of spend linked to no work unit',
    );
    await server.close(); // the file is the server's until it stops
    err = '';
    const file = join(server.dir, 'cli.parquet');
    const args = ['export', 'focus', '--db', server.dbPath, '--format', 'parquet', '--out', file];
    expect(await runCli(args, io)).toBe(0);
    expect(err).toContain('BilledCost $0.01206; left out 1 unpriced step(s)');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const sum = await connection.runAndReadAll(
      `SELECT sum(BilledCost)::VARCHAR, count(*) FROM read_parquet('${file}')`,
    );
    expect(sum.getRows()[0]?.map(String)).toEqual(['0.012060000000000', '5']);
    connection.closeSync();
    instance.closeSync();
  });
});
