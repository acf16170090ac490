/** The allocator form: the user types a budget and period, the server plans (`POST /api/v1/allocate`). */
import { type FormEvent, useState } from 'react';
import { type AllocationPlan, postJson } from '../api.js';
import { ErrorAlert } from '../status.js';
import { AllocatorPlanTable } from './allocator-plan-table.js';

type PlanState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; error: string }
  | { state: 'ready'; plan: AllocationPlan };

export function AllocatorPanel() {
  const [result, setResult] = useState<PlanState>({ state: 'idle' });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // The API validates the amount and names the rule when it is not one; the browser passes it on.
    const body = {
      budgetUsd: String(data.get('budgetUsd') ?? '').trim(),
      period: String(data.get('period') ?? 'month'),
    };
    setResult({ state: 'loading' });
    postJson<AllocationPlan>('/api/v1/allocate', body).then(
      (plan) => setResult({ state: 'ready', plan }),
      (error: unknown) =>
        setResult({
          state: 'error',
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  return (
    <section className="panel" aria-labelledby="allocator-heading">
      <h2 id="allocator-heading">Where a budget buys most</h2>
      <form className="allocator" onSubmit={onSubmit} aria-label="Allocate a budget">
        <label>
          Budget (USD)
          <input name="budgetUsd" inputMode="decimal" defaultValue="5000" required />
        </label>
        <label>
          Per
          <select name="period" defaultValue="month">
            <option value="day">day</option>
            <option value="week">week</option>
            <option value="month">month</option>
          </select>
        </label>
        <button type="submit">Plan</button>
      </form>
      {result.state === 'loading' ? <p aria-live="polite">Planning…</p> : null}
      {result.state === 'error' ? <ErrorAlert message={result.error} /> : null}
      {result.state === 'ready' ? <AllocatorPlanTable plan={result.plan} /> : null}
    </section>
  );
}
