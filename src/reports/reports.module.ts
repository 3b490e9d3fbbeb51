import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Supervisor reports: response times, hotspots year on year, backlog; JSON, CSV and XLSX. */
@Module({
  imports: [AccessModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
