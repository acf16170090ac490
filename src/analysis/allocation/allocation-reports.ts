/**
 * The allocation surfaces the API and CLI serve: the marginal view of one workflow, the budget
 * plan, and the recommendations. Reads the store's attempt histories and unit economics, the
 * baselines, and (for reroutes) the price book.
 */
import type { WorkflowBaseline } from '../../domain/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { Store } from '../../store/index.js';
import type { ReportRange, WorkflowReports } from '../workflow-report.js';
import { type AllocationPlan, type AllocationRequest, planAllocation } from './allocation-plan.js';
import { buildMarginalView, type MarginalView } from './marginal-view.js';
import type { Recommendation } from './recommendation.js';
import { workflowRecommendations } from './recommendations.js';
import { findRerouteCandidates, rerouteRecommendations } from './reroute.js';

const DAY_MS = 86_400_000;

function monthFactor(firstSeen: string | null, lastSeen: string | null): number {
  if (firstSeen === null || lastSeen === null) return 0;
  const span = Math.max(DAY_MS, Date.parse(lastSeen) - Date.parse(firstSeen));
  return (30 * DAY_MS) / span;
}

export class AllocationReports {
  constructor(
    private readonly store: Store,
    private readonly reports: WorkflowReports,
    private readonly prices: PriceBook | null,
  ) {}

  async #baselines(): Promise<Map<string, WorkflowBaseline>> {
    return new Map((await this.store.listBaselines()).map((b) => [b.workflow, b]));
  }

  async marginal(workflow: string, range: ReportRange = {}): Promise<MarginalView | null> {
    const [history] = await this.store.attemptHistories({ workflow, ...range });
    if (!history) return null;
    return buildMarginalView(history, (await this.#baselines()).get(workflow) ?? null);
  }

  async allocate(request: AllocationRequest): Promise<AllocationPlan> {
    const histories = await this.store.attemptHistories({});
    return planAllocation(request, histories, await this.#baselines());
  }

  async recommendations(workflow?: string): Promise<Recommendation[]> {
    const baselines = await this.#baselines();
    const histories = await this.store.attemptHistories(workflow === undefined ? {} : { workflow });
    const economics = await this.reports.workflows();
    const found: Recommendation[] = [];
    for (const e of economics) {
      const name = e.workflow ?? e.group;
      if (workflow !== undefined && name !== workflow) continue;
      const history = histories.find((h) => h.workflow === name);
      const baseline = baselines.get(name) ?? null;
      const marginal = history ? buildMarginalView(history, baseline) : null;
      const detail = await this.reports.workflow(name);
      const factor = monthFactor(e.firstSeen, e.lastSeen);
      found.push(
        ...workflowRecommendations({
          economics: e,
          marginal,
          drivers: detail?.drivers ?? [],
          unitName: baseline?.unitName ?? 'unit',
          monthFactor: factor,
        }),
      );
      if (history && this.prices) {
        const at = e.lastSeen === null ? new Date() : new Date(e.lastSeen);
        found.push(
          ...rerouteRecommendations(findRerouteCandidates(history, this.prices, factor, at)),
        );
      }
    }
    return found;
  }
}
