import { INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditModule } from '../../src/audit/audit.module';
import { ConfigModule } from '../../src/config/config.module';
import { AppConfig, loadConfig } from '../../src/config/env';
import { CryptoModule } from '../../src/crypto/crypto.module';
import { CryptoService } from '../../src/crypto/crypto.service';
import { dataSourceOptions } from '../../src/database/data-source';
import { UnitOfWorkModule } from '../../src/common/unit-of-work';

export const newMasterKey = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

export interface CryptoHarness {
  ctx: INestApplicationContext;
  crypto: CryptoService;
  ds: DataSource;
  close(): Promise<void>;
}

/**
 * Only what encryption needs (configuration, the DataSource, audit, CryptoModule) on a given database,
 * so that two "instances" with different MASTER_KEYS can share one database, like a rolling
 * rotation in production.
 */
export async function cryptoHarness(url: string, env: Record<string, string> = {}, extra: ModuleMetadata = {}): Promise<CryptoHarness> {
  const config: AppConfig = { ...loadConfig({ NODE_ENV: 'test', ...env }), DATABASE_URL: url };
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      TypeOrmModule.forRoot({ ...dataSourceOptions(url, 4), retryAttempts: 0 }),
      UnitOfWorkModule,
      AuditModule,
      CryptoModule,
      ...(extra.imports ?? []),
    ],
    providers: extra.providers ?? [],
  }).compile();
  const ctx = await moduleRef.init();
  return { ctx, crypto: ctx.get(CryptoService), ds: ctx.get(DataSource), close: () => ctx.close() };
}
