import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { loggerOptions } from './common/logging/logger.options';
import { MailModule } from './mail/mail.module';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { CalendarModule } from './calendar/calendar.module';
import { ClocksModule } from './clocks/clocks.module';
import { NotificationsModule } from './notifications/notifications.module';
import { HotspotsModule } from './hotspots/hotspots.module';
import { ConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { RetentionModule } from './retention/retention.module';
import { AppConfig } from './config/env';
import { UnitOfWorkModule } from './common/unit-of-work';
import { dataSourceOptions } from './database/data-source';
import { HealthModule } from './health/health.module';
import { CategoriesModule } from './categories/categories.module';
import { IntakeModule } from './intake/intake.module';
import { LimitsModule } from './limits/limits.module';
import { ChannelsModule } from './channels/channels.module';
import { MetricsModule } from './metrics/metrics.module';
import { StaffModule } from './staff/staff.module';
import { RoutingModule } from './routing/routing.module';
import { ReportsModule } from './reports/reports.module';
import { WebModule } from './web/web.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** Where JSON logs go (stdout by default); tests pass a stream to capture them. */
  logStream?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot({ config, logStream }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config.LOG_LEVEL, logStream)),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.DATABASE_URL, config.DB_POOL_SIZE), retryAttempts: 0 }),
        UnitOfWorkModule,
        AuditModule,
        LimitsModule,
        MailModule,
        CryptoModule,
        RetentionModule.withSchedule(),
        MetricsModule,
        HealthModule,
        RoutingModule,
        StaffModule,
        CategoriesModule,
        IntakeModule,
        ChannelsModule,
        CasesModule,
        CalendarModule,
        ClocksModule,
        NotificationsModule,
        HotspotsModule,
        ReportsModule,
        WebModule,
      ],
    };
  }
}
