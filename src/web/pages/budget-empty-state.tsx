/** What to do when no budget is defined: the config block and the API call that create one. */
export function BudgetEmptyState() {
  const origin = window.location.origin;
  const config = `{
  "budgets": [
    { "id": "claims-month", "workflow": "claims-adjudication",
      "period": "month", "amountUsd": "500", "thresholds": [0.5, 0.8, 1] }
  ]
}`;
  const curl = `curl -X PUT ${origin}/api/v1/budgets/claims-month \\
  -H 'content-type: application/json' \\
  -d '{"workflow":"claims-adjudication","period":"month","amountUsd":"500"}'`;
  return (
    <div className="empty" data-testid="budgets-empty">
      <h3>No budgets defined</h3>
      <p>
        A budget caps spend per team and/or workflow for a day, week or month. Add one to the{' '}
        <code>budgets</code> list of your config file:
      </p>
      <pre>{config}</pre>
      <p>or create it on this server through the API:</p>
      <pre>{curl}</pre>
    </div>
  );
}
