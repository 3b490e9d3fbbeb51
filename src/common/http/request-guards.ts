import type { Server, Socket } from 'node:net';

/** No tipline request nests deeper than this (a tip's details are two levels). */
export const MAX_BODY_DEPTH = 32;

/**
 * True if `value` nests objects/arrays deeper than `max`. Iterative, so a 5,000-deep body cannot
 * overflow the stack here (validation and class-transformer recurse, so they must never see it).
 */
export function nestingDepthExceeds(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of Object.values(v as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * At most `max` open connections per client (keyed by `keyOf`, an HMAC of the address prefix);
 * a connection beyond it is closed at once. The map holds only clients with open connections.
 */
export function limitConnectionsPerClient(server: Server, max: number, keyOf: (address: string | undefined) => string | undefined): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const key = keyOf(socket.remoteAddress);
    if (key === undefined) return; // a trusted proxy's connection carries many clients
    const n = (open.get(key) ?? 0) + 1;
    if (n > max) {
      socket.destroy();
      return;
    }
    open.set(key, n);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
