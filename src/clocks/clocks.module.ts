import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AccessModule } from '../access/access.module';
import { CaseFiguresModule } from '../case-figures/case-figures.module';
import { ClocksController } from './clocks.controller';
import { ClocksRepository } from './clocks.repository';
import { ClocksService } from './clocks.service';
import { ClocksWorker } from './clocks.worker';

/** Deadlines: policies, clocks per case, the sweep on the job queue, the at-risk list. */
@Module({
  imports: [CalendarModule, NotificationsModule, AccessModule, CaseFiguresModule],
  controllers: [ClocksController],
  providers: [ClocksRepository, ClocksService, ClocksWorker],
  exports: [ClocksService],
})
export class ClocksModule {}
