// A sweeping instance that dies mid-sweep: it claims a batch of breaches in an open transaction
// (the sweep's own claim SQL, passed in CLAIM_SQL), says so, and waits to be killed with SIGKILL.
// Plain JavaScript so that it starts fast under the test's Node without a TypeScript loader.
const { Client } = require('pg');

(async () => {
  const c = new Client({ connectionString: process.env.DB_URL, application_name: 'tipline-killed-sweeper' });
  await c.connect();
  await c.query('BEGIN');
  const r = await c.query(process.env.CLAIM_SQL, [new Date(process.env.NOW), new Date(process.env.ESCALATE_AT), Number(process.env.LIMIT)]);
  process.stdout.write(`claimed ${r.rowCount}\n`);
  setInterval(() => undefined, 1000);
})().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
