-- What the workflow page's success/failure comparison counts, kept per unit beside the waste
-- roll-up (migration 0009) and derived the same way (store/duckdb/derived-rollup.ts,
-- compare-rollup-sql.ts), so the comparison groups a few rows per unit instead of joining every
-- step of the workflow with its attempts (3-9 s per workflow at a million units). It has its own
-- pending units and state, so the overview's waste and flow reads never derive it. Only units
-- the comparison judges are kept: AI-resolved (`verdict` success: their last attempt) and failed
-- (every attempt); a unit's rows are derived again when its outcome changes. `attempts` and
-- `cost` are those judged attempts'.

-- The step names, tools, models, decision rules and business attribute values ("key=value") of
-- each judged unit's judged attempts: how many of them have the value, and their cost; and one
-- row of kind 'unit' (value '') with all its judged attempts and their cost.
CREATE TABLE compare_unit_values (
  unit_key UHUGEINT NOT NULL,
  kind VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  -- a business attribute's key (kind 'attribute'), so a comparison can filter units on it
  attribute_key VARCHAR,
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

-- Units whose rows must be derived again, noted by every unit roll-up refresh and cleared by the
-- comparison roll-up's refresh before a comparison.
CREATE TABLE compare_pending_units (unit_key UHUGEINT NOT NULL);

-- false until the first full build (the first comparison after this migration), and again after
-- the unit roll-up rebuilt every unit.
CREATE TABLE compare_rollup_state (built BOOLEAN NOT NULL);
INSERT INTO compare_rollup_state VALUES (false);
