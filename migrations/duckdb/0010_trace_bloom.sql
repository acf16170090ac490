-- The trace index's Bloom filter of every stored trace id as it stood when it was last kept
-- (store/duckdb/trace-bloom.ts: at open after a rebuild, and at close). A start loads it and adds
-- the trace ids of the roll-up parts numbered after `part_seq` (every write appends a part per
-- trace it touched) instead of reading every stored trace id, which took ~3-4 s at a million
-- traces. At most one row.
CREATE TABLE trace_bloom (
  format VARCHAR NOT NULL,
  part_seq BIGINT NOT NULL,
  capacity BIGINT NOT NULL,
  false_positive_rate DOUBLE NOT NULL,
  added BIGINT NOT NULL,
  bits BLOB NOT NULL
);
