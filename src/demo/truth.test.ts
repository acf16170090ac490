import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { divideHalfEven, femtoToUsdNumber, usdToFemto } from '../domain/index.js';
import { createPriceBook } from '../pricing/index.js';
import { demoStream } from './demo-stream.js';
import type { SimUnit } from './sim-types.js';
import { simulate } from './simulate.js';
import { type Truth, TruthBuilder } from './truth.js';
import { median, WASTE_CLASSES } from './waste-ledger.js';

const book = createPriceBook();

function run(seed: number, scale: number): { digest: string; truth: Truth; units: SimUnit[] } {
  const builder = new TruthBuilder(book);
  const hash = createHash('sha256');
  for (const chunk of demoStream({ seed, scale }, builder)) {
    hash.update(chunk.kind === 'traces' ? chunk.body : JSON.stringify(chunk.records));
  }
  const units: SimUnit[] = [];
  for (const item of simulate({ seed })) {
    if (units.length * 8 > scale * 2) break;
    if (item.kind === 'unit') units.push(item.unit);
  }
  return {
    digest: hash.digest('hex'),
    truth: builder.build({ seed, scale, from: '', to: '' }),
    units,
  };
}

describe('the simulator', () => {
  it('is deterministic: same seed and scale, byte-identical batches, outcomes and truth', () => {
    const a = run(3, 3000);
    const b = run(3, 3000);
    expect(a.digest).toBe(b.digest);
    expect(JSON.stringify(a.truth)).toBe(JSON.stringify(b.truth));
    expect(run(4, 3000).digest).not.toBe(a.digest);
    expect(a.truth.spans).toBeGreaterThanOrEqual(3000);
    expect(a.truth.spans).toBeLessThan(3100);
  });

  it('keeps every unit within the 90 days before the end date', () => {
    const end = Date.parse('2026-11-27T00:00:00Z');
    for (const unit of run(5, 3000).units) {
      const first = Number((unit.attempts[0]?.startNs ?? 0n) / 1_000_000n);
      expect(first).toBeGreaterThanOrEqual(end - 90 * 86_400_000);
      expect(Date.parse(unit.outcome.occurredAt)).toBeLessThan(end);
    }
  });
});

describe('the truth file', () => {
  const { truth } = run(11, 5000);

  it('matches a hand count of the invoice-processing units', () => {
    const units: SimUnit[] = [];
    let spans = 0;
    for (const item of simulate({ seed: 11 })) {
      if (spans >= 5000) break;
      if (item.kind === 'unattributed') {
        spans += 2;
        continue;
      }
      spans += item.unit.attempts.reduce(
        (s, a) =>
          s +
          1 +
          a.calls.length +
          (a.convention === 'vercel-ai' ? a.calls.filter((c) => c.kind === 'llm').length : 0),
        0,
      );
      if (item.unit.workflow === 'invoice-processing') units.push(item.unit);
    }
    let cost = 0n;
    let attempts = 0;
    let ai = 0;
    let bpo = 0;
    let minutes = 0;
    for (const unit of units) {
      attempts += unit.attempts.length;
      if (unit.outcome.resolvedBy === 'ai') ai++;
      if (unit.outcome.resolvedBy === 'bpo') bpo++;
      minutes += unit.outcome.humanMinutes ?? unit.outcome.reviewMinutes ?? 0;
      for (const call of unit.attempts.flatMap((a) => a.calls)) {
        if (!call.usage || !call.model) continue;
        const price = book.lookup(
          call.model,
          call.provider,
          new Date(Number(call.startNs / 1_000_000n)),
        );
        if (!price) throw new Error(`${call.model} unpriced`);
        // Invoices use no cache: input × input rate + output × output rate, per million tokens.
        cost +=
          (BigInt(call.usage.input) * price.rates.input.base +
            BigInt(call.usage.output) * price.rates.output.base) /
          1_000_000n;
      }
    }
    const w = truth.workflows.find((x) => x.workflow === 'invoice-processing');
    if (!w) throw new Error('no invoice-processing in the truth');
    expect(w.units).toBe(units.length);
    expect(w.attempts).toBe(attempts);
    expect(w.aiResolvedUnits).toBe(ai);
    expect(w.bpoResolvedUnits).toBe(bpo);
    expect(w.tokenCostUsdExact).toBe(String(femtoToUsdNumber(cost)));
    expect(w.tokenCostPerResolvedUsd).toBe(femtoToUsdNumber(divideHalfEven(cost, BigInt(ai))));
    expect(w.attemptSuccessRate).toBe(ai / attempts);
    // human $40/h; fixed $0.001 per attempt; BPO $1.10 per BPO-resolved invoice.
    const fully =
      cost +
      usdToFemto((minutes * 40) / 60) +
      BigInt(attempts) * usdToFemto('0.001') +
      BigInt(bpo) * usdToFemto('1.10');
    expect(w.fullyLoadedCostPerResolvedUsd).toBeCloseTo(
      femtoToUsdNumber(fully) / w.resolvedUnits,
      12,
    );
  });

  it('puts each dollar in at most one waste class, and the classes with productive add up', () => {
    for (const w of truth.workflows) {
      const parts = [...WASTE_CLASSES, 'productive' as const].reduce((s, c) => s + w.waste[c], 0);
      expect(parts).toBeCloseTo(w.tokenCostUsd, 6);
      expect(w.waste.productive).toBeGreaterThan(0);
    }
    const byWorkflow = Object.fromEntries(truth.workflows.map((w) => [w.workflow, w.waste]));
    expect(byWorkflow['sales-lead-research']?.overPoweredRouting).toBeGreaterThan(0);
    expect(byWorkflow['support-tickets']?.loops).toBeGreaterThan(0);
    expect(byWorkflow['support-tickets']?.contextBloat).toBeGreaterThan(0);
    expect(byWorkflow['contract-review']?.contextBloat).toBeGreaterThan(0);
    expect(byWorkflow['contract-review']?.cacheMisses).toBeGreaterThan(0);
    expect(byWorkflow['invoice-processing']?.contextBloat).toBe(0);
    expect(byWorkflow['claims-adjudication']?.cacheMisses).toBe(0);
  });

  it('names the planted economics', () => {
    expect(truth.expand).toBe('invoice-processing');
    expect(truth.keepHuman).toBe('contract-review');
    const claims = truth.workflows.find((w) => w.workflow === 'claims-adjudication');
    const unusual = claims?.segments['unusual_documents=yes'];
    expect(unusual?.tokenCostPerResolvedUsd).toBeGreaterThan(3.5);
    expect(claims?.segments['unusual_documents=no']?.tokenCostPerResolvedUsd).toBeLessThan(0.5);
    expect(claims?.drivers[0]).toMatchObject({ attribute: 'unusual_documents', value: 'yes' });
    const leads = truth.workflows.find((w) => w.workflow === 'sales-lead-research');
    expect(leads?.drivers[0]).toMatchObject({ attribute: 'lead_router', value: 'frontier' });
  });

  it('shows the small model succeeding as often as the frontier one at the default scale', () => {
    const full = run(1, 20_000).truth;
    const leads = full.workflows.find((w) => w.workflow === 'sales-lead-research');
    const small = leads?.segments['lead_router=small']?.attemptSuccessRate ?? 0;
    const frontier = leads?.segments['lead_router=frontier']?.attemptSuccessRate ?? 1;
    expect(small).toBeGreaterThan(frontier - 0.1);
    const contracts = full.workflows.find((w) => w.workflow === 'contract-review');
    expect(contracts?.drivers[0]).toMatchObject({ attribute: 'retrieval_profile', value: 'wide' });
  });

  it('takes the median of a histogram as the ⌈n/2⌉-th smallest value', () => {
    expect(
      median(
        new Map([
          [10, 1],
          [20, 1],
          [30, 1],
          [40, 1],
        ]),
      ),
    ).toBe(20);
    expect(
      median(
        new Map([
          [5, 3],
          [100, 2],
        ]),
      ),
    ).toBe(5);
  });
});
