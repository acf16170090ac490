/** `tokenledger serve`: the receiver, API and dashboard in one process until SIGINT/SIGTERM. */

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { startServer } from '../server/index.js';
import type { CliIo } from './cli-io.js';

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      config: { type: 'string' },
      prices: { type: 'string' },
    },
  });
  const config = await loadConfig({
    configPath: values.config,
    port: values.port,
    host: values.host,
    db: values.db,
    prices: values.prices,
  });
  if (config.dbPath !== ':memory:') await mkdir(dirname(config.dbPath), { recursive: true });
  const server = await startServer(config);
  io.out(`tokenledger listening on ${server.url} (database ${config.dbPath})`);
  io.out(
    `  OTLP/HTTP traces: ${server.url}/v1/traces  (OTEL_EXPORTER_OTLP_ENDPOINT=${server.url})`,
  );
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      io.out(`${signal}: finishing in-flight requests and flushing the store…`);
      server.close().then(resolve, (error: unknown) => {
        io.err(`shutdown failed: ${(error as Error).message}`);
        resolve();
      });
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  io.out('stopped');
  return 0;
}
