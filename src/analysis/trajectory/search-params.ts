/**
 * Reads the work-unit search and compare query strings into store queries, with zod: every bad
 * parameter is refused by name and rule (`SearchParamError` → HTTP 400); unknown ones too, so a
 * misspelt filter never silently matches everything.
 */
import { z } from 'zod';
import { OUTCOME_STATUSES, RESOLVERS, usdToFemto } from '../../domain/index.js';
import {
  type CompareQuery,
  SEARCH_SORTS,
  type SearchCursor,
  type WorkUnitSearch,
} from '../../store/index.js';
import { parseRange, RangeError400 } from '../parse-range.js';
import { WASTE_CLASSES } from '../waste/index.js';
import type { SearchRequest } from './search-waste.js';

export class SearchParamError extends RangeError400 {
  override name = 'SearchParamError';
}

export const MAX_SEARCH_LIMIT = 500;
const ATTRIBUTE_PREFIX = 'attribute.';
/** The views' spelling of the same filter (`attr.KEY=value`), so a dashboard link carries over. */
const VIEW_ATTRIBUTE_PREFIX = 'attr.';

const text = z.string().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
const usd = z
  .string()
  .regex(/^\d+(\.\d{1,15})?$/, 'must be a non-negative decimal amount in USD, like 0.25');

const searchSchema = z
  .object({
    workflow: text,
    status: z.enum([...OUTCOME_STATUSES, 'pending']).optional(),
    resolvedBy: z.enum(RESOLVERS).optional(),
    minCostUsd: usd.optional(),
    maxCostUsd: usd.optional(),
    model: text.optional(),
    tool: text.optional(),
    rule: text.optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    sort: z.enum(SEARCH_SORTS).default('start'),
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_SEARCH_LIMIT, `must be at most ${MAX_SEARCH_LIMIT}`)
      .default(50),
    cursor: z.string().optional(),
    wasteClass: z.enum(WASTE_CLASSES).optional(),
    minWasteUsd: usd.optional(),
  })
  .strict();

const compareSchema = z
  .object({ workflow: text, from: z.string().optional(), to: z.string().optional() })
  .strict();

type Raw = Record<string, string[]>;

/** Splits `attribute.KEY=VALUE` (or `attr.KEY=VALUE`) parameters off; each may appear once. */
function flatten(raw: Raw): { plain: Record<string, string>; attributes: Record<string, string> } {
  const plain: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  for (const [name, values] of Object.entries(raw)) {
    if (values.length !== 1)
      throw new SearchParamError(`${name}: given ${values.length} times; give it once`);
    const value = values[0] ?? '';
    const prefix = [ATTRIBUTE_PREFIX, VIEW_ATTRIBUTE_PREFIX].find((p) => name.startsWith(p));
    if (prefix !== undefined) {
      const key = name.slice(prefix.length);
      if (key === '') throw new SearchParamError('attribute.KEY: the attribute key is missing');
      if (value === '') throw new SearchParamError(`${name}: must not be empty`);
      if (key in attributes)
        throw new SearchParamError(`${name}: the attribute ${key} is given twice; give it once`);
      attributes[key] = value;
    } else plain[name] = value;
  }
  return { plain, attributes };
}

function parseWith<T>(schema: z.ZodType<T>, input: Record<string, string>): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    throw new SearchParamError(`unknown parameter ${issue.keys.join(', ')}`);
  }
  throw new SearchParamError(`${issue?.path.join('.') || '(query)'}: ${issue?.message}`);
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.workUnitId])).toString(
    'base64url',
  );
}

function decodeCursor(text: string, sort: WorkUnitSearch['sort']): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const shape = z.tuple([z.enum(SEARCH_SORTS), z.string().regex(/^-?\d+(\.\d+)?$/), z.string()]);
  const result = shape.safeParse(parsed);
  if (!result.success) throw new SearchParamError('cursor: not a cursor this search returned');
  const [cursorSort, value, workUnitId] = result.data;
  if (cursorSort !== sort)
    throw new SearchParamError(`cursor: was made for sort=${cursorSort}, not sort=${sort}`);
  return { sort, value, workUnitId };
}

/** `workflow` comes from the query (search) or the path (compare) and is passed in the raw map. */
export function parseSearchQuery(raw: Raw): SearchRequest {
  const { plain, attributes } = flatten(raw);
  const q = parseWith(searchSchema, plain);
  const range = parseRange(q.from, q.to);
  const search: SearchRequest = { workflow: q.workflow, sort: q.sort, limit: q.limit, ...range };
  if (Object.keys(attributes).length > 0) search.attributes = attributes;
  if (q.status !== undefined) search.status = q.status;
  if (q.resolvedBy !== undefined) search.resolvedBy = q.resolvedBy;
  if (q.minCostUsd !== undefined) search.minCostFemto = usdToFemto(q.minCostUsd);
  if (q.maxCostUsd !== undefined) search.maxCostFemto = usdToFemto(q.maxCostUsd);
  if (
    search.minCostFemto !== undefined &&
    search.maxCostFemto !== undefined &&
    search.maxCostFemto < search.minCostFemto
  )
    throw new SearchParamError('maxCostUsd: must not be below minCostUsd');
  if (q.model !== undefined) search.model = q.model;
  if (q.tool !== undefined) search.tool = q.tool;
  if (q.rule !== undefined) search.rule = q.rule;
  if (q.cursor !== undefined) search.cursor = decodeCursor(q.cursor, q.sort);
  if (q.minWasteUsd !== undefined && q.wasteClass === undefined)
    throw new SearchParamError('minWasteUsd: needs wasteClass (the class whose dollars it bounds)');
  if (q.wasteClass !== undefined)
    search.waste = {
      wasteClass: q.wasteClass,
      ...(q.minWasteUsd !== undefined ? { minWasteFemto: usdToFemto(q.minWasteUsd) } : {}),
    };
  return search;
}

export function parseCompareQuery(raw: Raw): CompareQuery {
  const { plain, attributes } = flatten(raw);
  const q = parseWith(compareSchema, plain);
  const query: CompareQuery = { workflow: q.workflow, ...parseRange(q.from, q.to) };
  if (Object.keys(attributes).length > 0) query.attributes = attributes;
  return query;
}
