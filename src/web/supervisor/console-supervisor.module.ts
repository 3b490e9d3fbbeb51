import { Module } from '@nestjs/common';
import { ReportsModule } from '../../reports/reports.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** The supervisor dashboard (/console/dashboard) over the reports' service. */
@Module({
  imports: [ReportsModule],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class ConsoleSupervisorModule {}
