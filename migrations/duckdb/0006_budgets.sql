-- Budgets per team, workflow or both, per day / ISO week / month. Amounts are exact
-- DECIMAL(38,15); thresholds a JSON array of fractions. The config file's budgets are written here
-- at start-up; PUT/DELETE /api/v1/budgets/{id} change them afterwards.
CREATE TABLE budgets (
  id VARCHAR NOT NULL,
  team VARCHAR,
  workflow VARCHAR,
  period VARCHAR NOT NULL,
  amount_usd DECIMAL(38, 15) NOT NULL,
  thresholds VARCHAR NOT NULL,
  webhook_url VARCHAR,
  updated_at TIMESTAMP NOT NULL
);
-- One row per alert delivered: a threshold ('0.5', '1', 'forecast-over') of a budget in one period
-- (by its start) is posted once, and a restart reads these rows instead of resending.
CREATE TABLE budget_alerts (
  budget_id VARCHAR NOT NULL,
  period_start TIMESTAMP NOT NULL,
  threshold VARCHAR NOT NULL,
  delivered_at TIMESTAMP NOT NULL
);
