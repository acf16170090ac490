/** The OpenAPI entries of the allocation routes (routes/allocation.ts), appended to ROUTES. */
import type { RouteDoc } from './openapi.js';

type Schema = Record<string, unknown>;
const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] };
const json = (schema: Schema, description: string): Schema => ({
  description,
  content: { 'application/json': { schema } },
});
const money = { type: 'string', description: 'USD as an exact decimal string' };

const recommendation: Schema = {
  type: 'object',
  properties: {
    workflow: { type: 'string' },
    kind: {
      enum: ['expand', 'cap_retries', 'reroute', 'keep_human', 'replace_bpo', 'investigate'],
    },
    explanation: { type: 'string' },
    figures: { type: 'object' },
    perMonthUsd: { type: ['string', 'null'], description: 'expected saving or gain per 30 days' },
  },
  required: ['workflow', 'kind', 'explanation', 'figures', 'perMonthUsd'],
};

export const ALLOCATION_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/workflows/{workflow}/marginal',
    summary:
      'Marginal value of spend: conditional success per attempt, retry caps with expected cost per unit, the fallback used, model tiers per step, context bands, evidence statements',
    parameters: [
      { name: 'workflow', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'from', in: 'query', schema: { type: 'string' } },
      { name: 'to', in: 'query', schema: { type: 'string' } },
    ],
    responses: {
      '200': json({ type: 'object' }, 'the marginal view'),
      '400': json(error, 'bad range'),
      '404': json(error, 'no decided units'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/allocate',
    summary:
      'Spreads an inference budget over workflows by marginal value per dollar; the plan against today',
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              budgetUsd: { type: ['string', 'number'], description: 'non-negative USD' },
              period: { enum: ['day', 'week', 'month'], default: 'month' },
              volumes: {
                type: 'object',
                additionalProperties: { type: 'number', minimum: 0 },
                description:
                  'expected units per workflow in the period (default: observed, scaled)',
              },
            },
            required: ['budgetUsd'],
          },
        },
      },
    },
    responses: {
      '200': json(
        {
          type: 'object',
          properties: {
            budgetUsd: money,
            unspentUsd: money,
            total: { type: 'object', properties: { savingUsd: money } },
          },
        },
        'the plan',
      ),
      '400': json(error, 'invalid body, naming field and rule'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/recommendations',
    summary:
      'Per workflow: expand, cap_retries, reroute, keep_human, replace_bpo, investigate, each with figures and money per month',
    parameters: [{ name: 'workflow', in: 'query', schema: { type: 'string' } }],
    responses: {
      '200': json(
        {
          type: 'object',
          properties: { recommendations: { type: 'array', items: recommendation } },
        },
        'recommendations',
      ),
    },
  },
];
