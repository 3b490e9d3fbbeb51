/** A route as Fastify registered it (collected by an onRoute hook installed in configureApp). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

const registries = new WeakMap<object, RegisteredRoute[]>();

/** Installs the onRoute hook that records every route; call before any route is registered. */
export function collectRoutes(fastify: { addHook(name: 'onRoute', hook: (r: { method: string | string[]; url: string }) => void): unknown }): void {
  const routes: RegisteredRoute[] = [];
  registries.set(fastify, routes);
  fastify.addHook('onRoute', (r) => {
    for (const method of Array.isArray(r.method) ? r.method : [r.method]) routes.push({ method, url: r.url });
  });
}

/** Every route registered on this Fastify instance (HEAD twins of GET routes left out). */
export function registeredRoutes(fastify: object): RegisteredRoute[] {
  const routes = registries.get(fastify) ?? [];
  const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url));
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if ((r.method === 'HEAD' && gets.has(r.url)) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
