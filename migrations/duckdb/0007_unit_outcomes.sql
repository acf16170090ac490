-- The current outcome of each work unit, kept beside the append-only history in `outcomes`.
-- Reports join a million units with their latest record; finding that record by grouping the
-- whole history on every report cost as much as the rest of the report, so each outcome write
-- upserts here in the same transaction (a later record wins: occurred_at, then arrival_seq).
CREATE TABLE unit_outcomes (
  unit_key UHUGEINT PRIMARY KEY,
  arrival_seq BIGINT NOT NULL,
  work_unit_id VARCHAR NOT NULL,
  workflow VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  resolved_by VARCHAR,
  human_minutes DOUBLE NOT NULL,
  review_minutes DOUBLE,
  correction_minutes DOUBLE,
  overridden BOOLEAN NOT NULL,
  value_usd DECIMAL(38, 15),
  attributes VARCHAR NOT NULL,
  occurred_at TIMESTAMP_NS NOT NULL
);

INSERT INTO unit_outcomes BY NAME
SELECT * EXCLUDE (rn) FROM (
  SELECT *, row_number() OVER (PARTITION BY unit_key ORDER BY occurred_at DESC, arrival_seq DESC) AS rn
  FROM outcomes
) WHERE rn = 1;

CREATE OR REPLACE VIEW latest_outcomes AS SELECT * FROM unit_outcomes;
