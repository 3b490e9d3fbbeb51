import { Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/env';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AUDIT_SIGNING_KEY } from './audit-keys';
import { AuditWitnesses } from './audit-witnesses.service';
import { loadSigningKey } from './audit-signing-key';
import { AuditVerifyService } from './audit-verify.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit trail. Global: every feature records through AuditService without importing this module. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AuditRepository,
    AuditService,
    AuditVerifyService,
    AuditCheckpointService,
    AuditWitnesses,
    {
      provide: AUDIT_SIGNING_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const key = loadSigningKey(config);
        if (key.source !== 'AUDIT_SIGNING_KEY') new Logger('Audit').warn(`audit checkpoints are signed with ${key.source}`);
        return key;
      },
    },
  ],
  exports: [AuditService, AuditVerifyService, AuditCheckpointService, AuditWitnesses],
})
export class AuditModule {}
