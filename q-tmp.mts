import { DuckDBInstance } from '@duckdb/node-api';
const [db, ...sqls] = process.argv.slice(2);
const inst = await DuckDBInstance.create(db!, { access_mode: 'READ_ONLY' });
const c = await inst.connect();
for (const sql of sqls) {
  const t = performance.now();
  const r = await c.runAndReadAll(sql);
  console.log(`-- ${(performance.now() - t).toFixed(0)} ms`);
  for (const row of r.getRows().slice(0, 40)) console.log(row.map(v => String(v)).join(' | '));
}
