/**
 * `npm run migration:generate -- <PascalName>`: writes migrations/<timestamp>-<PascalName>.ts with
 * the SQL that brings a freshly migrated database in line with the entities, then says which line
 * to add to migrations/index.ts. Uses a throwaway database: on DATABASE_URL's server when set,
 * otherwise in a temporary embedded PostgreSQL.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
  let adminUrl: string;
  let cleanup = async () => undefined as void;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const dir = mkdtempSync(path.join(process.cwd(), '.data-gen-'));
    rmSync(dir, { recursive: true });
    const pg = await startEmbeddedPostgres({ dir, port: 54000 + Math.floor(Math.random() * 900) });
    adminUrl = pg.adminUrl;
    cleanup = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const dbName = `tipline_gen_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const ds = await new DataSource(dataSourceOptions(u.toString(), 2)).initialize();
  try {
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('entities and migrations agree: nothing to generate\n');
      return;
    }
    const ts = Date.now();
    const cls = `${name}${ts}`;
    const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
    const up = sql.upQueries.map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
    const down = sql.downQueries.reverse().map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
    const file = path.join('migrations', `${ts}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${cls} implements MigrationInterface {\n  name = '${cls}';\n\n  public async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    process.stdout.write(`wrote ${file}\nadd to migrations/index.ts: import { ${cls} } from './${ts}-${name}'; and append ${cls} to MIGRATIONS\n`);
  } finally {
    await ds.destroy();
    await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
    await admin.end();
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
