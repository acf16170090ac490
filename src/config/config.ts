/**
 * The only reader of `process.env` and of the config file. Precedence: command-line flags, then
 * `TOKENLEDGER_*` environment variables, then the config file, then defaults.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import {
  type AttributionRules,
  type Budget,
  NO_ATTRIBUTION_RULES,
  usdToFemto,
  type WorkflowBaseline,
} from '../domain/index.js';

export const DEFAULT_PORT = 4318;
export const DEFAULT_DB_PATH = './tokenledger-data/tokenledger.duckdb';

const usd = z
  .union([z.string(), z.number()])
  .refine(
    (value) => /^\d+(\.\d+)?$/.test(String(value).trim()),
    'must be a non-negative decimal amount',
  );

export const baselineSchema = z
  .object({
    team: z.string().min(1).optional(),
    unitName: z.string().min(1).max(40).optional(),
    bpoPricePerUnitUsd: usd.optional(),
    laborMinutesPerUnit: z.number().nonnegative().optional(),
    loadedHourlyRateUsd: usd.optional(),
    valuePerResolvedUsd: usd.optional(),
    fixedCostPerAttemptUsd: usd.optional(),
  })
  .strict();

/** A budget's body in the API and (with its `id`) in the config file's `budgets` array. */
export const budgetSchema = z
  .object({
    team: z.string().min(1).optional(),
    workflow: z.string().min(1).optional(),
    period: z.enum(['day', 'week', 'month']),
    amountUsd: usd,
    thresholds: z
      .array(z.number().gt(0, 'must be above 0').max(10, 'must be at most 10'))
      .min(1)
      .default([0.5, 0.8, 1.0]),
    webhookUrl: z.url().optional(),
  })
  .strict()
  .refine((b) => b.team !== undefined || b.workflow !== undefined, {
    message: 'a budget needs a team, a workflow or both',
  });

export const budgetIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores');

const budgetAlertsSchema = z
  .object({
    webhookUrl: z.url().optional(),
    evaluateIntervalMs: z.number().int().min(100).optional(),
    cacheRefreshMs: z.number().int().min(10).optional(),
    attempts: z.number().int().min(1).max(20).optional(),
    retryBaseMs: z.number().int().min(0).optional(),
  })
  .strict();

export type BudgetAlertSettings = z.infer<typeof budgetAlertsSchema>;

const attributionSchema = z
  .object({
    workUnitKeys: z.array(z.string().min(1)).default([]),
    workflowKeys: z.array(z.string().min(1)).default([]),
    attemptKeys: z.array(z.string().min(1)).default([]),
  })
  .strict();

const fileSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    host: z.string().min(1).optional(),
    db: z.string().min(1).optional(),
    prices: z.string().min(1).optional(),
    maxBodyBytes: z.number().int().positive().optional(),
    attribution: attributionSchema.optional(),
    workflows: z.record(z.string().min(1), baselineSchema).optional(),
    decisionKeys: z.array(z.string().min(1)).optional(),
    budgets: z.array(z.intersection(z.object({ id: budgetIdSchema }), budgetSchema)).optional(),
    budgetAlerts: budgetAlertsSchema.optional(),
    staleReportsAfterMs: z.number().int().min(0).nullable().optional(),
    warmReports: z.boolean().optional(),
    keepReportsEveryMs: z.number().int().min(1000).optional(),
    duckdbMemoryLimit: z
      .string()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size such as "512MB" or "2GB"')
      .optional(),
    captureWorkers: z.number().int().min(0).max(64).optional(),
  })
  .strict();

/** Reports slower than this (the waste analysis over millions of steps) may answer stale. */
export const DEFAULT_STALE_REPORTS_AFTER_MS = 250;

/** Answers are also kept while running, so a crash or kill -9 leaves recent ones for the restart. */
export const DEFAULT_KEEP_REPORTS_EVERY_MS = 60_000;

export interface Config {
  port: number;
  host: string;
  /** DuckDB file path, or `:memory:`. */
  dbPath: string;
  /** The user's price overrides file, if any. */
  pricesPath: string | null;
  /** Largest accepted OTLP body, compressed or decompressed. */
  maxBodyBytes: number;
  /** Keys the user already sends that link traces to work units. */
  attribution: AttributionRules;
  /** Baselines per workflow from the config file. */
  workflows: WorkflowBaseline[];
  /** Span attributes shown as decision attributes besides tokenledger.decision.rule/precedent. */
  decisionKeys: string[];
  /** Budgets from the config file. */
  budgets: Budget[];
  /** Default webhook, evaluation interval, cache refresh and retry policy of budget alerts. */
  budgetAlerts: BudgetAlertSettings;
  /**
   * A report that took at least this long is answered from its last computation after a write,
   * while it refreshes (big stores); null answers every report fresh, however long it takes.
   */
  staleReportsAfterMs: number | null;
  /** Compute the dashboard's first reports into the cache in the background after start. */
  warmReports: boolean;
  /** How often report answers that changed are kept beside the database (default 60 s), besides at close. */
  keepReportsEveryMs?: number;
  /** DuckDB's `memory_limit` (default '1GB'): caps the store's buffer pool, and so the RSS. */
  duckdbMemoryLimit?: string;
  /** Worker threads that decode, normalise and price OTLP bodies (0 or absent: the main thread). */
  captureWorkers?: number;
}

export interface ConfigInput {
  configPath?: string | undefined;
  port?: string | undefined;
  host?: string | undefined;
  db?: string | undefined;
  prices?: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export async function loadConfig(
  input: ConfigInput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Config> {
  const configPath = input.configPath ?? env.TOKENLEDGER_CONFIG;
  const file = configPath ? await readConfigFile(configPath) : {};
  const base = configPath ? dirname(resolve(configPath)) : process.cwd();
  const pricesArg = input.prices ?? env.TOKENLEDGER_PRICES;
  return {
    port: parsePort(input.port ?? env.TOKENLEDGER_PORT) ?? file.port ?? DEFAULT_PORT,
    host: input.host ?? env.TOKENLEDGER_HOST ?? file.host ?? '127.0.0.1',
    dbPath: input.db ?? env.TOKENLEDGER_DB ?? (file.db ? resolve(base, file.db) : DEFAULT_DB_PATH),
    pricesPath: pricesArg ? resolve(pricesArg) : file.prices ? resolve(base, file.prices) : null,
    maxBodyBytes: file.maxBodyBytes ?? 32 * 1024 * 1024,
    attribution: file.attribution ?? NO_ATTRIBUTION_RULES,
    workflows: Object.entries(file.workflows ?? {}).map(([workflow, b]) => toBaseline(workflow, b)),
    decisionKeys: file.decisionKeys ?? [],
    budgets: (file.budgets ?? []).map((b) => toBudget(b.id, b)),
    budgetAlerts: file.budgetAlerts ?? {},
    staleReportsAfterMs:
      file.staleReportsAfterMs === undefined
        ? DEFAULT_STALE_REPORTS_AFTER_MS
        : file.staleReportsAfterMs,
    warmReports: file.warmReports ?? true,
    keepReportsEveryMs: file.keepReportsEveryMs ?? DEFAULT_KEEP_REPORTS_EVERY_MS,
    ...(file.duckdbMemoryLimit === undefined ? {} : { duckdbMemoryLimit: file.duckdbMemoryLimit }),
    captureWorkers: file.captureWorkers ?? 0,
  };
}

export function toBaseline(workflow: string, b: z.infer<typeof baselineSchema>): WorkflowBaseline {
  const money = (value: string | number | undefined) =>
    value === undefined ? null : usdToFemto(String(value));
  return {
    workflow,
    team: b.team ?? null,
    unitName: b.unitName ?? 'unit',
    bpoPricePerUnitFemto: money(b.bpoPricePerUnitUsd),
    laborMinutesPerUnit: b.laborMinutesPerUnit ?? null,
    loadedHourlyRateFemto: money(b.loadedHourlyRateUsd),
    valuePerResolvedFemto: money(b.valuePerResolvedUsd),
    fixedCostPerAttemptFemto: money(b.fixedCostPerAttemptUsd) ?? 0n,
  };
}

export function toBudget(id: string, b: z.infer<typeof budgetSchema>): Budget {
  return {
    id,
    team: b.team ?? null,
    workflow: b.workflow ?? null,
    period: b.period,
    amountFemto: usdToFemto(String(b.amountUsd)),
    thresholds: [...b.thresholds].sort((x, y) => x - y),
    webhookUrl: b.webhookUrl ?? null,
  };
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`port must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

async function readConfigFile(path: string): Promise<z.infer<typeof fileSchema>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`config file ${path}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** The defaults with some fields set: for tests, benchmarks and embedding. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: DEFAULT_PORT,
    host: '127.0.0.1',
    dbPath: DEFAULT_DB_PATH,
    pricesPath: null,
    maxBodyBytes: 32 * 1024 * 1024,
    attribution: NO_ATTRIBUTION_RULES,
    workflows: [],
    decisionKeys: [],
    budgets: [],
    budgetAlerts: {},
    staleReportsAfterMs: DEFAULT_STALE_REPORTS_AFTER_MS,
    warmReports: true,
    ...overrides,
  };
}
