import { Logger as NestLogger } from '@nestjs/common';
import type { Logger, QueryRunner } from 'typeorm';

/**
 * TypeORM's own loggers print query parameters, which can hold tip content. This one logs the
 * SQL text and the error only: parameters never reach a log.
 */
export class SafeTypeOrmLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}
  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _qr?: QueryRunner): void {
    const message = error instanceof Error ? error.message : error;
    this.logger.warn({ query: query.slice(0, 500), error: message }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query: query.slice(0, 500), ms: time }, 'slow query');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
