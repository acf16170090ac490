-- What each step asked and got (ingest/semconv/step-detail.ts): the logical step name that waste
-- and routing group by, a fingerprint of the request (loops are repeats of one fingerprint in one
-- attempt), the arguments' size and a retrieval's documents as a JSON list of {id, score}.
-- Rows stored before this migration keep NULL here; step_name falls back to the span name.
ALTER TABLE steps ADD COLUMN step_name VARCHAR;
ALTER TABLE steps ADD COLUMN fingerprint VARCHAR;
ALTER TABLE steps ADD COLUMN argument_bytes INTEGER;
ALTER TABLE steps ADD COLUMN documents VARCHAR;
