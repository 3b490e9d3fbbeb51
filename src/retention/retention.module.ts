import { DynamicModule, Module } from '@nestjs/common';
import { CaseRecordsModule } from '../cases/case-records.module';
import { APP_CONFIG, AppConfig, ConfigError } from '../config/env';
import { parseRetentionRules, RetentionRulesError } from './retention-policy';
import { RetentionRepository } from './retention.repository';
import { RETENTION_RULES, RetentionService } from './retention.service';
import { RetentionScheduler } from './retention.scheduler';

function rules(config: AppConfig) {
  try {
    return parseRetentionRules(config.RETENTION_RULES);
  } catch (e) {
    if (e instanceof RetentionRulesError) throw new ConfigError([e.message]);
    throw e;
  }
}

/** Retention by crypto-shredding (CryptoModule and AuditModule are global; cases through CaseRecordsModule). */
@Module({
  imports: [CaseRecordsModule],
  providers: [{ provide: RETENTION_RULES, inject: [APP_CONFIG], useFactory: rules }, RetentionRepository, RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {
  /** For the app: also runs retention every RETENTION_INTERVAL_MINUTES (the CLI does not). */
  static withSchedule(): DynamicModule {
    return { module: RetentionModule, providers: [RetentionScheduler] };
  }
}
