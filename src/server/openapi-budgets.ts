/** OpenAPI descriptions of the budget routes (merged into ROUTES by openapi.ts). */
import type { RouteDoc } from './openapi.js';

type Schema = Record<string, unknown>;

const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] };
const json = (schema: Schema, description: string): Schema => ({
  description,
  content: { 'application/json': { schema } },
});
const usd = { type: 'string', description: 'exact decimal USD' };

const budget: Schema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    team: { type: ['string', 'null'] },
    workflow: { type: ['string', 'null'] },
    period: { enum: ['day', 'week', 'month'] },
    amountUsd: usd,
    thresholds: { type: 'array', items: { type: 'number' } },
    webhookUrl: { type: ['string', 'null'] },
  },
};

const budgetBody: Schema = {
  type: 'object',
  required: ['period', 'amountUsd'],
  description: 'team, workflow or both',
  properties: {
    team: { type: 'string' },
    workflow: { type: 'string' },
    period: { enum: ['day', 'week', 'month'], description: 'UTC; weeks start on Monday (ISO)' },
    amountUsd: { type: ['string', 'number'] },
    thresholds: { type: 'array', items: { type: 'number' }, default: [0.5, 0.8, 1] },
    webhookUrl: { type: 'string', format: 'uri' },
  },
  additionalProperties: false,
};

const status: Schema = {
  type: 'object',
  properties: {
    ...(budget.properties as Schema),
    periodStart: { type: 'string', format: 'date-time' },
    periodEnd: { type: 'string', format: 'date-time' },
    burnUsd: usd,
    unpricedSteps: {
      type: 'integer',
      description: 'covered model calls without a price this period: burn leaves their cost out',
    },
    remainingUsd: usd,
    percent: { type: 'number' },
    forecastP50Usd: { type: 'number' },
    forecastP95Usd: { type: 'number' },
    forecastObservedDays: { type: 'integer' },
    crossed: {
      type: 'array',
      items: { type: 'string' },
      description: '"0.5", "1", "forecast-over"',
    },
  },
};

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

export const BUDGET_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/budgets',
    summary: 'Every budget',
    responses: {
      '200': json(
        { type: 'object', properties: { budgets: { type: 'array', items: budget } } },
        'budgets',
      ),
    },
  },
  {
    method: 'put',
    path: '/api/v1/budgets/{id}',
    summary: 'Create or replace a budget',
    parameters: [idParam],
    requestBody: { required: true, content: { 'application/json': { schema: budgetBody } } },
    responses: { '200': json(budget, 'the budget'), '400': json(error, 'invalid field, named') },
  },
  {
    method: 'delete',
    path: '/api/v1/budgets/{id}',
    summary: 'Delete a budget',
    parameters: [idParam],
    responses: { '204': { description: 'deleted' }, '404': json(error, 'no such budget') },
  },
  {
    method: 'get',
    path: '/api/v1/budgets/status',
    summary: 'Burn, remaining, percent, forecast p50/p95 and crossed thresholds of every budget',
    responses: {
      '200': json(
        { type: 'object', properties: { budgets: { type: 'array', items: status } } },
        'statuses',
      ),
    },
  },
  {
    method: 'get',
    path: '/api/v1/budgets/check',
    summary: 'allow, warn or deny for a team and/or workflow, from the in-memory budget cache',
    parameters: [
      { name: 'team', in: 'query', schema: { type: 'string' } },
      { name: 'workflow', in: 'query', schema: { type: 'string' } },
    ],
    responses: {
      '200': json(
        {
          type: 'object',
          properties: {
            decision: { enum: ['allow', 'warn', 'deny'] },
            reason: { type: 'string' },
            remainingUsd: { type: ['string', 'null'] },
            budgets: { type: 'array', items: status },
          },
        },
        'the decision',
      ),
    },
  },
  {
    method: 'post',
    path: '/api/v1/budgets/evaluate',
    summary: 'Evaluate thresholds now and post alerts not yet delivered this period',
    responses: { '200': json({ type: 'object' }, 'alerts delivered and failed') },
  },
  {
    method: 'get',
    path: '/api/v1/export/focus',
    summary:
      'Attributed spend as a FOCUS 1.2 cost-and-usage dataset (one row per day, provider, model, workflow, work unit)',
    parameters: [
      {
        name: 'from',
        in: 'query',
        schema: { type: 'string' },
        description: 'ISO time, epoch ms or 7d',
      },
      { name: 'to', in: 'query', schema: { type: 'string' } },
      { name: 'format', in: 'query', schema: { enum: ['csv', 'parquet'], default: 'csv' } },
    ],
    responses: {
      '200': {
        description:
          'the dataset; headers x-focus-excluded-unpriced-steps (attributed steps without a price, left out), x-focus-unattributed-cost-usd, x-focus-billed-cost-usd',
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/vnd.apache.parquet': { schema: { type: 'string', format: 'binary' } },
        },
      },
      '400': json(error, 'invalid format or range'),
    },
  },
];
