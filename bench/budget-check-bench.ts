/**
 * `npm run bench:budget-check [-- --requests N --clients C --traces T]`: a real server with linked
 * spend and budgets, C concurrent keep-alive clients firing N `GET /api/v1/budgets/check` requests,
 * against the same load on `/healthz` of the same server as the baseline. Prints p50/p99 and req/s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../src/config/index.js';
import { usdToFemto } from '../src/domain/index.js';
import { startServer } from '../src/server/index.js';
import { buildTrace, chatSpan, toProtobuf } from '../test/support/sdk-spans.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    clients: { type: 'string', default: '64' },
    traces: { type: 'string', default: '2000' },
  },
});
const requests = Number(values.requests);
const clients = Number(values.clients);
const WORKFLOWS = ['claims', 'tickets', 'invoices', 'onboarding', 'refunds'];
const TEAMS = ['ops', 'support', 'finance'];

const dir = await mkdtemp(join(tmpdir(), 'tokenledger-budget-bench-'));
const server = await startServer(
  defaultConfig({
    port: 0,
    dbPath: join(dir, 'bench.duckdb'),
    workflows: WORKFLOWS.map((workflow, i) => ({
      workflow,
      team: TEAMS[i % TEAMS.length] ?? null,
      unitName: 'unit',
      bpoPricePerUnitFemto: null,
      laborMinutesPerUnit: null,
      loadedHourlyRateFemto: null,
      valuePerResolvedFemto: null,
      fixedCostPerAttemptFemto: 0n,
    })),
    budgets: [
      ...WORKFLOWS.map((workflow) => ({ workflow, team: null, period: 'day' as const })),
      ...TEAMS.map((team) => ({ workflow: null, team, period: 'month' as const })),
    ].map((b, i) => ({
      ...b,
      id: `budget-${i}`,
      amountFemto: usdToFemto('2'),
      thresholds: [0.5, 0.8, 1],
      webhookUrl: null,
    })),
  }),
);

try {
  const total = Number(values.traces);
  for (let i = 0; i < total; i += 100) {
    const spans = [];
    for (let j = i; j < Math.min(total, i + 100); j++) {
      const workflow = WORKFLOWS[j % WORKFLOWS.length] ?? 'claims';
      spans.push(
        ...buildTrace({
          name: 'attempt',
          attributes: { 'tokenledger.work_unit.id': `U-${j}`, 'tokenledger.workflow': workflow },
          children: [chatSpan('gpt-4o', 1000, 100), chatSpan('gpt-4o-mini', 4000, 300)],
        }),
      );
    }
    await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      body: toProtobuf(spans),
      headers: { 'content-type': 'application/x-protobuf' },
    });
  }
  console.log(
    `budget check: ${total.toLocaleString('en')} traces, ${WORKFLOWS.length + TEAMS.length} budgets, ` +
      `${clients} clients, ${requests.toLocaleString('en')} requests each run`,
  );
  const paths = WORKFLOWS.map((w) => `/api/v1/budgets/check?workflow=${w}`);
  await load(['/healthz'], Math.min(2000, requests));
  await load(paths, Math.min(2000, requests));
  report('/healthz (baseline)', await load(['/healthz'], requests));
  report('/api/v1/budgets/check', await load(paths, requests));
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}

async function load(targets: readonly string[], count: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const path = targets[next % targets.length] ?? '/healthz';
        next += 1;
        const t0 = performance.now();
        const response = await fetch(`${server.url}${path}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

function report(name: string, run: { latencies: number[]; seconds: number }) {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  console.log(
    `${name.padEnd(24)} p50 ${at(0.5).toFixed(2)} ms  p99 ${at(0.99).toFixed(2)} ms  ` +
      `${Math.round(sorted.length / run.seconds).toLocaleString('en')} req/s`,
  );
}
