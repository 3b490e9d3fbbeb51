/**
 * Runs startEmbeddedPostgres in a process of its own (jest's sandbox cannot import the ESM-only
 * package). Prints one JSON line — {"url": ...} or {"error": ...} — then keeps PostgreSQL running
 * until it gets SIGTERM (clean stop) or is killed with SIGKILL (which leaves an orphan on purpose).
 * Usage: node -r ts-node/register/transpile-only test/utils/embedded-child.ts <dir> <port> [<fallback dir>]
 * With a fallback dir, <dir> counts as tipline's default folder (moved there when the postgres
 * user cannot reach it); without, as one the user chose.
 */
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(): Promise<void> {
  const [dir, port, fallbackDir] = process.argv.slice(2);
  try {
    const pg = await startEmbeddedPostgres({ dir, port: Number(port), dirChosen: !fallbackDir, fallbackDir });
    process.stdout.write(`${JSON.stringify({ url: pg.url, pid: process.pid, dir: pg.dir })}\n`);
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
