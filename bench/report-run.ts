/** `npm run bench:report`: the workflows report over N steps and M work units (default 10M / 1M). */
import { parseArgs } from 'node:util';
import { runReportBench } from './report-bench.js';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '10000000' },
    units: { type: 'string', default: '1000000' },
  },
});
const options = { steps: Number(values.steps), units: Number(values.units) };
console.log(
  `workflows report: ${options.steps.toLocaleString('en')} steps, ${options.units.toLocaleString('en')} work units`,
);
const result = await runReportBench(options);
console.log(
  `product query ${result.productMs.toFixed(0)} ms, hand-tuned SQL ${result.handMs.toFixed(0)} ms, ` +
    `ratio ${(result.productMs / result.handMs).toFixed(2)}× (${result.workflows} workflows; target < 1,000 ms)`,
);
console.log(
  `first report after the data arrived (builds the per-unit roll-up): ${result.buildMs.toFixed(0)} ms`,
);
for (const { ms, refresh } of result.afterWrites) {
  console.log(
    `report right after a write of 1,000 new traces + 200 outcomes: ${ms.toFixed(0)} ms ` +
      `(${refresh?.kind} refresh ${refresh?.ms.toFixed(0)} ms: ${refresh?.merged} units merged, ` +
      `${refresh?.outcomes} outcomes set, ${refresh?.rescanned} units recomputed from their traces; ` +
      `${Object.entries(refresh?.phases ?? {})
        .map(([phase, phaseMs]) => `${phase} ${phaseMs.toFixed(0)} ms`)
        .join(', ')})`,
  );
}
console.log(`roll-up rows differing from a rebuild from scratch: ${result.drifted}`);
