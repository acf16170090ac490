-- What the workflow page's success/failure comparison counts, kept per unit beside the waste
-- roll-up (migration 0009) and derived again with it (store/duckdb/compare-rollup-sql.ts), so the
-- comparison groups a few rows per unit instead of joining every step of the workflow with its
-- attempts (4-10 s per workflow at a million units). Only units the comparison judges are kept:
-- AI-resolved (`verdict` success: their last attempt) and failed (every attempt); a unit's rows
-- are derived again when its outcome changes. `attempts` and `cost` are those judged attempts'.

-- The step names, tools, models, decision rules and business attribute values ("key=value") of
-- each judged unit's judged attempts: how many of them have the value, and their cost.
CREATE TABLE compare_unit_values (
  unit_key UHUGEINT NOT NULL,
  kind VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  attempts BIGINT NOT NULL,
  cost DECIMAL(38, 15) NOT NULL,
  workflow VARCHAR NOT NULL,
  first_seen TIMESTAMP_NS,
  verdict VARCHAR NOT NULL
);

-- The counted steps of each judged unit's judged attempts per logical step: calls, costed calls
-- (priced or without usage), their priced cost, calls reporting input tokens and those tokens.
CREATE TABLE compare_unit_steps (
  unit_key UHUGEINT NOT NULL,
  step VARCHAR NOT NULL,
  calls BIGINT NOT NULL,
  costed_calls BIGINT NOT NULL,
  cost DECIMAL(38, 15) NOT NULL,
  input_calls BIGINT NOT NULL,
  input_tokens BIGINT NOT NULL,
  workflow VARCHAR NOT NULL,
  first_seen TIMESTAMP_NS,
  verdict VARCHAR NOT NULL
);

-- Every unit is derived again at the next waste, flow or comparison read, filling both tables.
UPDATE waste_rollup_state SET built = false;
