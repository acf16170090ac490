/** The `tokenledger` command: parses the sub-command and sets the exit code. */
import { RangeError400 } from '../analysis/index.js';
import { ConfigError } from '../config/index.js';
import { allocateCommand } from './allocate-command.js';
import { type CliIo, processIo, UsageError } from './cli-io.js';
import { demoCommand } from './demo-command.js';
import { exportCommand } from './export-command.js';
import { importOutcomesCommand } from './import-outcomes-command.js';
import { pricesCommand } from './prices-command.js';
import { recommendCommand } from './recommend-command.js';
import { reportCommand } from './report-command.js';
import { serveCommand } from './serve-command.js';
import { traceCommand } from './trace-command.js';
import { trajectoryCommand } from './trajectory-command.js';
import { wasteCommand } from './waste-command.js';
import { whatIfCommand } from './what-if-command.js';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  serve: serveCommand,
  trace: traceCommand,
  prices: pricesCommand,
  import: importOutcomesCommand,
  report: reportCommand,
  demo: demoCommand,
  trajectory: trajectoryCommand,
  allocate: allocateCommand,
  recommend: recommendCommand,
  export: exportCommand,
  waste: wasteCommand,
  'what-if': whatIfCommand,
};

const HELP = `tokenledger — what each dollar of AI inference bought

  tokenledger demo [--db FILE | --url URL] [--scale N] [--seed N] [--end ISO] [--emit-truth FILE] [--bulk]
  tokenledger serve [--port 4318] [--host 127.0.0.1] [--db FILE] [--prices FILE] [--config FILE]
  tokenledger trace TRACE_ID [--format table|json] [--db FILE | --url URL]
  tokenledger prices check [--db FILE | --url URL]
  tokenledger import outcomes FILE.csv [--map field=column …] [--workflow W] [--db FILE | --url URL]
  tokenledger report [--since 30d] [--until T] [--workflow W] [--format table|json|csv|md]
                     [--db FILE [--config FILE] | --url URL]
  tokenledger trajectory WORK_UNIT_ID [--workflow W] [--format tree|json] [--db FILE [--config FILE] | --url URL]
  tokenledger allocate --budget USD [--period day|week|month] [--format table|json]
                       [--db FILE [--config FILE] | --url URL]
  tokenledger recommend [--workflow W] [--format table|json] [--db FILE [--config FILE] | --url URL]
  tokenledger export focus [--from T] [--to T] [--format csv|parquet] [--out FILE] [--db FILE | --url URL]
  tokenledger waste [--workflow W] [--since 30d] [--until T] [--format table|json] [--db FILE | --url URL]
  tokenledger what-if --workflow W --step S --model M [--success-rate R] [--format table|json]
                      [--db FILE | --url URL]
`;

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`unknown command ${JSON.stringify(name)}\n\n${HELP}`);
    return 1;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof RangeError400 ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`tokenledger ${name}: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}
