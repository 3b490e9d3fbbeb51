import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Prometheus metrics of this instance (a registry per app, so tests can run several). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /**
   * Refusals that name nobody: requests to staff routes without a valid session, and throttled
   * logins. Counted here, not audited one by one: an unauthenticated client could otherwise write
   * chained audit rows as fast as it can send requests (authenticated denials stay audited).
   */
  private readonly unauthenticated = new Counter({
    name: 'tipline_unauthenticated_denials_total',
    help: 'Requests to staff routes refused without a valid session, by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly throttledLogins = new Counter({
    name: 'tipline_login_throttled_total',
    help: 'Login attempts refused by the throttle, by which counter (account or client)',
    labelNames: ['by'] as const,
    registers: [this.registry],
  });

  constructor(@InjectDataSource() ds: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pool = () => (ds.driver as unknown as { master?: PgPool }).master;
    const gauge = (name: string, help: string, read: (p: PgPool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = pool();
          this.set(p ? read(p) : 0);
        },
      });
    gauge('db_pool_connections_total', 'Connections open in the database pool', (p) => p.totalCount);
    gauge('db_pool_connections_idle', 'Idle connections in the database pool', (p) => p.idleCount);
    gauge('db_pool_requests_waiting', 'Queries waiting for a pool connection', (p) => p.waitingCount);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  countUnauthenticatedDenial(code: string): void {
    this.unauthenticated.inc({ code });
  }

  countThrottledLogin(by: 'account' | 'client'): void {
    this.throttledLogins.inc({ by });
  }

  /** The current value of a counter with these labels (for tests and the health of the counters). */
  async counterValue(name: string, labels: Record<string, string>): Promise<number> {
    const metric = await this.registry.getSingleMetric(name)?.get();
    const hit = metric?.values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
    return hit?.value ?? 0;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
