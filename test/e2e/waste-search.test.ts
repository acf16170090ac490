/**
 * The work-unit search's `wasteClass=` filter over real HTTP, on the hand-worked waste scenario
 * (test/support/waste-scenario.ts plants every class once): each class finds exactly the units it
 * was planted in, each with its dollars of that class, and combines with the store's filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { plantEveryClass } from '../support/waste-scenario.js';

interface SearchBody {
  matched: number;
  units: { workUnitId: string; waste?: { class: string; usd: number; usdExact: string } }[];
  error?: string;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await plantEveryClass(server.store);
});

afterAll(async () => {
  await server?.dispose();
});

const search = (query: string) =>
  server.getJson<SearchBody>(`/api/v1/work-units?workflow=w&sort=start&${query}`);
const found = async (query: string) => {
  const { status, body } = await search(query);
  expect(status, body.error).toBe(200);
  expect(body.matched).toBe(body.units.length);
  return body.units.map((u) => [u.workUnitId, u.waste?.usdExact]);
};

describe('work-unit search by waste class over HTTP', () => {
  it('finds the units each class was planted in, with their dollars of it', async () => {
    // Working in waste-scenario.ts: A's failed first attempt and F (human-resolved) are $0.00056
    // each; A's repeated plan call $0.00056; B's opus classify − haiku $0.0147; C's 3000 extra
    // input tokens × $0.40/M = $0.0012; D's 9000-token prefix × $0.30/M = $0.0027; E $0.00056.
    expect(await found('wasteClass=failedAttempts')).toEqual([
      ['A', '0.00056'],
      ['F', '0.00056'],
    ]);
    expect(await found('wasteClass=loops')).toEqual([['A', '0.00056']]);
    expect(await found('wasteClass=overPoweredRouting')).toEqual([['B', '0.0147']]);
    expect(await found('wasteClass=contextBloat')).toEqual([['C', '0.0012']]);
    expect(await found('wasteClass=cacheMisses')).toEqual([['D', '0.0027']]);
    expect(await found('wasteClass=abandoned')).toEqual([['E', '0.00056']]);
    const { body } = await search('wasteClass=overPoweredRouting');
    expect(body.units[0]?.waste).toEqual({
      class: 'overPoweredRouting',
      usd: 0.0147,
      usdExact: '0.0147',
    });
  });

  it('bounds the dollars and combines with the other filters', async () => {
    expect(await found('wasteClass=failedAttempts&minWasteUsd=0.00056')).toHaveLength(2);
    expect(await found('wasteClass=failedAttempts&minWasteUsd=0.000561')).toEqual([]);
    expect(await found('wasteClass=failedAttempts&resolvedBy=human')).toEqual([['F', '0.00056']]);
    expect(await found('wasteClass=overPoweredRouting&model=claude-haiku-4-5')).toEqual([]);
    // Without the filter no unit carries a waste figure.
    expect(await found('status=pending')).toEqual([['G', undefined]]);
  });

  it('refuses a bad class or a dollar bound without a class, naming the parameter', async () => {
    const bad = async (query: string) => {
      const { status, body } = await search(query);
      return [status, body.error];
    };
    expect(await bad('wasteClass=slowness')).toEqual([
      400,
      expect.stringMatching(/^wasteClass: Invalid option: expected one of "failedAttempts"/),
    ]);
    expect(await bad('minWasteUsd=0.01')).toEqual([
      400,
      'minWasteUsd: needs wasteClass (the class whose dollars it bounds)',
    ]);
    expect(await bad('wasteClass=loops&minWasteUsd=lots')).toEqual([
      400,
      'minWasteUsd: must be a non-negative decimal amount in USD, like 0.25',
    ]);
  });
});
