import { rmSync } from 'node:fs';
import { Client } from 'pg';
import type { EmbeddedPostgresHandle } from '../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__TIPLINE_TEST__ as
    | { embedded?: EmbeddedPostgresHandle; adminUrl: string; template: string }
    | undefined;
  if (!state) return;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  try {
    const left = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2",
      [state.template, `${state.template.replace('tpl', 't')}%`],
    );
    for (const { datname } of left.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  if (state.embedded) {
    await state.embedded.stop();
    rmSync(state.embedded.dir, { recursive: true, force: true });
  }
}
