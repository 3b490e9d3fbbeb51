/**
 * Turns the usual start-up failures into one line a person can act on; never a stack dump,
 * never the database password.
 */
export function describeStartupError(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number };
  const code = err?.code;
  if (code === 'EADDRINUSE') return `port ${err.port ?? ''} is already in use; set PORT to a free port`.replace('  ', ' ');
  if (code === 'EACCES' && err.syscall === 'listen') return `no permission to listen on port ${err.port}; set PORT above 1024`;
  if (code === 'ECONNREFUSED') return `the database refused the connection (${err.address ?? ''}:${err.port ?? ''}); check DATABASE_URL and that PostgreSQL runs`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the database host in DATABASE_URL cannot be resolved (${(err as { hostname?: string }).hostname ?? ''})`;
  if (code === '28P01' || code === '28000') return 'the database rejected the credentials in DATABASE_URL';
  if (code === '3D000') return `the database named in DATABASE_URL does not exist: ${err.message}`;
  const msg = err instanceof Error ? err.message : String(e);
  return `tipline could not start: ${msg.replace(/postgres(ql)?:\/\/[^\s]+/g, '(database URL hidden)')}`;
}
