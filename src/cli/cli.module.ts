import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { AuditModule } from '../audit/audit.module';
import { ConfigModule } from '../config/config.module';
import { CryptoModule } from '../crypto/crypto.module';
import { KeysRotateCommand } from './commands/keys-rotate.command';
import { RetentionHoldCommand } from '../retention/retention-hold.command';
import { RetentionRunCommand } from './commands/retention-run.command';
import { RetentionModule } from '../retention/retention.module';
import { AppConfig } from '../config/env';
import { UnitOfWorkModule } from '../common/unit-of-work';
import { MetricsModule } from '../metrics/metrics.module';
import { dataSourceOptions } from '../database/data-source';
import { AuditAcknowledgeIncidentCommand } from './commands/audit-acknowledge-incident.command';
import { AuditCheckpointCommand } from './commands/audit-checkpoint.command';
import { AuditCheckpointsCommand } from './commands/audit-checkpoints.command';
import { AuditVerifyCommand } from './commands/audit-verify.command';
import { DbMigrateCommand } from './commands/db-migrate.command';
import { LocalitiesImportCommand } from './commands/localities-import.command';
import { RoutingDriftCommand } from '../routing/routing-drift.command';
import { RoutingModule } from '../routing/routing.module';
import { UnitsSeedCommand } from '../routing/units-seed.command';
import { StaffCreateCommand } from '../staff/staff-create.command';
import { StaffModule } from '../staff/staff.module';
import { CHANNEL_COMMANDS } from '../channel-clients/channel-client.commands';
import { ChannelClientsModule } from '../channel-clients/channel-clients.module';

/** Every CLI command (also what `npm run cli -- --help` lists, without building the module). */
export const CLI_COMMANDS = [
  DbMigrateCommand,
  AuditVerifyCommand,
  AuditCheckpointCommand,
  AuditAcknowledgeIncidentCommand,
  AuditCheckpointsCommand,
  KeysRotateCommand,
  RetentionRunCommand,
  RetentionHoldCommand,
  LocalitiesImportCommand,
  UnitsSeedCommand,
  RoutingDriftCommand,
  StaffCreateCommand,
  ...CHANNEL_COMMANDS,
];

/** The CLI's module: the same configuration and DataSource as the app, plus the commands. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.DATABASE_URL, 4), retryAttempts: 0 }),
        UnitOfWorkModule,
        MetricsModule,
        AuditModule,
        MailModule,
        CryptoModule,
        RetentionModule,
        RoutingModule,
        StaffModule,
        ChannelClientsModule,
      ],
      providers: [...CLI_COMMANDS],
    };
  }
}
