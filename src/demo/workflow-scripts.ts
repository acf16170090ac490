/**
 * How each demo workflow's attempts unfold: the calls, models and tools of one attempt, how often
 * an attempt succeeds, and what happens to a unit when it does or when the AI gives up.
 */
import type { AttemptBuilder } from './attempt-builder.js';
import type { Prng } from './prng.js';
import type { OutcomeRecord } from './sim-types.js';

type Attrs = Readonly<Record<string, string>>;
export type OutcomePart = Pick<
  OutcomeRecord,
  'status' | 'resolvedBy' | 'humanMinutes' | 'reviewMinutes' | 'correctionMinutes' | 'overridden'
>;

export interface WorkflowScript {
  successProbability(attrs: Attrs): number;
  maxAttempts(attrs: Attrs): number;
  /** Chance, before each attempt after the first, that the unit is abandoned. */
  abandonProbability: number;
  /** Adds the attempt's calls; returns whether the attempt succeeded after all. */
  build(b: AttemptBuilder, rng: Prng, attrs: Attrs, success: boolean): boolean;
  aiResolved(rng: Prng, attrs: Attrs): OutcomePart;
  exhausted(rng: Prng, attrs: Attrs): OutcomePart;
}

const ai = (extra: Partial<OutcomePart> = {}): OutcomePart => ({
  status: 'resolved',
  resolvedBy: 'ai',
  overridden: false,
  ...extra,
});

const RULES = ['water-damage-4.2', 'total-loss-7.1', 'coverage-limit-3.3', 'deductible-2.0'];

const claims: WorkflowScript = {
  successProbability: (a) => (a.unusual_documents === 'yes' ? 0.18 : 0.9),
  maxAttempts: (a) => (a.unusual_documents === 'yes' ? 6 : 3),
  abandonProbability: 0,
  build(b, rng, a, success) {
    const unusual = a.unusual_documents === 'yes';
    b.embedding('embed-claim', 'text-embedding-3-small', 'openai', rng.around(800, 0.3));
    b.retrieval('retrieve-policy', 'policy-index', 6, 'POL');
    // Extraction caches its 2,048-token instructions: the first call writes, the others read.
    const docs = unusual ? rng.int(4, 6) : rng.int(1, 2);
    for (let i = 0; i < docs; i++) {
      const input = unusual ? rng.around(50_000, 0.15) : rng.around(9_000, 0.3);
      const step = unusual ? 'extract-handwritten' : 'extract';
      b.llm(step, 'claude-sonnet-4-5', 'anthropic', input, rng.around(700, 0.3), {
        ...(i === 0 ? { cacheWrite: 2_048 } : { cacheRead: 2_048 }),
      });
    }
    b.tool('lookup-policy', 'lookup_policy', { policy: `P-${rng.int(10000, 99999)}` });
    b.llm('adjudicate', 'claude-sonnet-4-5', 'anthropic', rng.around(7_000, 0.1), 400, {
      cacheRead: 5_000,
      decision: {
        rule: rng.pick(RULES),
        precedent: rng.chance(0.6) ? `CLM-P${rng.int(100, 999)}` : null,
      },
    });
    if (success && rng.chance(0.2)) b.human('adjuster-review', 4);
    if (!success) b.failLast();
    return success;
  },
  aiResolved: (rng) =>
    rng.chance(0.03)
      ? ai({ overridden: true, reviewMinutes: 2, correctionMinutes: 6 })
      : rng.chance(0.25)
        ? ai({ reviewMinutes: 2 })
        : ai(),
  exhausted: (rng) =>
    rng.chance(0.7)
      ? { status: 'resolved', resolvedBy: 'human', humanMinutes: 25, overridden: false }
      : { status: 'resolved', resolvedBy: 'bpo', overridden: false },
};

const support: WorkflowScript = {
  successProbability: () => 0.86,
  maxAttempts: () => 2,
  abandonProbability: 0.15,
  build(b, rng, a, success) {
    const resendsHistory = a.agent_version === '2.3';
    const order = `O-${rng.int(100000, 999999)}`;
    b.llm('plan-tool-call', 'gpt-4.1-mini', 'openai', rng.around(1_800, 0.1), 40);
    b.tool('search-kb', 'search_kb', {
      query: rng.pick(['refund', 'delivery', 'warranty', 'login']),
    });
    b.llm('plan-tool-call', 'gpt-4.1-mini', 'openai', rng.around(1_800, 0.1), 40);
    b.tool('get-order', 'get_order', { order_id: order });
    let ok = success;
    if (rng.chance(0.1)) {
      const repeats = rng.int(3, 7);
      for (let i = 0; i < repeats; i++) {
        b.llm('plan-tool-call', 'gpt-4.1-mini', 'openai', rng.around(1_800, 0.1), 40, {
          planted: { kind: 'loop' },
        });
        b.tool('get-order', 'get_order', { order_id: order }, { kind: 'loop' });
      }
      if (rng.chance(0.5)) ok = false;
    }
    const turns = rng.int(2, 5);
    for (let turn = 0; turn < turns; turn++) {
      const base = rng.around(2_500, 0.1);
      const input = resendsHistory ? base + turn * rng.around(4_000, 0.1) : base;
      b.llm('respond', 'gpt-4.1-mini', 'openai', input, rng.around(250, 0.3), {
        planted: { kind: 'bloat-candidate' },
      });
    }
    if (!ok) b.failLast();
    return ok;
  },
  aiResolved: (rng) => (rng.chance(0.05) ? ai({ reviewMinutes: 1 }) : ai()),
  exhausted: () => ({
    status: 'resolved',
    resolvedBy: 'human',
    humanMinutes: 9,
    overridden: false,
  }),
};

const CLAUSE_RULES = ['liability-cap-7.3', 'indemnity-4.1', 'data-transfer-9.2', 'termination-2.5'];

const contracts: WorkflowScript = {
  // Forty clauses of context bury the eight that matter: wide retrieval also succeeds less often.
  successProbability: (a) => (a.retrieval_profile === 'wide' ? 0.2 : 0.35),
  maxAttempts: () => 2,
  abandonProbability: 0,
  build(b, rng, a, success) {
    const wide = a.retrieval_profile === 'wide';
    const clauses = wide ? 40 : 8;
    b.retrieval('retrieve-clauses', 'clause-library', clauses, 'CL');
    b.llm(
      'review-clauses',
      'claude-opus-4-1',
      'anthropic',
      6_000 + clauses * rng.around(1_500, 0.05),
      rng.around(1_500, 0.2),
      {
        planted: { kind: 'bloat-candidate' },
        decision: {
          rule: rng.pick(CLAUSE_RULES),
          precedent: rng.chance(0.5) ? `CTR-P${rng.int(10, 99)}` : null,
        },
      },
    );
    b.tool('check-clause', 'clause_library', { clause: rng.pick(CLAUSE_RULES) });
    const redlines = rng.int(2, 4);
    for (let i = 0; i < redlines; i++) {
      b.llm(
        'draft-redlines',
        'claude-sonnet-4-5',
        'anthropic',
        10_000 + rng.around(4_000, 0.3),
        rng.around(1_200, 0.3),
        {
          planted: { kind: 'cache-miss', prefixTokens: 10_000 },
        },
      );
    }
    if (!success) b.failLast();
    return success;
  },
  aiResolved: (rng) =>
    rng.chance(0.3)
      ? ai({ overridden: rng.chance(0.6), reviewMinutes: 25, correctionMinutes: 10 })
      : ai({ reviewMinutes: 25 }),
  exhausted: () => ({
    status: 'resolved',
    resolvedBy: 'human',
    humanMinutes: 55,
    overridden: false,
  }),
};

const invoices: WorkflowScript = {
  successProbability: () => 0.96,
  maxAttempts: () => 2,
  abandonProbability: 0,
  build(b, rng, a, success) {
    b.llm('extract-fields', 'gpt-4.1-mini', 'openai', rng.around(3_000, 0.3), rng.around(300, 0.2));
    b.llm(
      'validate',
      'gemini-2.5-flash',
      'gcp.gemini',
      rng.around(1_500, 0.2),
      rng.around(80, 0.2),
    );
    b.tool('erp-match', 'erp_match', {
      po: a.invoice_type === 'po' ? `PO-${rng.int(1000, 9999)}` : 'none',
    });
    if (!success) b.failLast();
    return success;
  },
  aiResolved: (rng) => (rng.chance(0.05) ? ai({ reviewMinutes: 1 }) : ai()),
  exhausted: (rng) =>
    rng.chance(0.5)
      ? { status: 'resolved', resolvedBy: 'bpo', overridden: false }
      : { status: 'resolved', resolvedBy: 'human', humanMinutes: 6, overridden: false },
};

const leads: WorkflowScript = {
  successProbability: () => 0.8,
  maxAttempts: () => 2,
  abandonProbability: 0.3,
  build(b, rng, a, success) {
    const frontier = a.lead_router === 'frontier';
    const input = rng.around(1_800, 0.2);
    if (frontier) {
      b.llm('classify-lead', 'claude-opus-4-1', 'anthropic', input, rng.int(6, 14), {
        planted: {
          kind: 'over-powered',
          cheaperModel: 'claude-haiku-4-5',
          cheaperProvider: 'anthropic',
        },
      });
    } else {
      b.llm('classify-lead', 'claude-haiku-4-5', 'anthropic', input, rng.int(6, 14));
    }
    b.tool('web-search', 'web_search', { q: `company-${rng.int(1, 5000)}` });
    b.tool('web-search', 'web_search', { q: `people-${rng.int(1, 5000)}` });
    b.llm('research', 'gpt-4.1', 'openai', rng.around(9_000, 0.3), rng.around(700, 0.3), {
      cacheRead: 4_096,
    });
    b.llm('write-brief', 'gpt-4.1', 'openai', rng.around(5_000, 0.2), rng.around(900, 0.2));
    if (!success) b.failLast();
    return success;
  },
  aiResolved: () => ai(),
  exhausted: () => ({ status: 'failed', overridden: false }),
};

export const SCRIPTS: Readonly<Record<string, WorkflowScript>> = {
  'claims-adjudication': claims,
  'support-tickets': support,
  'contract-review': contracts,
  'invoice-processing': invoices,
  'sales-lead-research': leads,
};
