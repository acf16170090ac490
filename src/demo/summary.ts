/** The few sentences `tokenledger demo` prints: who beats its BPO price, who does not and why, the largest waste. */
import type { Truth, WorkflowTruth } from './truth.js';

const money = (usd: number | null) =>
  usd === null ? 'n/a' : `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
const pct = (share: number | null) => (share === null ? 'n/a' : `${Math.round(share * 100)}%`);

function line(w: WorkflowTruth): string {
  const beats = (w.fullyLoadedCostPerResolvedUsd ?? Infinity) < w.bpoPricePerUnitUsd;
  return `  ${w.workflow.padEnd(22)} ${money(w.fullyLoadedCostPerResolvedUsd).padStart(9)} per resolved vs BPO ${money(w.bpoPricePerUnitUsd).padStart(7)}  ${beats ? 'beats it' : 'does NOT beat it'} (attempt success ${pct(w.attemptSuccessRate)})`;
}

export function summarizeTruth(truth: Truth, dbPath: string | null): string {
  const out: string[] = [];
  out.push(
    `Simulated ${truth.spans.toLocaleString('en')} spans in ${truth.traces.toLocaleString('en')} traces, ${truth.from.slice(0, 10)} → ${truth.to.slice(0, 10)}; token spend ${money(truth.totals.tokenCostUsd)}.`,
  );
  out.push('', 'Fully loaded cost per resolved outcome:');
  for (const w of truth.workflows) out.push(line(w));
  const claims = truth.workflows.find((w) => w.workflow === 'claims-adjudication');
  const unusual = claims?.segments['unusual_documents=yes'];
  if (claims && unusual) {
    out.push(
      '',
      `Why claims cost what they do: claims with unusual_documents=yes are ${pct(unusual.units / claims.units)} of volume and ${pct(unusual.tokenCostUsd / claims.tokenCostUsd)} of its token spend; ${unusual.attemptsPerResolved?.toFixed(1)} attempts per AI-resolved claim, ${money(unusual.tokenCostPerResolvedUsd)} of tokens per resolved claim against a BPO price of ${money(claims.bpoPricePerUnitUsd)}.`,
    );
  }
  const keep = truth.workflows.find((w) => w.workflow === truth.keepHuman);
  if (keep) {
    out.push(
      `Keep with people: ${keep.workflow} succeeds on ${pct(keep.attemptSuccessRate)} of attempts and costs ${money(keep.fullyLoadedCostPerResolvedUsd)} per resolved ${'outcome'} fully loaded, above in-house labour at ${money(keep.laborCostPerUnitUsd)}.`,
    );
  }
  const expand = truth.workflows.find((w) => w.workflow === truth.expand);
  if (expand) {
    out.push(
      `Give more budget to: ${expand.workflow}, ${money(expand.fullyLoadedCostPerResolvedUsd)} per resolved against ${money(expand.bpoPricePerUnitUsd)} BPO, ${pct(expand.attemptSuccessRate)} attempt success.`,
    );
  }
  const waste = Object.entries(truth.waste).sort((a, b) => b[1] - a[1]);
  out.push(
    `Largest waste: ${waste
      .slice(0, 3)
      .map(([k, v]) => `${k} ${money(v)}`)
      .join(', ')} (of ${money(truth.totals.tokenCostUsd)}).`,
  );
  out.push('', 'Next:');
  out.push(
    `  tokenledger serve${dbPath ? ` --db ${dbPath}` : ''}    (the API and OTLP receiver on :4318)`,
  );
  out.push('  tokenledger report --url http://127.0.0.1:4318    (workflows, drivers, segments)');
  return `${out.join('\n')}\n`;
}
