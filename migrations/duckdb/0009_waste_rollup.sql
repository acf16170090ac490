-- Narrow per-unit facts for the waste analysis and the spend flow, derived from each unit's steps
-- so those reads never join the wide `steps` table with every trace. Kept up to date behind
-- `unit_rollup`'s refresh (store/duckdb/unit-rollup.ts, derived-rollup.ts), which notes the units
-- touched since its watermarks (new or continued traces, changed usage decisions, a new current
-- outcome); a waste or flow read derives their rows again first. A unit's attempts are told apart only as its
-- last attempt (the one that can succeed) or not. Every row carries its unit's workflow, first
-- activity and verdict (the last attempt's, from the current outcome: success, failed,
-- abandoned, pending), so the reads filter and judge without joining the units.

-- One row per unit with traces: its attempts and cost, its last attempt's cost, and example
-- traces (the trace started last of all its attempts and of all but the last; ties by trace id).
CREATE TABLE waste_unit_facts (
  unit_key UHUGEINT NOT NULL,
  workflow VARCHAR NOT NULL,
  work_unit_id VARCHAR NOT NULL,
  first_seen TIMESTAMP_NS,
  verdict VARCHAR NOT NULL,
  attempts BIGINT NOT NULL,
  cost DECIMAL(38, 15) NOT NULL,
  last_cost DECIMAL(38, 15) NOT NULL,
  latest_trace VARCHAR NOT NULL,
  earlier_trace VARCHAR
);

-- Counted, priced steps per unit, attempt side (last or not) and model: the spend flow.
CREATE TABLE spend_unit_models (
  unit_key UHUGEINT NOT NULL,
  last BOOLEAN NOT NULL,
  model VARCHAR,
  cost DECIMAL(38, 15) NOT NULL,
  steps BIGINT NOT NULL,
  workflow VARCHAR NOT NULL,
  first_seen TIMESTAMP_NS,
  verdict VARCHAR NOT NULL
);

-- Model calls per attempt, step and model: attempt success rates.
CREATE TABLE waste_attempt_models (
  unit_key UHUGEINT NOT NULL,
  last BOOLEAN NOT NULL,
  step VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  provider VARCHAR,
  calls BIGINT NOT NULL,
  last_seen TIMESTAMP_NS NOT NULL,
  short_calls BIGINT NOT NULL,
  workflow VARCHAR NOT NULL,
  first_seen TIMESTAMP_NS,
  verdict VARCHAR NOT NULL
);

-- Every model call of each successful attempt with its attempt-local waste facts: the repeated
-- tool calls it requested, whether it repeats an earlier prompt, its rank among the step's calls,
-- the step's smallest llm input (the repeated prefix) and the previous call's input.
CREATE TABLE waste_last_calls (
  unit_key UHUGEINT NOT NULL,
  workflow VARCHAR NOT NULL,
  work_unit_id VARCHAR NOT NULL,
  first_seen TIMESTAMP_NS,
  trace_id VARCHAR NOT NULL,
  span_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  step VARCHAR NOT NULL,
  model VARCHAR,
  provider VARCHAR,
  start_time TIMESTAMP_NS NOT NULL,
  input BIGINT NOT NULL,
  output_tokens BIGINT,
  cache_read_tokens BIGINT,
  cache_write_tokens BIGINT,
  cache_write_1h_tokens BIGINT,
  reasoning_tokens BIGINT,
  cost_usd DECIMAL(38, 15),
  repeats BIGINT NOT NULL,
  prompt_repeat BOOLEAN NOT NULL,
  step_rank BIGINT NOT NULL,
  prefix BIGINT,
  previous_input BIGINT
);

-- Units whose rows must be derived again, noted by every unit roll-up refresh (a unit may be
-- noted more than once) and cleared by the waste roll-up's refresh before a waste or flow read.
CREATE TABLE waste_pending_units (unit_key UHUGEINT NOT NULL);

-- false until the first full build, and again after the unit roll-up rebuilt every unit.
CREATE TABLE waste_rollup_state (built BOOLEAN NOT NULL);
INSERT INTO waste_rollup_state VALUES (false);
