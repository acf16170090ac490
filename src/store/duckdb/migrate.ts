/**
 * Forward-only DuckDB migrations: numbered `migrations/duckdb/NNNN_name.sql` files shipped in the
 * package, applied in order, each in its own transaction with its row in `schema_migrations`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The package root: the nearest folder above this module holding package.json (src/ or dist/). */
export function findPackageRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}

export async function loadMigrations(
  dir: string = join(findPackageRoot(), 'migrations', 'duckdb'),
): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) continue;
    const sql = await readFile(join(dir, file), 'utf8');
    migrations.push({ version: Number(match[1]), name: match[2] ?? file, sql });
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${migration.version}_${migration.name}: expected ${index + 1}`);
    }
  });
  return migrations;
}

/** Applies the migrations not yet recorded; returns the versions it applied. */
export async function migrate(
  connection: DuckDBConnection,
  migrations: readonly Migration[],
): Promise<number[]> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`,
  );
  const reader = await connection.runAndReadAll('SELECT version, name FROM schema_migrations');
  const applied = new Map(reader.getRowsJS().map((row) => [Number(row[0]), String(row[1])]));
  const shipped = new Map(migrations.map((m) => [m.version, m.name]));
  // A database another build migrated (a newer release, or a development build whose migration
  // was later replaced) must not be used as if its schema were this release's.
  for (const [version, name] of applied) {
    const ours = shipped.get(version);
    if (ours === undefined)
      throw new Error(
        `the database records migration ${version} (${name}), which this release does not ship: it was migrated by a newer build`,
      );
    if (ours !== name)
      throw new Error(
        `the database records migration ${version} as ${name}, but this release's ${version} is ${ours}: it was migrated by another build; recreate it or use that build`,
      );
  }
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await connection.run('BEGIN TRANSACTION');
    try {
      await connection.run(migration.sql);
      await connection.run(
        'INSERT INTO schema_migrations VALUES ($1, $2, current_timestamp::TIMESTAMP)',
        [migration.version, migration.name],
      );
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK');
      throw error;
    }
    done.push(migration.version);
  }
  return done;
}
