import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { spawnServer } from '../support/spawn-server.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDb(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenledger-durability-'));
  dirs.push(dir);
  return join(dir, 'data.duckdb');
}

function batch(i: number) {
  const spans = buildTrace({
    name: `root ${i}`,
    children: [chatSpan('gpt-4o', 1000, 100), chatSpan('gpt-4o-mini', 2000, 50)],
  });
  return { traceId: spans[0]?.spanContext().traceId ?? '', body: toProtobuf(spans) };
}

async function storedTraces(db: string, traceIds: string[]): Promise<number> {
  const store = await openStore({ kind: 'duckdb', path: db });
  try {
    let found = 0;
    for (const id of traceIds) if ((await store.getTrace(id)).length === 3) found += 1;
    return found;
  } finally {
    await store.close();
  }
}

describe('an answered request is durable', () => {
  it('survives kill -9 of the server right after the 200s', async () => {
    const db = await tempDb();
    const server = await spawnServer(['--db', db]);
    const batches = Array.from({ length: 40 }, (_, i) => batch(i));
    const answered: string[] = [];
    await Promise.all(
      batches.map(async ({ traceId, body }) => {
        const response = await fetch(`${server.url}/v1/traces`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-protobuf' },
        });
        if (response.status === 200) answered.push(traceId);
      }),
    );
    server.child.kill('SIGKILL');
    await server.exited;
    expect(answered).toHaveLength(40);
    expect(await storedTraces(db, answered)).toBe(40);
  });

  it('SIGTERM lets in-flight requests finish and exits cleanly with everything answered stored', async () => {
    const db = await tempDb();
    const server = await spawnServer(['--db', db]);
    const batches = Array.from({ length: 30 }, (_, i) => batch(i));
    const answered: string[] = [];
    const send = async ({ traceId, body }: { traceId: string; body: Uint8Array }) => {
      try {
        const response = await fetch(`${server.url}/v1/traces`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-protobuf' },
        });
        if (response.status === 200) answered.push(traceId);
      } catch {
        // A request refused because the server was already closing was never accepted.
      }
    };
    await Promise.all(batches.slice(0, 10).map(send));
    const inFlight = batches.slice(10).map(send);
    server.child.kill('SIGTERM');
    await Promise.all(inFlight);
    expect(answered.length).toBeGreaterThanOrEqual(10);
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/SIGTERM/);
    expect(await storedTraces(db, answered)).toBe(answered.length);
  });
});
