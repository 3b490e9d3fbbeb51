import { Module } from '@nestjs/common';
import { CasesModule } from '../../cases/cases.module';
import { AuditConsoleService } from './audit-console.service';
import { AuditConsoleController } from './audit.controller';

/** The auditor's pages (/console/audit) over the audit services (global AuditModule) and a case reference lookup. */
@Module({
  imports: [CasesModule],
  controllers: [AuditConsoleController],
  providers: [AuditConsoleService],
})
export class ConsoleAuditorModule {}
