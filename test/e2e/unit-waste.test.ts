/**
 * One unit's waste over real HTTP: the hand-worked case of test/support/waste-scenario.ts (every
 * class planted once in workflow `w`) goes into a real server's store, and
 * `GET /api/v1/work-units/{id}/waste` must give each unit exactly its planted dollars.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { plantEveryClass } from '../support/waste-scenario.js';

interface Amount {
  usd: string;
  usdNumber: number;
}
interface UnitWaste {
  workUnitId: string;
  workflow: string;
  total: Amount;
  classes: Record<string, Amount>;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await plantEveryClass(server.store);
});

afterAll(async () => {
  await server?.dispose();
});

const nonZero = (view: UnitWaste) =>
  Object.fromEntries(
    Object.entries(view.classes)
      .filter(([, a]) => a.usd !== '0')
      .map(([c, a]) => [c, a.usd]),
  );

describe('GET /api/v1/work-units/{id}/waste', () => {
  it('gives a unit its own dollars per class, adding up to its total', async () => {
    // A: first attempt failed (plan 1000 in / 100 out on gpt-4.1-mini = $0.00056), and its
    // second attempt repeated the plan call (loop $0.00056): total $0.00112.
    const a = await server.getJson<UnitWaste>('/api/v1/work-units/A/waste?workflow=w');
    expect(a.status).toBe(200);
    expect(nonZero(a.body)).toEqual({ failedAttempts: '0.00056', loops: '0.00056' });
    expect(a.body.total.usd).toBe('0.00112');
    // B: opus on classify where haiku succeeds as often: $0.01575 − $0.00105 = $0.0147.
    const b = await server.getJson<UnitWaste>('/api/v1/work-units/B/waste?workflow=w');
    expect(nonZero(b.body)).toEqual({ overPoweredRouting: '0.0147' });
    expect(Object.keys(b.body.classes).sort()).toEqual(
      [
        'abandoned',
        'cacheMisses',
        'contextBloat',
        'failedAttempts',
        'loops',
        'overPoweredRouting',
      ].sort(),
    );
  });

  it('refuses a missing workflow by name, and 404s a unit awaiting its outcome', async () => {
    const missing = await server.getJson<{ error: string }>('/api/v1/work-units/A/waste');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/^workflow: required/);
    const pending = await server.getJson<{ error: string }>(
      '/api/v1/work-units/G/waste?workflow=w',
    );
    expect(pending.status).toBe(404);
    expect(pending.body.error).toContain('awaiting its outcome');
    const unknown = await server.getJson<{ error: string }>(
      '/api/v1/work-units/nobody/waste?workflow=w',
    );
    expect(unknown.status).toBe(404);
  });
});
