/** Starts a real tokenledger server on 127.0.0.1 with its own DuckDB file for a test. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, defaultConfig } from '../../src/config/index.js';
import { type RunningServer, startServer } from '../../src/server/index.js';

export interface TestServer extends RunningServer {
  dir: string;
  dbPath: string;
  post(path: string, body: Uint8Array | string, headers: Record<string, string>): Promise<Response>;
  getJson<T>(path: string): Promise<{ status: number; body: T }>;
  dispose(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenledger-test-'));
  const dbPath = join(dir, 'test.duckdb');
  const server = await startServer(
    // Tests read what they just wrote: every report fresh, however slow the loaded machine.
    defaultConfig({
      port: 0,
      dbPath,
      maxBodyBytes: 4 * 1024 * 1024,
      staleReportsAfterMs: null,
      warmReports: false,
      ...overrides,
    }),
  );
  return {
    ...server,
    dir,
    dbPath,
    post: (path, body, headers) => fetch(`${server.url}${path}`, { method: 'POST', body, headers }),
    getJson: async <T>(path: string) => {
      const response = await fetch(`${server.url}${path}`);
      return { status: response.status, body: (await response.json()) as T };
    },
    dispose: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
