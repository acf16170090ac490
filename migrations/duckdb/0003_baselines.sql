-- Baselines per workflow (BPO price, labour, value, fixed cost per attempt). The config file's
-- workflows are written here at start-up; PUT /api/v1/workflows/{workflow}/baseline updates them.
CREATE TABLE workflow_baselines (
  workflow VARCHAR NOT NULL,
  team VARCHAR,
  unit_name VARCHAR NOT NULL,
  bpo_price_per_unit_usd DECIMAL(38, 15),
  labor_minutes_per_unit DOUBLE,
  loaded_hourly_rate_usd DECIMAL(38, 15),
  value_per_resolved_usd DECIMAL(38, 15),
  fixed_cost_per_attempt_usd DECIMAL(38, 15) NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
