/**
 * The OpenAPI 3.1 description of every route the server answers, served at /api/openapi.json.
 * Kept beside the routes and checked by a test that every mounted route is described.
 */

import { ALLOCATION_ROUTES } from './allocation-openapi.js';
import { BUDGET_ROUTES } from './openapi-budgets.js';
import { error, json, ONE_WORKFLOW, RANGE, type Schema } from './openapi-parts.js';
import { SPEND_FLOW_ROUTES } from './spend-flow-openapi.js';
import { TRAJECTORY_ROUTES } from './trajectory-openapi.js';
import { WASTE_ROUTES } from './waste-openapi.js';

const money = { type: 'number', description: 'USD, rendered from an exact decimal sum' };
const nullableMoney = {
  type: ['number', 'null'],
  description: 'USD; null when unknown or undefined',
};
const ratio = { type: ['number', 'null'], description: 'null when the denominator is zero' };

const step: Schema = {
  type: 'object',
  properties: {
    spanId: { type: 'string' },
    parentSpanId: { type: ['string', 'null'] },
    kind: { enum: ['llm', 'embedding', 'tool', 'retrieval', 'agent', 'human', 'other'] },
    name: { type: 'string' },
    model: { type: ['string', 'null'] },
    provider: { type: ['string', 'null'] },
    inputTokens: { type: ['integer', 'null'] },
    outputTokens: { type: ['integer', 'null'] },
    cacheReadTokens: { type: ['integer', 'null'] },
    cacheWriteTokens: { type: ['integer', 'null'] },
    reasoningTokens: { type: ['integer', 'null'] },
    costUsd: nullableMoney,
    providedCostUsd: nullableMoney,
    priced: { type: 'boolean' },
    pricingStatus: { enum: ['priced', 'unpriced', 'usage_unknown', 'no_usage'] },
    priceId: { type: ['string', 'null'] },
    usageCounted: { type: 'boolean' },
    usageExclusion: { type: ['string', 'null'] },
    convention: { type: 'string' },
    attributes: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

const trace: Schema = {
  type: 'object',
  properties: {
    traceId: { type: 'string' },
    steps: { type: 'array', items: step },
    totals: {
      type: 'object',
      properties: {
        inputTokens: { type: 'integer' },
        outputTokens: { type: 'integer' },
        costUsd: money,
        costUsdExact: { type: 'string' },
        unpricedSteps: { type: 'integer' },
        usageUnknownSteps: { type: 'integer' },
      },
    },
  },
};

export const WORKFLOW_FIELDS: Schema = {
  type: 'object',
  properties: {
    workflow: { type: 'string' },
    units: { type: 'integer' },
    resolvedUnits: { type: 'integer' },
    attemptSuccessRate: ratio,
    firstPassRate: ratio,
    attemptsPerResolved: ratio,
    tokenCostUsd: money,
    tokenCostPerResolvedUsd: nullableMoney,
    humanCostUsd: nullableMoney,
    fullyLoadedCostPerResolvedUsd: nullableMoney,
    bpoPricePerUnitUsd: nullableMoney,
    laborCostPerUnitUsd: nullableMoney,
    valuePerInferenceDollar: ratio,
    expensiveFailureShare: ratio,
    retryOverheadShare: ratio,
    costSpread: {
      type: 'object',
      properties: { p50: nullableMoney, p95: nullableMoney, max: nullableMoney, maxOverMin: ratio },
    },
  },
};

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  parameters?: Schema[];
  requestBody?: Schema;
  responses: Record<string, Schema>;
}

export const ROUTES: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/traces',
    summary: 'OTLP/HTTP trace export (application/x-protobuf or application/json, gzip or not)',
    responses: {
      '200': {
        description: 'ExportTraceServiceResponse, with partial_success when spans were refused',
      },
      '400': { description: 'google.rpc.Status naming the field and rule' },
      '413': { description: 'body over maxBodyBytes' },
      '415': { description: 'unsupported content type or encoding' },
      '503': { description: 'store unavailable; retry' },
    },
  },
  {
    method: 'get',
    path: '/api/v1/traces/{traceId}',
    summary: 'A captured trace: its steps with tokens and cost, and totals over the counted steps',
    parameters: [
      {
        name: 'traceId',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' },
      },
    ],
    responses: {
      '200': json(trace, 'the trace'),
      '400': json(error, 'malformed id'),
      '404': json(error, 'not captured'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/spend/totals',
    summary: 'Spend over every counted step, with unpriced steps and tokens',
    responses: { '200': json({ type: 'object' }, 'totals') },
  },
  {
    method: 'get',
    path: '/api/v1/prices/unpriced',
    summary: 'Models seen with usage but no price, with their token volume',
    responses: {
      '200': json({ type: 'object', properties: { models: { type: 'array' } } }, 'unpriced models'),
    },
  },
  {
    method: 'post',
    path: '/v1/outcomes',
    summary:
      'Record outcomes of work units: a JSON array, one object, or NDJSON (application/x-ndjson)',
    responses: {
      '200': json(
        {
          type: 'object',
          properties: { accepted: { type: 'integer' }, rejected: { type: 'array' } },
        },
        'valid records stored; invalid ones listed',
      ),
      '400': json({ type: 'object' }, 'no valid record'),
      '413': json(error, 'body too large'),
      '415': json(error, 'unsupported content type'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/workflows',
    summary: 'Unit economics of every workflow (docs/metrics.md)',
    parameters: [
      ...RANGE,
      {
        name: 'attr.KEY',
        in: 'query',
        schema: { type: 'string' },
        description:
          'only units whose business attribute KEY has this value (the outcome’s, else the linking span’s); at most one',
      },
    ],
    responses: {
      '200': json(
        { type: 'object', properties: { workflows: { type: 'array', items: WORKFLOW_FIELDS } } },
        'workflows',
      ),
      '400': json(error, 'bad range'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/workflows/{workflow}',
    summary:
      'One workflow: economics, segments per business attribute, drivers as sentences, daily series',
    parameters: ONE_WORKFLOW,
    responses: {
      '200': json({ type: 'object' }, 'the workflow'),
      '404': json(error, 'no units in range'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/workflows/{workflow}/daily',
    summary:
      "One workflow's economics over the range and per UTC day (the overview's trend), without the segments and drivers of /api/v1/workflows/{workflow}",
    parameters: ONE_WORKFLOW,
    responses: {
      '200': json(
        {
          type: 'object',
          properties: {
            workflow: WORKFLOW_FIELDS,
            series: { type: 'array', items: WORKFLOW_FIELDS },
          },
        },
        'the workflow and its days',
      ),
      '404': json(error, 'no units in range'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/workflows/{workflow}/cost-distribution',
    summary:
      "How a workflow's work units spread over token cost: geometric bands from the cheapest to the dearest unit, each with its units by outcome (resolved, unresolved, awaiting an outcome), exact cost and shares; units without cost counted apart",
    parameters: [
      ...ONE_WORKFLOW,
      {
        name: 'bands',
        in: 'query',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
    ],
    responses: {
      '200': json({ type: 'object' }, 'the bands (empty when no unit has a cost)'),
      '400': json(error, 'bad range or bands'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/work-units/{id}',
    summary:
      'One work unit: its attempts in order with every step and cost, and its latest outcome',
    parameters: [
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      {
        name: 'workflow',
        in: 'query',
        schema: { type: 'string' },
        description: 'when ids repeat across workflows',
      },
    ],
    responses: { '200': json({ type: 'object' }, 'the unit'), '404': json(error, 'never seen') },
  },
  {
    method: 'get',
    path: '/api/v1/baselines',
    summary: 'Baselines of every workflow',
    responses: { '200': json({ type: 'object' }, 'baselines') },
  },
  {
    method: 'get',
    path: '/api/v1/workflows/{workflow}/baseline',
    summary:
      "A workflow's baseline: BPO price, labour minutes and rate, value, fixed cost per attempt",
    parameters: [{ name: 'workflow', in: 'path', required: true, schema: { type: 'string' } }],
    responses: { '200': json({ type: 'object' }, 'the baseline'), '404': json(error, 'none set') },
  },
  {
    method: 'put',
    path: '/api/v1/workflows/{workflow}/baseline',
    summary: 'Sets a workflow baseline (the config file shape; amounts as decimal strings)',
    parameters: [{ name: 'workflow', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      '200': json({ type: 'object' }, 'the stored baseline'),
      '400': json(error, 'invalid, naming field and rule'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/teams',
    summary: 'Unit economics per owning team',
    parameters: RANGE,
    responses: { '200': json({ type: 'object' }, 'teams') },
  },
  {
    method: 'get',
    path: '/api/v1/spend',
    summary: 'Total, attributed, unattributed and unpriced spend',
    responses: { '200': json({ type: 'object' }, 'spend') },
  },
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    responses: { '200': json({ type: 'object' }, 'ok') },
  },
  ...ALLOCATION_ROUTES,
  ...BUDGET_ROUTES,
  ...TRAJECTORY_ROUTES,
  ...WASTE_ROUTES,
  ...SPEND_FLOW_ROUTES,
];

export function openApiDocument(routes: readonly RouteDoc[] = ROUTES): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of routes) {
    const { method, path, ...operation } = route;
    paths[path] = { ...(paths[path] ?? {}), [method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'tokenledger',
      version: '0.1.0',
      description:
        'What each dollar of AI inference bought: capture, exact pricing and unit economics per completed outcome.',
    },
    paths,
  };
}
