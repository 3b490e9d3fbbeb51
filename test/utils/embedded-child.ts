/**
 * Runs startEmbeddedPostgres in a process of its own (jest's sandbox cannot import the ESM-only
 * package). Prints one JSON line — {"url": ...} or {"error": ...} — then keeps PostgreSQL running
 * until it gets SIGTERM (clean stop) or is killed with SIGKILL (which leaves an orphan on purpose).
 * Usage: node -r ts-node/register/transpile-only test/utils/embedded-child.ts <dir> <port>
 */
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(): Promise<void> {
  const [dir, port] = process.argv.slice(2);
  try {
    const pg = await startEmbeddedPostgres({ dir, port: Number(port) });
    process.stdout.write(`${JSON.stringify({ url: pg.url, pid: process.pid })}\n`);
    process.on('SIGTERM', () => {
      void pg.stop().then(() => process.exit(0));
    });
    setInterval(() => undefined, 1 << 30);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ error: (e as Error).message, name: (e as Error).name })}\n`);
    process.exit(1);
  }
}

void main();
