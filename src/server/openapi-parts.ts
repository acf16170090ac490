/** Schema pieces the OpenAPI route documents share: JSON bodies, the error body, the report range. */
export type Schema = Record<string, unknown>;

export const error = {
  type: 'object',
  properties: { error: { type: 'string' } },
  required: ['error'],
};

export function json(schema: Schema, description: string): Schema {
  return { description, content: { 'application/json': { schema } } };
}

export const RANGE: Schema[] = [
  {
    name: 'from',
    in: 'query',
    schema: { type: 'string' },
    description: 'ISO time, epoch ms, or 7d back from now',
  },
  { name: 'to', in: 'query', schema: { type: 'string' } },
];

/** One workflow's units in a range, optionally those with one business attribute value. */
export const ONE_WORKFLOW: Schema[] = [
  { name: 'workflow', in: 'path', required: true, schema: { type: 'string' } },
  ...RANGE,
  {
    name: 'attr.KEY',
    in: 'query',
    schema: { type: 'string' },
    description: 'only units whose business attribute KEY has this value',
  },
];
