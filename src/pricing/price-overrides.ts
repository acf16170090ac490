/**
 * The user's price file: contract prices, custom and self-hosted models, discounts on catalog
 * prices and service-tier multipliers. Validated with zod; every error names file, JSON path, rule.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const DECIMAL = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/;

/** A decimal string or a number, kept as its exact decimal text. */
const amount = z
  .union([z.string(), z.number()], { error: 'must be a decimal amount (string or number)' })
  .refine((value) => DECIMAL.test(String(value).trim()), {
    error: 'must be a non-negative decimal amount such as "2.5"',
  })
  .transform((value) => String(value).trim());

const fraction = amount.refine((value) => Number(value) <= 1, {
  error: 'must be a fraction between 0 and 1 ("0.15" = 15% off)',
});

const multiplier = amount.refine((value) => Number(value) > 0, {
  error: 'must be a positive multiplier such as "0.5"',
});

const day = z
  .string({ error: 'must be a date string YYYY-MM-DD' })
  .refine((value) => DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), {
    error: 'must be a UTC date YYYY-MM-DD',
  });

const modelPattern = z
  .string({ error: 'must be a model name, a /regex/ or a glob' })
  .min(1, { error: 'must not be empty' })
  .refine((value) => compilesIfRegex(value), { error: 'is not a valid /regex/' });

const tier = z.strictObject({
  aboveInputTokens: z.number({ error: 'must be a token count' }).int().nonnegative(),
  inputPerMTok: amount,
  outputPerMTok: amount,
  cacheReadPerMTok: amount.optional(),
  cacheWritePerMTok: amount.optional(),
  cacheWrite1hPerMTok: amount.optional(),
});

const entry = z
  .strictObject({
    id: z.string().min(1, { error: 'must not be empty' }).optional(),
    model: modelPattern.optional(),
    provider: z.string().min(1, { error: 'must not be empty' }).optional(),
    startDate: day.optional(),
    endDate: day.optional(),
    inputPerMTok: amount.optional(),
    outputPerMTok: amount.optional(),
    cacheReadPerMTok: amount.optional(),
    cacheWritePerMTok: amount.optional(),
    cacheWrite1hPerMTok: amount.optional(),
    discount: fraction.optional(),
    tiers: z.array(tier).optional(),
  })
  .superRefine((value, ctx) => {
    const priced = value.inputPerMTok !== undefined || value.outputPerMTok !== undefined;
    const fail = (path: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (priced) {
      if (value.id === undefined) fail('id', 'a price entry needs an id (recorded as priceId)');
      if (value.model === undefined) fail('model', 'a price entry needs a model');
      if (value.inputPerMTok === undefined)
        fail('inputPerMTok', 'a price entry needs inputPerMTok');
      if (value.outputPerMTok === undefined)
        fail('outputPerMTok', 'a price entry needs outputPerMTok');
    } else {
      if (value.discount === undefined) {
        fail('inputPerMTok', 'an entry needs inputPerMTok and outputPerMTok, or a discount');
      }
      if (value.model === undefined && value.provider === undefined) {
        fail('provider', 'a catalog discount needs a provider or a model');
      }
      if (value.tiers !== undefined) fail('tiers', 'tiers need inputPerMTok and outputPerMTok');
    }
    if (value.startDate && value.endDate && value.endDate <= value.startDate) {
      fail('endDate', 'must be after startDate');
    }
  });

const overridesSchema = z.strictObject({
  version: z.string({ error: 'must be a string naming this price file version' }).min(1),
  prices: z.array(entry, { error: 'must be an array of price entries' }).default([]),
  serviceTiers: z
    .record(z.string(), multiplier, { error: 'must map tier names to multipliers' })
    .default({}),
});

/** A validated price file; amounts are exact decimal strings, dates are UTC days. */
export type PriceOverrides = z.output<typeof overridesSchema>;
export type PriceOverrideEntry = PriceOverrides['prices'][number];

export class PriceOverridesError extends Error {
  override name = 'PriceOverridesError';
}

/** Reads and validates a price file; throws `PriceOverridesError` naming the file, path and rule. */
export async function loadPriceOverrides(path: string): Promise<PriceOverrides> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PriceOverridesError(`${path}: cannot read price file: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PriceOverridesError(`${path}: $: not valid JSON: ${(error as Error).message}`);
  }
  return parsePriceOverrides(json, path);
}

/** Validates already-parsed JSON; `source` names it in errors. */
export function parsePriceOverrides(json: unknown, source: string): PriceOverrides {
  const result = overridesSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `${source}: ${jsonPath(issue.path)}: ${issue.message}`,
  );
  throw new PriceOverridesError(lines.join('\n'));
}

function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function compilesIfRegex(pattern: string): boolean {
  const literal = REGEX_LITERAL.exec(pattern);
  if (!literal) return true;
  try {
    new RegExp(literal[1] ?? '', literal[2]);
    return true;
  } catch {
    return false;
  }
}
