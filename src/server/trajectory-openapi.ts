/** OpenAPI entries of the trajectory, work-unit search and compare routes (routes/trajectories.ts). */
import { waste } from '../analysis/index.js';
import type { RouteDoc } from './openapi.js';
import { error, json, RANGE } from './openapi-parts.js';

export const TRAJECTORY_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/work-units/{id}/trajectory',
    summary:
      "A unit's trajectory: attempts in time order (number, traces, start, duration, success, exact cost) each with its step tree; per step kind, step name, model, tokens by category, cost, usage exclusion, duration, status, documents, tool and argument bytes, human minutes, decision attributes and markers (retry, repeat, error)",
    parameters: [
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'workflow', in: 'query', schema: { type: 'string' } },
    ],
    responses: {
      '200': json({ type: 'object' }, 'the trajectory'),
      '404': json(error, 'never seen'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/work-units',
    summary:
      "Search one workflow's work units by outcome, business attribute, token cost range, model, tool, decision rule, waste class and first activity; keyset-paginated",
    parameters: [
      { name: 'workflow', in: 'query', required: true, schema: { type: 'string' } },
      {
        name: 'status',
        in: 'query',
        schema: { enum: ['resolved', 'failed', 'escalated', 'abandoned', 'pending'] },
      },
      { name: 'resolvedBy', in: 'query', schema: { enum: ['ai', 'human', 'bpo'] } },
      {
        name: 'attribute.KEY',
        in: 'query',
        schema: { type: 'string' },
        description:
          'business attribute KEY equals the value (outcome first, then linking span); attr.KEY, as the views spell it, is the same filter',
      },
      {
        name: 'minCostUsd',
        in: 'query',
        schema: { type: 'string', pattern: '^\\d+(\\.\\d{1,15})?$' },
      },
      {
        name: 'maxCostUsd',
        in: 'query',
        schema: { type: 'string', pattern: '^\\d+(\\.\\d{1,15})?$' },
      },
      { name: 'model', in: 'query', schema: { type: 'string' } },
      { name: 'tool', in: 'query', schema: { type: 'string' } },
      { name: 'rule', in: 'query', schema: { type: 'string' } },
      {
        name: 'wasteClass',
        in: 'query',
        schema: { enum: [...waste.WASTE_CLASSES] },
        description:
          'units carrying more than $0 of this waste class (judged units only); each unit then shows `waste` = its dollars of the class',
      },
      {
        name: 'minWasteUsd',
        in: 'query',
        schema: { type: 'string', pattern: '^\\d+(\\.\\d{1,15})?$' },
        description: 'with wasteClass: at least this many dollars of the class',
      },
      ...RANGE,
      { name: 'sort', in: 'query', schema: { enum: ['cost', '-cost', 'start', '-start'] } },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
      {
        name: 'cursor',
        in: 'query',
        schema: { type: 'string' },
        description: 'nextCursor of the previous page',
      },
    ],
    responses: {
      '200': json(
        {
          type: 'object',
          properties: {
            matched: { type: 'integer' },
            nextCursor: { type: ['string', 'null'] },
            units: { type: 'array' },
          },
        },
        'one page of matching units',
      ),
      '400': json(error, 'bad or unknown parameter, named'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/workflows/{workflow}/compare',
    summary:
      'Successful (AI-resolved) against failed trajectories: share of each step, tool, model, rule and attribute value on each side, the gap in points, cost per attempt on each side, ranked, as sentences; per-step cost and input tokens',
    parameters: [
      { name: 'workflow', in: 'path', required: true, schema: { type: 'string' } },
      ...RANGE,
      {
        name: 'attribute.KEY',
        in: 'query',
        schema: { type: 'string' },
        description: 'business attribute KEY equals the value; attr.KEY is the same filter',
      },
    ],
    responses: {
      '200': json({ type: 'object' }, 'the comparison'),
      '400': json(error, 'bad or unknown parameter, named'),
    },
  },
];
