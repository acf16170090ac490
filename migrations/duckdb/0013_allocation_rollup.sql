-- What the allocation analysis reads (attempt histories: marginal value, retry caps, reroutes and
-- the allocator's plan), kept per decided unit beside the waste roll-up (migration 0009) and
-- derived the same way (store/duckdb/derived-rollup.ts, allocation-rollup-sql.ts), so those
-- reports sum a few rows per unit instead of grouping every step by trace and attempt (at a
-- million units that took 19 s and ran out of the server's 1 GB). Only units with an outcome and
-- traces are kept; a unit's rows are derived again when its traces or its outcome change. Every
-- row carries its unit's workflow and first activity (`unit_start`), so reads scope without a join.

-- One row per attempt: its number k (by start, then attempt key), whether it succeeded (the last
-- attempt of a unit the AI resolved), its start, counted cost, people's minutes (its `human`
-- steps', plus the outcome's when it succeeded) and its largest model-call input.
CREATE TABLE allocation_attempts (
  unit_key UHUGEINT NOT NULL,
  workflow VARCHAR NOT NULL,
  unit_start TIMESTAMP_NS,
  k BIGINT NOT NULL,
  succeeded BOOLEAN NOT NULL,
  started TIMESTAMP_NS,
  cost DECIMAL(38, 15) NOT NULL,
  minutes DOUBLE,
  max_input BIGINT
);

-- Counted model calls per unit, step name and model: calls, the unit's attempts making one and
-- how many of those succeeded, priced cost and calls, and tokens.
CREATE TABLE allocation_step_models (
  unit_key UHUGEINT NOT NULL,
  workflow VARCHAR NOT NULL,
  unit_start TIMESTAMP_NS,
  step VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  provider VARCHAR,
  calls BIGINT NOT NULL,
  attempts BIGINT NOT NULL,
  succeeded_attempts BIGINT NOT NULL,
  cost DECIMAL(38, 15) NOT NULL,
  priced_calls BIGINT NOT NULL,
  input_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  cache_read_tokens BIGINT NOT NULL,
  cache_write_tokens BIGINT NOT NULL
);

-- Units whose rows must be derived again, noted by every unit roll-up refresh and cleared by the
-- allocation roll-up's refresh before an allocation read.
CREATE TABLE allocation_pending_units (unit_key UHUGEINT NOT NULL);

-- false until the first full build (the first allocation read after this migration), and again
-- after the unit roll-up rebuilt every unit.
CREATE TABLE allocation_rollup_state (built BOOLEAN NOT NULL);
INSERT INTO allocation_rollup_state VALUES (false);
