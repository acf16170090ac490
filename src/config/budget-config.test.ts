/** The config file's `budgets` and `budgetAlerts`: defaults, exact amounts, errors naming the field. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../domain/index.js';
import { loadConfig } from './config.js';

async function configFile(content: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'tokenledger-budget-config-')), 'c.json');
  await writeFile(path, JSON.stringify(content));
  return path;
}

describe('budgets in the config file', () => {
  it('reads budgets with default thresholds, sorted thresholds and exact amounts', async () => {
    const path = await configFile({
      budgets: [
        { id: 'ops-month', team: 'ops', period: 'month', amountUsd: '5000.10' },
        {
          id: 'claims-week',
          workflow: 'claims',
          period: 'week',
          amountUsd: 250,
          thresholds: [1, 0.25],
        },
      ],
      budgetAlerts: { webhookUrl: 'http://127.0.0.1:9000/hook', evaluateIntervalMs: 30000 },
    });
    const config = await loadConfig({ configPath: path }, {});
    expect(config.budgets).toEqual([
      {
        id: 'ops-month',
        team: 'ops',
        workflow: null,
        period: 'month',
        amountFemto: usdToFemto('5000.10'),
        thresholds: [0.5, 0.8, 1],
        webhookUrl: null,
      },
      {
        id: 'claims-week',
        team: null,
        workflow: 'claims',
        period: 'week',
        amountFemto: usdToFemto('250'),
        thresholds: [0.25, 1],
        webhookUrl: null,
      },
    ]);
    expect(config.budgetAlerts).toEqual({
      webhookUrl: 'http://127.0.0.1:9000/hook',
      evaluateIntervalMs: 30000,
    });
  });

  it('names the budget field and rule that is wrong', async () => {
    const bad = async (budget: unknown) =>
      loadConfig({ configPath: await configFile({ budgets: [budget] }) }, {}).catch(
        (e: Error) => e.message,
      );
    expect(await bad({ id: 'x', team: 't', period: 'year', amountUsd: 1 })).toMatch(
      /budgets\.0\.period: /,
    );
    expect(await bad({ id: 'x', team: 't', period: 'day', amountUsd: '-1' })).toMatch(
      /budgets\.0\.amountUsd: must be a non-negative decimal amount/,
    );
    expect(await bad({ id: 'x', period: 'day', amountUsd: 1 })).toContain(
      'a budget needs a team, a workflow or both',
    );
    expect(await bad({ id: 'a b', team: 't', period: 'day', amountUsd: 1 })).toMatch(
      /budgets\.0\.id: must be 1-64/,
    );
  });
});
