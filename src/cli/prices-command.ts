/** `tokenledger prices check`: the models seen with usage but no price, with their token volume. */
import { parseArgs } from 'node:util';
import { type CliIo, UsageError } from './cli-io.js';
import { formatTable } from './format-table.js';
import { openReportSource } from './report-source.js';

export async function pricesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      url: { type: 'string' },
      format: { type: 'string', default: 'table' },
    },
  });
  if (positionals[0] !== 'check')
    throw new UsageError('usage: tokenledger prices check [--db FILE | --url URL]');
  const source = await openReportSource({ url: values.url, db: values.db });
  try {
    const models = await source.unpricedModels();
    if (values.format === 'json') {
      io.out(JSON.stringify({ models }, null, 2));
    } else if (models.length === 0) {
      io.out(`every model with usage in ${source.description} has a price`);
    } else {
      io.out(
        formatTable(
          ['model', 'provider', 'steps', 'input tokens', 'output tokens', 'last seen'],
          models.map((m) => [
            m.model,
            m.provider,
            m.steps,
            m.inputTokens,
            m.outputTokens,
            m.lastSeen,
          ]),
        ),
      );
      io.out(
        `\n${models.length} unpriced model(s): add them to a price file (--prices) to cost them`,
      );
    }
    return models.length === 0 ? 0 : 2;
  } finally {
    await source.close();
  }
}
