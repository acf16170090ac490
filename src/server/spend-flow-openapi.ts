/** OpenAPI entry of the spend flow (routes/spend-flow.ts) and the view filters it shares with /waste. */
import type { RouteDoc } from './openapi.js';

type Schema = Record<string, unknown>;
const text = { type: 'string' };

export const VIEW_FILTERS: Schema[] = [
  { name: 'from', in: 'query', schema: text, description: 'units by first activity' },
  { name: 'to', in: 'query', schema: text },
  {
    name: 'team',
    in: 'query',
    schema: text,
    description: "workflows whose baseline names this team; '(no team)' for none",
  },
  { name: 'workflow', in: 'query', schema: text },
  {
    name: 'attr.KEY',
    in: 'query',
    schema: text,
    description:
      "one business attribute, e.g. attr.segment=gold: the unit's latest outcome value, else its linking span's",
  },
];

export const SPEND_FLOW_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/spend/flow',
    summary: 'Token spend of work units from team to workflow to model to attempt verdict',
    parameters: VIEW_FILTERS,
    responses: {
      '200': {
        description: 'links add up exactly to total (docs/metrics.md "Spend flow")',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                total: { type: 'object', properties: { usd: text, usdNumber: { type: 'number' } } },
                links: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      team: text,
                      workflow: text,
                      model: text,
                      outcome: {
                        type: 'string',
                        enum: ['resolved', 'failedAttempts', 'abandoned', 'awaitingOutcome'],
                      },
                      usd: { type: 'string', description: 'exact decimal' },
                      usdNumber: { type: 'number' },
                      steps: { type: 'integer' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      '400': { description: 'bad range or more than one attr.* filter' },
    },
  },
];
