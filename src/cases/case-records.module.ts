import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CaseRetentionService } from './case-retention.service';
import { CaseRoutingService } from './case-routing.service';
import { CasesRepository } from './cases.repository';

/**
 * The case tables without the staff side (no controllers, no scope): what system jobs such as
 * retention need. CasesModule builds on it, so there is one CasesRepository.
 */
@Module({
  imports: [AccessModule],
  providers: [CasesRepository, CaseRetentionService, CaseRoutingService],
  exports: [CasesRepository, CaseRetentionService, CaseRoutingService],
})
export class CaseRecordsModule {}
