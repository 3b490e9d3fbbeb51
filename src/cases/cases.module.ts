import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { HotspotsModule } from '../hotspots/hotspots.module';
import { LocalitiesModule } from '../localities/localities.module';
import { StaffModule } from '../staff/staff.module';
import { TipsModule } from '../tips/tips.module';
import { UnitsModule } from '../units/units.module';
import { CaseActionExecutor } from './actions/case-action.executor';
import { CaseActionsController } from './actions/case-actions.controller';
import { CaseQueueService } from './case-queue.service';
import { CaseRecordsModule } from './case-records.module';
import { CaseViewService } from './case-view.service';
import { ClocksModule } from '../clocks/clocks.module';
import { CaseFiguresModule } from '../case-figures/case-figures.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/**
 * Cases: opening a case for intake and the tipster's side (CasesService), the queue
 * (CaseQueueService), the case view (CaseViewService) and the actions (./actions). Every read of
 * one case goes through the access kernel's handle.
 */
@Module({
  imports: [CaseRecordsModule, AccessModule, StaffModule, UnitsModule, LocalitiesModule, HotspotsModule, TipsModule, ClocksModule, CaseFiguresModule],
  controllers: [CasesController, CaseActionsController],
  providers: [CasesService, CaseQueueService, CaseViewService, CaseActionExecutor],
  // The queue, the case view and the action executor serve the console's pages too (src/web/cases).
  exports: [CasesService, CaseRecordsModule, CaseQueueService, CaseViewService, CaseActionExecutor],
})
export class CasesModule {}
