#!/usr/bin/env node
/** Entry point of the `tokenledger` executable. */
import { runCli } from './main.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tokenledger: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
