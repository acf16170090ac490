/**
 * Report answers kept across a restart, over HTTP: a server closed after computing a report
 * writes it beside its database file; the next server on that file answers it at once, marked
 * stale with the time it was first computed, while it refreshes (across releases too, while the
 * answers' shape stays the same); an unreadable file, a file of another shape, a file kept for a
 * database since deleted and created anew, or a server that answers every report fresh, never
 * serves it.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_SHAPES, snapshotPathFor } from '../../src/server/report-snapshots.js';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PROTOBUF = { 'content-type': 'application/x-protobuf' };
const trace = (unit: string, tokens: number) =>
  toProtobuf(
    buildTrace({
      name: 'resolve',
      attributes: { 'tokenledger.work_unit.id': unit, 'tokenledger.workflow': 'claims' },
      children: [chatSpan('gpt-4o', tokens, 100)],
    }),
  );

const servers: TestServer[] = [];
afterEach(async () => {
  // Last started first: the later servers run on the first one's database file.
  for (const server of servers.splice(0).reverse()) await server.dispose();
});

/** A server on a fresh store with two claims, closed after answering the workflows report. */
async function storeWithKeptReport(): Promise<{ dbPath: string; body: unknown; at: string }> {
  const first = await startTestServer({ staleReportsAfterMs: 250 });
  for (const unit of ['C-1', 'C-2'])
    expect((await first.post('/v1/traces', trace(unit, 4000), PROTOBUF)).status).toBe(200);
  const response = await fetch(`${first.url}/api/v1/workflows`);
  const body = await response.json();
  const at = response.headers.get('x-tokenledger-computed-at') ?? '';
  await first.close();
  servers.push(first);
  return { dbPath: first.dbPath, body, at };
}

describe('report answers kept across a restart', () => {
  it('answers the kept report at once, stale, then the refreshed one', async () => {
    const kept = await storeWithKeptReport();
    const file = JSON.parse(await readFile(snapshotPathFor(kept.dbPath) ?? '', 'utf8')) as {
      reports: { key: string }[];
    };
    expect(file.reports.map((r) => r.key)).toContain('/api/v1/workflows?');
    const next = await startTestServer({ dbPath: kept.dbPath, staleReportsAfterMs: 250 });
    servers.push(next);
    const again = await fetch(`${next.url}/api/v1/workflows`);
    expect(again.headers.get('x-tokenledger-stale')).toBe('true');
    expect(again.headers.get('x-tokenledger-computed-at')).toBe(kept.at);
    expect(await again.json()).toEqual(kept.body);
    // The refresh it started lands; the same figures, now current.
    let fresh: Response | null = null;
    // Polled every 250 ms, the server is never quiet for 500 ms: the refresh starts at the 5 s cap.
    for (let i = 0; i < 60 && fresh === null; i++) {
      const response = await fetch(`${next.url}/api/v1/workflows`);
      if (response.headers.get('x-tokenledger-stale') === 'false') fresh = response;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(fresh).not.toBeNull();
    expect(await fresh?.json()).toEqual(kept.body);
  }, 60_000);

  it('computes afresh when every report must be fresh, or the file is unreadable', async () => {
    const kept = await storeWithKeptReport();
    const strict = await startTestServer({ dbPath: kept.dbPath, staleReportsAfterMs: null });
    servers.push(strict);
    const response = await fetch(`${strict.url}/api/v1/workflows`);
    expect(response.headers.get('x-tokenledger-stale')).toBe('false');
    expect(response.headers.get('x-tokenledger-computed-at')).not.toBe(kept.at);
    await strict.close();
    await writeFile(snapshotPathFor(kept.dbPath) ?? '', '{"release": 1, "reports": [');
    const next = await startTestServer({ dbPath: kept.dbPath, staleReportsAfterMs: 250 });
    servers.push(next);
    const after = await fetch(`${next.url}/api/v1/workflows`);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-tokenledger-stale')).toBe('false');
    expect(await after.json()).toEqual(kept.body);
  }, 60_000);

  it('serves answers kept by an earlier release of the same shape, never another shape', async () => {
    const kept = await storeWithKeptReport();
    const path = snapshotPathFor(kept.dbPath) ?? '';
    const file = JSON.parse(await readFile(path, 'utf8')) as { shapes: number; store: string };
    // What an upgrade leaves: the file is the previous release's; only the shape number matters.
    expect(file.shapes).toBe(REPORT_SHAPES);
    expect('release' in file).toBe(false);
    await writeFile(path, JSON.stringify({ ...file, shapes: REPORT_SHAPES - 1 }));
    const other = await startTestServer({ dbPath: kept.dbPath, staleReportsAfterMs: 250 });
    servers.push(other);
    const response = await fetch(`${other.url}/api/v1/workflows`);
    expect(response.headers.get('x-tokenledger-stale')).toBe('false');
    expect(await response.json()).toEqual(kept.body);
  }, 60_000);

  it('never serves answers kept for a database that was deleted and created anew', async () => {
    const kept = await storeWithKeptReport();
    const file = snapshotPathFor(kept.dbPath) ?? '';
    const keptFor = (JSON.parse(await readFile(file, 'utf8')) as { store: string }).store;
    await rm(kept.dbPath);
    await rm(`${kept.dbPath}.wal`, { force: true });
    const next = await startTestServer({ dbPath: kept.dbPath, staleReportsAfterMs: 250 });
    servers.push(next);
    const response = await fetch(`${next.url}/api/v1/workflows`);
    expect(response.headers.get('x-tokenledger-stale')).toBe('false');
    expect(await response.json()).toEqual({ workflows: [] });
    await next.close();
    // The new database's answers replaced the old ones in the file.
    const now = JSON.parse(await readFile(file, 'utf8')) as { store: string };
    expect(now.store).not.toBe(keptFor);
  }, 60_000);

  it('keeps answers while running, not only at close, so a killed server leaves them', async () => {
    const server = await startTestServer({ staleReportsAfterMs: 250, keepReportsEveryMs: 1_000 });
    servers.push(server);
    expect((await server.post('/v1/traces', trace('C-1', 4000), PROTOBUF)).status).toBe(200);
    const body = await (await fetch(`${server.url}/api/v1/workflows`)).json();
    const path = snapshotPathFor(server.dbPath) ?? '';
    let kept: { reports: { key: string; value: unknown }[] } | null = null;
    for (let i = 0; i < 40 && kept === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      kept = await readFile(path, 'utf8').then(
        (text) => JSON.parse(text) as { reports: { key: string; value: unknown }[] },
        () => null,
      );
    }
    expect(kept?.reports.find((r) => r.key === '/api/v1/workflows?')?.value).toEqual(body);
  }, 30_000);
});
