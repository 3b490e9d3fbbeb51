import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

export type Work<T> = (manager: EntityManager) => Promise<T>;

/**
 * The one way a service opens a transaction: `uow.run((m) => ...)`. Every repository method that
 * writes takes the `EntityManager` it is given, and the audit event of a change is recorded with
 * the same manager (the audit recorder refuses to run outside a transaction), so a change and its
 * audit event commit or roll back together.
 */
@Injectable()
export class UnitOfWork {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
  run<T>(work: Work<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation ? this.ds.transaction(isolation, work) : this.ds.transaction(work);
  }
}

/** Global: every feature injects UnitOfWork without importing this module. */
@Global()
@Module({ providers: [UnitOfWork], exports: [UnitOfWork] })
export class UnitOfWorkModule {}
