/**
 * Trajectories, work-unit search and success/failure compare over real HTTP: SDK spans sent as
 * OTLP protobuf, outcomes posted, a real DuckDB file, figures worked by hand.
 * Prices per million tokens (genai-prices): gpt-4o $2.50 in / $10 out, gpt-4o-mini $0.15 / $0.60.
 */
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  OutcomeComparison,
  Trajectory,
  TrajectoryStep,
  WorkUnitSearchView,
} from '../../src/analysis/index.js';
import { runCli } from '../../src/cli/index.js';
import { buildTrace, chatSpan, type SpanSpec, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

const chat = (at: number, model: string, input: number, output: number, extra = {}): SpanSpec => ({
  ...chatSpan(model, input, output, { 'tokenledger.step.name': 'assess', ...extra }),
  startTime: at,
  durationMs: 100,
});
const tool = (at: number, name: string, args: string): SpanSpec => ({
  name: `execute_tool ${name}`,
  kind: SpanKind.INTERNAL,
  startTime: at,
  durationMs: 50,
  attributes: {
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': name,
    'gen_ai.tool.call.arguments': args,
    'tokenledger.step.name': name,
  },
});

async function send(
  workflow: string,
  unit: string,
  at: number,
  children: SpanSpec[],
  attributes: Record<string, string> = {},
  error?: string,
): Promise<void> {
  const root: SpanSpec = {
    name: 'handle',
    startTime: at,
    durationMs: 1000,
    attributes: {
      'tokenledger.work_unit.id': unit,
      'tokenledger.workflow': workflow,
      ...attributes,
    },
    children,
    ...(error === undefined ? {} : { error }),
  };
  const response = await server.post('/v1/traces', toProtobuf(buildTrace(root)), {
    'content-type': 'application/x-protobuf',
  });
  expect(response.status).toBe(200);
}

async function outcomes(records: unknown[]): Promise<void> {
  const response = await server.post('/v1/outcomes', JSON.stringify(records), {
    'content-type': 'application/json',
  });
  expect(((await response.json()) as { accepted: number }).accepted).toBe(records.length);
}

/**
 * claims:
 * U-1 (region=emea): attempt 1 at T0 (error) — assess $0.0035 (1,000/100 gpt-4o), lookup_policy
 *   {"policy":"P-1"} twice (the second a repeat), assess with rule R-water $0.0035 → $0.007;
 *   attempt 2 at T0+1h — assess 2,000/200 gpt-4o with rule R-water, $0.005 + $0.002 = $0.007,
 *   lookup_policy {"policy":"P-1"} again (a new attempt: no repeat), a 5-minute adjuster review.
 *   Resolved by AI. Total $0.014.
 * U-2 (region=na) T0+1d: gpt-4o-mini 1,000/100 = $0.00015 + $0.00006 = $0.00021, tool
 *   fraud_check, rule R-fire; failed.
 * U-3 (region=na on the span, apac on the outcome) T0+2d: gpt-4o 10,000/1,000 = $0.035; resolved
 *   by a human. U-4 (emea) T0+3d: $0.0035, pending. U-5 (na) T0+4d: $0.0035, abandoned.
 * support: S-1, same shape as U-4, must never show up in a claims search.
 */
beforeAll(async () => {
  server = await startTestServer({
    decisionKeys: ['acme.clause'],
    workflows: [
      {
        workflow: 'leads',
        team: null,
        unitName: 'lead',
        bpoPricePerUnitFemto: null,
        laborMinutesPerUnit: null,
        loadedHourlyRateFemto: null,
        valuePerResolvedFemto: null,
        fixedCostPerAttemptFemto: 0n,
      },
    ],
  });
  const emea = { region: 'emea' };
  await send(
    'claims',
    'U-1',
    T0,
    [
      chat(T0 + 10, 'gpt-4o', 1000, 100),
      tool(T0 + 20, 'lookup_policy', '{"policy":"P-1"}'),
      tool(T0 + 30, 'lookup_policy', '{"policy":"P-1"}'),
      chat(T0 + 40, 'gpt-4o', 1000, 100, {
        'tokenledger.decision.rule': 'R-water',
        'acme.clause': '4.2',
      }),
    ],
    emea,
    'policy lookup looped',
  );
  await send(
    'claims',
    'U-1',
    T0 + 3_600_000,
    [
      chat(T0 + 3_600_010, 'gpt-4o', 2000, 200, {
        'tokenledger.decision.rule': 'R-water',
        'tokenledger.decision.precedent': 'CLM-P7',
      }),
      tool(T0 + 3_600_020, 'lookup_policy', '{"policy":"P-1"}'),
      {
        name: 'human review',
        startTime: T0 + 3_600_030,
        durationMs: 300_000,
        attributes: {
          'tokenledger.step.kind': 'human',
          'tokenledger.human.minutes': 5,
          'tokenledger.step.name': 'adjuster-review',
        },
      },
    ],
    emea,
  );
  await send(
    'claims',
    'U-2',
    T0 + DAY,
    [
      chat(T0 + DAY + 10, 'gpt-4o-mini', 1000, 100, { 'tokenledger.decision.rule': 'R-fire' }),
      tool(T0 + DAY + 20, 'fraud_check', '{"claim":"U-2"}'),
    ],
    { region: 'na' },
  );
  await send('claims', 'U-3', T0 + 2 * DAY, [chat(T0 + 2 * DAY + 10, 'gpt-4o', 10_000, 1000)], {
    region: 'na',
  });
  await send('claims', 'U-4', T0 + 3 * DAY, [chat(T0 + 3 * DAY + 10, 'gpt-4o', 1000, 100)], emea);
  await send('claims', 'U-5', T0 + 4 * DAY, [chat(T0 + 4 * DAY + 10, 'gpt-4o', 1000, 100)], {
    region: 'na',
  });
  await send('support', 'S-1', T0 + 3 * DAY, [chat(T0 + 3 * DAY + 10, 'gpt-4o', 1000, 100)], emea);
  const at = (ms: number) => new Date(ms).toISOString();
  await outcomes([
    {
      workUnitId: 'U-1',
      workflow: 'claims',
      status: 'resolved',
      resolvedBy: 'ai',
      occurredAt: at(T0 + 2 * 3_600_000),
    },
    { workUnitId: 'U-2', workflow: 'claims', status: 'failed', occurredAt: at(T0 + DAY + 60_000) },
    {
      workUnitId: 'U-3',
      workflow: 'claims',
      status: 'resolved',
      resolvedBy: 'human',
      humanMinutes: 20,
      attributes: { region: 'apac' },
      occurredAt: at(T0 + 2 * DAY + 60_000),
    },
    {
      workUnitId: 'U-5',
      workflow: 'claims',
      status: 'abandoned',
      occurredAt: at(T0 + 4 * DAY + 60_000),
    },
  ]);
  await loadLeads();
});
afterAll(async () => {
  await server.dispose();
});

const outline = (s: TrajectoryStep): unknown => [
  s.stepName,
  s.kind,
  s.costUsdExact,
  s.markers,
  s.children.map(outline),
];

describe('GET /api/v1/work-units/{id}/trajectory', () => {
  it('shows both attempts with the exact tree, costs and markers', async () => {
    const { status, body } = await server.getJson<Trajectory>('/api/v1/work-units/U-1/trajectory');
    expect(status).toBe(200);
    expect([body.workflow, body.result, body.tokenCostUsdExact]).toEqual([
      'claims',
      'success',
      '0.014',
    ]);
    expect(
      body.attempts.map((a) => [
        a.attempt,
        a.success,
        a.retry,
        a.costUsdExact,
        a.startTime,
        a.durationMs,
      ]),
    ).toEqual([
      [1, false, false, '0.007', '2026-01-01T00:00:00.000000000Z', 1000],
      [2, true, true, '0.007', '2026-01-01T01:00:00.000000000Z', 300_030],
    ]);
    expect(body.attempts[0]?.steps.map(outline)).toEqual([
      [
        'handle',
        'other',
        '0',
        ['error'],
        [
          ['assess', 'llm', '0.0035', [], []],
          ['lookup_policy', 'tool', '0', [], []],
          ['lookup_policy', 'tool', '0', ['repeat'], []],
          ['assess', 'llm', '0.0035', [], []],
        ],
      ],
    ]);
    expect(body.attempts[1]?.steps.map(outline)).toEqual([
      [
        'handle',
        'other',
        '0',
        ['retry'],
        [
          ['assess', 'llm', '0.007', ['retry'], []],
          ['lookup_policy', 'tool', '0', ['retry'], []],
          ['adjuster-review', 'human', '0', ['retry'], []],
        ],
      ],
    ]);
    const [first, second] = body.attempts;
    const loop = first?.steps[0]?.children ?? [];
    expect(loop[2]?.repeatOf).toBe(loop[1]?.spanId);
    expect([loop[1]?.toolName, loop[1]?.argumentBytes]).toEqual(['lookup_policy', 16]);
    expect(first?.steps[0]?.statusMessage).toBe('policy lookup looped');
    expect(loop[3]?.decision).toEqual({
      rule: 'R-water',
      precedent: null,
      other: { 'acme.clause': '4.2' },
    });
    const retry = second?.steps[0]?.children ?? [];
    expect(retry[0]?.decision).toEqual({ rule: 'R-water', precedent: 'CLM-P7', other: {} });
    expect(retry[0]?.tokens).toEqual({
      input: 2000,
      output: 200,
      cacheRead: null,
      cacheWrite: null,
      reasoning: null,
    });
    expect([retry[2]?.humanMinutes, second?.humanMinutes]).toEqual([5, 5]);
    expect((await server.getJson('/api/v1/work-units/nobody/trajectory')).status).toBe(404);
  });
});

async function search(query: string): Promise<WorkUnitSearchView> {
  const { status, body } = await server.getJson<WorkUnitSearchView>(`/api/v1/work-units?${query}`);
  expect(status).toBe(200);
  return body;
}
const ids = async (query: string) =>
  (await search(`workflow=claims&${query}`)).units.map((u) => u.workUnitId);

describe('GET /api/v1/work-units (search)', () => {
  it('returns units with outcome, attempts, cost, models, tools, rules and activity', async () => {
    const page = await search('workflow=claims&sort=start');
    expect(page.matched).toBe(5);
    expect(page.units[0]).toEqual({
      workUnitId: 'U-1',
      status: 'resolved',
      resolvedBy: 'ai',
      overridden: false,
      attempts: 2,
      tokenCostUsd: 0.014,
      tokenCostUsdExact: '0.014',
      unknownCostSteps: 0,
      models: ['gpt-4o'],
      tools: ['lookup_policy'],
      rules: ['R-water'],
      firstActivity: '2026-01-01T00:00:00.000000000Z',
      lastActivity: '2026-01-01T01:00:00.030000000Z',
    });
    expect(page.units.map((u) => [u.workUnitId, u.status])).toEqual([
      ['U-1', 'resolved'],
      ['U-2', 'failed'],
      ['U-3', 'resolved'],
      ['U-4', 'pending'],
      ['U-5', 'abandoned'],
    ]);
  });

  it('filters by each parameter', async () => {
    expect(await ids('status=resolved')).toEqual(['U-1', 'U-3']);
    expect(await ids('status=failed')).toEqual(['U-2']);
    expect(await ids('status=pending')).toEqual(['U-4']);
    expect(await ids('status=abandoned')).toEqual(['U-5']);
    expect(await ids('resolvedBy=human')).toEqual(['U-3']);
    expect(await ids('resolvedBy=ai')).toEqual(['U-1']);
    expect(await ids('attribute.region=emea')).toEqual(['U-1', 'U-4']);
    expect(await ids('attribute.region=apac')).toEqual(['U-3']); // the outcome's value wins
    expect(await ids('attribute.region=na')).toEqual(['U-2', 'U-5']);
    expect(await ids('minCostUsd=0.01')).toEqual(['U-1', 'U-3']);
    expect(await ids('minCostUsd=0.014')).toEqual(['U-1', 'U-3']); // inclusive: U-1 costs 0.014
    expect(await ids('maxCostUsd=0.0035')).toEqual(['U-2', 'U-4', 'U-5']); // inclusive
    expect(await ids('minCostUsd=0.004&maxCostUsd=0.02')).toEqual(['U-1']);
    expect(await ids('model=gpt-4o-mini')).toEqual(['U-2']);
    expect(await ids('tool=lookup_policy')).toEqual(['U-1']);
    expect(await ids('tool=fraud_check')).toEqual(['U-2']);
    expect(await ids('rule=R-water')).toEqual(['U-1']);
    expect(await ids('rule=R-fire')).toEqual(['U-2']);
    expect(await ids('from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z')).toEqual(['U-2', 'U-3']);
    expect(await ids('status=resolved&attribute.region=emea&model=gpt-4o')).toEqual(['U-1']);
    // The dashboard's spelling of the same filter, which its links carry.
    expect(await ids('attr.region=emea')).toEqual(['U-1', 'U-4']);
    expect((await search('workflow=support')).units.map((u) => u.workUnitId)).toEqual(['S-1']);
  });

  it('sorts by cost either way and pages with a cursor', async () => {
    expect(await ids('sort=-cost')).toEqual(['U-3', 'U-1', 'U-5', 'U-4', 'U-2']);
    const pages: string[][] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await search(
        `workflow=claims&sort=cost&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.matched).toBe(5);
      pages.push(page.units.map((u) => u.workUnitId));
      cursor = page.nextCursor;
    }
    expect(pages).toEqual([['U-2', 'U-4'], ['U-5', 'U-1'], ['U-3']]);
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const bad = async (query: string) => {
      const { status, body } = await server.getJson<{ error: string }>(
        `/api/v1/work-units?${query}`,
      );
      return [status, body.error];
    };
    expect(await bad('status=resolved')).toEqual([
      400,
      'workflow: required (search one workflow at a time)',
    ]);
    expect(await bad('workflow=claims&wasteClass=slow')).toEqual([
      400,
      expect.stringMatching(/^wasteClass: Invalid option/),
    ]);
    expect(await bad('workflow=claims&resolvedBy=robot')).toEqual([
      400,
      'resolvedBy: Invalid option: expected one of "ai"|"human"|"bpo"',
    ]);
    expect(await bad('workflow=claims&maxCostUsd=cheap')).toEqual([
      400,
      'maxCostUsd: must be a non-negative decimal amount in USD, like 0.25',
    ]);
    expect(await bad('workflow=claims&limit=x')).toEqual([
      400,
      'limit: Invalid input: expected number, received NaN',
    ]);
    expect(await bad('workflow=claims&attribute.region=emea&attr.region=na')).toEqual([
      400,
      'attr.region: the attribute region is given twice; give it once',
    ]);
  });
});

/**
 * leads: 6 AI-resolved (5 size=small, 1 large; one attempt each, rule R-simple, gpt-4o 1,000/100 =
 * $0.0035) and 6 failed (5 large, 1 small; two attempts each, rule R-complex, gpt-4o 2,000/200 =
 * $0.007 each); one abandoned and one pending unit (left out).
 * Success: 6 units, 6 attempts, $0.021. Failed: 6 units, 12 attempts, $0.084.
 * R-complex: 12 of 12 failed attempts, 0 of 6 successful: +100 points; $0.084 spent failing.
 * R-simple: 0% against 100%: −100 points. size=large: 5 of 6 failed leads (83.3%) against 1 of 6
 * AI-resolved (16.7%): +66.7 points; per attempt $0.07 / 10 = $0.007 failing against $0.0035
 * succeeding: $0.0035 more. size=small: −66.7. Model gpt-4o and step assess: on every attempt, 0.
 * Minimum support max(5, 2% of 12) = 5 units.
 */
async function loadLeads(): Promise<void> {
  const records: unknown[] = [];
  for (let i = 0; i < 14; i++) {
    const unit = `L-${i}`;
    const at = T0 + 10 * DAY + i * 60_000;
    const success = i < 6;
    const size = success ? (i < 5 ? 'small' : 'large') : i < 11 ? 'large' : 'small';
    const rule = success ? 'R-simple' : 'R-complex';
    const tokens: [number, number] = success ? [1000, 100] : [2000, 200];
    const attempts = success || i >= 12 ? 1 : 2;
    for (let a = 0; a < attempts; a++)
      await send(
        'leads',
        unit,
        at + a * 1000,
        [chat(at + a * 1000 + 10, 'gpt-4o', ...tokens, { 'tokenledger.decision.rule': rule })],
        { size },
      );
    if (success)
      records.push({ workUnitId: unit, workflow: 'leads', status: 'resolved', resolvedBy: 'ai' });
    else if (i < 12)
      records.push({ workUnitId: unit, workflow: 'leads', status: i % 2 ? 'failed' : 'escalated' });
    else if (i === 12) records.push({ workUnitId: unit, workflow: 'leads', status: 'abandoned' });
  }
  await outcomes(records);
}

describe('GET /api/v1/workflows/{workflow}/compare', () => {
  it('ranks the rule and the attribute that separate success from failure, with their cost', async () => {
    const { status, body } = await server.getJson<OutcomeComparison>(
      '/api/v1/workflows/leads/compare',
    );
    expect(status).toBe(200);
    expect(body.success).toMatchObject({
      units: 6,
      attempts: 6,
      tokenCostUsdExact: '0.021',
      costPerAttemptUsd: 0.0035,
    });
    expect(body.failed).toMatchObject({
      units: 6,
      attempts: 12,
      tokenCostUsdExact: '0.084',
      costPerAttemptUsd: 0.007,
    });
    expect([body.excludedUnits, body.minSupportUnits, body.note]).toEqual([2, 5, null]);
    expect(body.findings.map((f) => [f.kind, f.value, f.differencePoints])).toEqual([
      ['rule', 'R-complex', 100],
      ['rule', 'R-simple', -100],
      ['attribute', 'size=large', 66.7],
      ['attribute', 'size=small', -66.7],
    ]);
    const large = body.findings[2];
    expect(large?.success).toEqual({
      units: 1,
      attempts: 1,
      share: 1 / 6,
      costPerAttemptUsd: 0.0035,
    });
    expect(large?.failed).toEqual({
      units: 5,
      attempts: 10,
      share: 5 / 6,
      costPerAttemptUsd: 0.007,
    });
    expect([large?.costPerAttemptDifferenceUsd, large?.failedTokenCostUsdExact]).toEqual([
      0.0035,
      '0.07',
    ]);
    expect(large?.sentence).toBe(
      'Leads with size=large: 83% of failed leads against 17% of AI-resolved ones (+67 points); an attempt with it costs $0.0070 in tokens when it fails against $0.0035 when it succeeds; failed attempts with it spent $0.070.',
    );
    const assess = body.steps.find((s) => s.stepName === 'assess');
    expect(assess).toMatchObject({
      success: { calls: 6, meanCostUsd: 0.0035, meanInputTokens: 1000 },
      failed: { calls: 12, meanCostUsd: 0.007, meanInputTokens: 2000 },
      costPerCallDifferenceUsd: 0.0035,
      inputTokensDifference: 1000,
    });
  });

  it('narrows by attribute and range, and refuses unknown parameters', async () => {
    const { body } = await server.getJson<OutcomeComparison>(
      '/api/v1/workflows/leads/compare?attribute.size=large',
    );
    expect([body.success.units, body.failed.units]).toEqual([1, 5]);
    const early = await server.getJson<OutcomeComparison>(
      '/api/v1/workflows/leads/compare?to=2026-01-02T00:00:00Z',
    );
    expect(early.body.note).toBe(
      'Nothing to compare: 0 AI-resolved and 0 failed leads in this range.',
    );
    const bad = await server.getJson<{ error: string }>(
      '/api/v1/workflows/leads/compare?sort=cost',
    );
    expect([bad.status, bad.body.error]).toEqual([400, 'unknown parameter sort']);
  });
});

describe('tokenledger trajectory ID', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      out: (t) => {
        out += `${t}\n`;
      },
      err: (t) => {
        err += `${t}\n`;
      },
    });
    return { code, out, err };
  }

  it('prints the attempts and the step tree with cost and markers', async () => {
    const { code, out } = await cli(['trajectory', 'U-1', '--url', server.url]);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      'U-1 (claims): resolved by ai [success]; $0.0140 in tokens over 2 attempt(s)',
    );
    expect(lines).toContain(
      'attempt 1: failed, started 2026-01-01T00:00:00.000000000Z, 1.0 s, $0.007000, trace ' +
        (await server.getJson<Trajectory>('/api/v1/work-units/U-1/trajectory')).body.attempts[0]
          ?.traceIds[0],
    );
    expect(out).toMatch(
      /^ {2}lookup_policy +tool +— +— +— +\$0\.0000 +\[repeat of [0-9a-f]{16}\]; tool lookup_policy \(16 B args\)$/m,
    );
    expect(out).toMatch(
      /^ {2}assess +llm +gpt-4o +1000 +100 +\$0\.003500 +rule R-water; acme\.clause=4\.2$/m,
    );
    expect(out).toMatch(/^attempt 2 \[retry\]: succeeded, /m);
    expect(out).toMatch(/^ {2}adjuster-review +human .* human 5 min$/m);
    const json = await cli(['trajectory', 'U-1', '--url', server.url, '--format', 'json']);
    const http = await server.getJson<Trajectory>('/api/v1/work-units/U-1/trajectory');
    expect(JSON.parse(json.out)).toEqual(http.body);
    const missing = await cli(['trajectory', 'nobody', '--url', server.url]);
    expect([missing.code, missing.err.trim()]).toEqual([1, `no work unit nobody in ${server.url}`]);
    const bad = await cli(['trajectory', 'U-1', '--format', 'xml', '--url', server.url]);
    expect([bad.code, bad.err.trim()]).toEqual([
      1,
      'tokenledger trajectory: --format must be tree or json, got "xml"',
    ]);
  });
});
