/** OpenAPI entries of the waste and routing-counterfactual routes (routes/waste.ts). */
import type { RouteDoc } from './openapi.js';
import { VIEW_FILTERS } from './spend-flow-openapi.js';

type Schema = Record<string, unknown>;
const json = (schema: Schema, description: string): Schema => ({
  description,
  content: { 'application/json': { schema } },
});
const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] };
const range: Schema[] = [
  {
    name: 'from',
    in: 'query',
    schema: { type: 'string' },
    description: 'ISO time, epoch ms, or 7d back from now (units by first activity)',
  },
  { name: 'to', in: 'query', schema: { type: 'string' } },
];
const workflow = { name: 'workflow', in: 'path', required: true, schema: { type: 'string' } };
const amount = {
  type: 'object',
  properties: {
    usd: { type: 'string', description: 'exact decimal' },
    usdNumber: { type: 'number' },
  },
};
const split: Schema = {
  type: 'object',
  description:
    'total = productive + awaitingOutcome + Σ classes, exactly; each class with count, examples, rule and evidence',
  properties: {
    workflow: { type: 'string' },
    total: amount,
    productive: amount,
    awaitingOutcome: amount,
    classes: { type: 'object' },
    sentence: { type: 'string' },
  },
};

export const WASTE_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/waste',
    summary:
      "Every workflow's token spend split into productive cost and waste classes, in dollars",
    parameters: VIEW_FILTERS,
    responses: {
      '200': json(
        { type: 'object', properties: { workflows: { type: 'array', items: split } } },
        'waste per workflow',
      ),
      '400': json(error, 'bad range or filter'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/waste/split',
    summary:
      "The dashboard overview's split: each workflow's amounts per class and count, without the evidence",
    parameters: VIEW_FILTERS,
    responses: {
      '200': json(
        {
          type: 'object',
          properties: {
            workflows: {
              type: 'array',
              items: {
                ...split,
                description:
                  'total = productive + awaitingOutcome + Σ classes, exactly; each class with usd, usdNumber and count',
              },
            },
          },
        },
        'the split per workflow',
      ),
      '400': json(error, 'bad range or filter'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/workflows/{workflow}/waste',
    summary: "One workflow's waste per class with the evidence that convicts it",
    parameters: [
      workflow,
      ...range,
      {
        name: 'attr.KEY',
        in: 'query',
        schema: { type: 'string' },
        description: 'only units whose business attribute KEY has this value',
      },
    ],
    responses: { '200': json(split, 'the split'), '404': json(error, 'no units in range') },
  },
  {
    method: 'get',
    path: '/api/v1/workflows/{workflow}/routing',
    summary:
      'What if a step ran on another model: cost at the same tokens, success evidence, cost per resolved outcome',
    parameters: [
      workflow,
      { name: 'step', in: 'query', required: true, schema: { type: 'string' } },
      {
        name: 'model',
        in: 'query',
        required: true,
        schema: { type: 'string' },
        description: 'catalog model id',
      },
      {
        name: 'successRate',
        in: 'query',
        schema: { type: 'number', minimum: 0, maximum: 1 },
        description: 'assumed attempt success rate; the observed one otherwise',
      },
    ],
    responses: {
      '200': json({ type: 'object' }, 'the counterfactual'),
      '400': json(error, 'unknown model (with close catalog matches) or bad parameter'),
      '404': json(error, 'the step has no judged calls'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/work-units/{id}/waste',
    summary:
      "One judged work unit's waste in dollars per class (total = Σ classes, exactly); references and success rates come from its workflow's units in from/to (all without a range)",
    parameters: [
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'workflow', in: 'query', required: true, schema: { type: 'string' } },
      ...range,
    ],
    responses: {
      '200': json(
        {
          type: 'object',
          properties: {
            workUnitId: { type: 'string' },
            workflow: { type: 'string' },
            total: amount,
            classes: { type: 'object', additionalProperties: amount },
          },
        },
        "the unit's waste split",
      ),
      '400': json(error, 'workflow missing'),
      '404': json(error, 'unknown unit, or awaiting its outcome'),
    },
  },
];
