import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../domain/index.js';
import { ConfigError, DEFAULT_PORT, loadConfig } from './config.js';

async function configFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenledger-config-'));
  const path = join(dir, 'tokenledger.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadConfig', () => {
  it('defaults to port 4318 and a DuckDB file under ./tokenledger-data', async () => {
    const config = await loadConfig({}, {});
    expect(config.port).toBe(DEFAULT_PORT);
    expect(config.dbPath).toBe('./tokenledger-data/tokenledger.duckdb');
    expect(config.workflows).toEqual([]);
  });

  it('flags beat environment variables, which beat the file; file paths resolve beside the file', async () => {
    const path = await configFile({ port: 5000, db: 'data/x.duckdb', prices: 'prices.json' });
    const fromFile = await loadConfig({ configPath: path }, {});
    expect(fromFile.port).toBe(5000);
    expect(fromFile.dbPath).toBe(join(path, '..', 'data', 'x.duckdb'));
    expect(fromFile.pricesPath).toBe(join(path, '..', 'prices.json'));
    expect((await loadConfig({ configPath: path }, { TOKENLEDGER_PORT: '6000' })).port).toBe(6000);
    expect(
      (await loadConfig({ configPath: path, port: '7000' }, { TOKENLEDGER_PORT: '6000' })).port,
    ).toBe(7000);
  });

  it('reads attribution rules and workflow baselines with exact money', async () => {
    const path = await configFile({
      attribution: { workUnitKeys: ['claim.id'] },
      workflows: {
        'claims-adjudication': {
          team: 'claims-ops',
          unitName: 'unit',
          bpoPricePerUnitUsd: '3.50',
          laborMinutesPerUnit: 12,
          loadedHourlyRateUsd: 45.65,
          valuePerResolvedUsd: '9',
        },
      },
    });
    const config = await loadConfig({ configPath: path }, {});
    expect(config.attribution).toEqual({
      workUnitKeys: ['claim.id'],
      workflowKeys: [],
      attemptKeys: [],
    });
    expect(config.workflows).toEqual([
      {
        workflow: 'claims-adjudication',
        team: 'claims-ops',
        unitName: 'unit',
        bpoPricePerUnitFemto: usdToFemto('3.5'),
        laborMinutesPerUnit: 12,
        loadedHourlyRateFemto: usdToFemto('45.65'),
        valuePerResolvedFemto: usdToFemto('9'),
        fixedCostPerAttemptFemto: 0n,
      },
    ]);
  });

  it('answers slow reports stale after a quarter second unless the file says otherwise', async () => {
    expect((await loadConfig({}, {})).staleReportsAfterMs).toBe(250);
    const off = await configFile({ staleReportsAfterMs: null });
    expect((await loadConfig({ configPath: off }, {})).staleReportsAfterMs).toBeNull();
    const later = await configFile({ staleReportsAfterMs: 5000 });
    expect((await loadConfig({ configPath: later }, {})).staleReportsAfterMs).toBe(5000);
    const bad = await configFile({ staleReportsAfterMs: -1 });
    await expect(loadConfig({ configPath: bad }, {})).rejects.toThrow(/staleReportsAfterMs/);
  });

  it("reads DuckDB's memory limit and refuses one that is not a size", async () => {
    expect((await loadConfig({}, {})).duckdbMemoryLimit).toBeUndefined();
    const small = await configFile({ duckdbMemoryLimit: '512MB' });
    expect((await loadConfig({ configPath: small }, {})).duckdbMemoryLimit).toBe('512MB');
    const bad = await configFile({ duckdbMemoryLimit: 'lots' });
    await expect(loadConfig({ configPath: bad }, {})).rejects.toThrow(
      /duckdbMemoryLimit: a size such as "512MB" or "2GB"/,
    );
  });

  it('names the file, the field and the rule when the file is wrong', async () => {
    const bad = await configFile({
      port: 'x',
      workflows: { w: { bpoPricePerUnitUsd: '-1' } },
      colour: 1,
    });
    await expect(loadConfig({ configPath: bad }, {})).rejects.toThrow(ConfigError);
    await expect(loadConfig({ configPath: bad }, {})).rejects.toThrow(/port/);
    await expect(loadConfig({ configPath: bad }, {})).rejects.toThrow(
      /workflows\.w\.bpoPricePerUnitUsd: must be a non-negative decimal/,
    );
    await expect(loadConfig({ configPath: await configFile('{nope') }, {})).rejects.toThrow(
      /not valid JSON/,
    );
    await expect(loadConfig({ port: '99999' }, {})).rejects.toThrow(
      /port must be an integer from 0 to 65535/,
    );
  });

  it('reads decision attribute keys, and refuses an empty one by path', async () => {
    const path = await configFile({ decisionKeys: ['acme.clause'] });
    expect((await loadConfig({ configPath: path }, {})).decisionKeys).toEqual(['acme.clause']);
    expect((await loadConfig({}, {})).decisionKeys).toEqual([]);
    const bad = await configFile({ decisionKeys: [''] });
    await expect(loadConfig({ configPath: bad }, {})).rejects.toThrow(/decisionKeys\.0: /);
  });
});
