import { DuckDBInstance } from '@duckdb/node-api';
import { workUnitSearchSql } from './src/store/duckdb/work-unit-search.js';
const inst = await DuckDBInstance.create('/tmp/traj2m.duckdb', { access_mode: 'READ_ONLY' });
const c = await inst.connect();
const { sql, values } = workUnitSearchSql({ workflow: 'claims-adjudication', sort: 'start', limit: 50, status: 'resolved', attributes: { unusual_documents: 'yes' } });
const r = await c.runAndReadAll('EXPLAIN ANALYZE ' + sql, values);
console.log(String(r.getRows()[0]?.[1]));
