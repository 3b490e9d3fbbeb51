import { Module } from '@nestjs/common';
import { HotspotsModule } from '../hotspots/hotspots.module';
import { TipsModule } from '../tips/tips.module';
import { LocalitiesModule } from '../localities/localities.module';
import { StaffModule } from '../staff/staff.module';
import { UnitsModule } from '../units/units.module';
import { CaseRecordsModule } from './case-records.module';
import { ClocksModule } from '../clocks/clocks.module';
import { CaseWorkService } from './case-work.service';
import { CaseClocksController } from './case-clocks.controller';
import { CaseClocksService } from './case-clocks.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** Cases: the unit's queue and case work; exports CasesService to intake (openForTip, tipster view and messages). */
@Module({
  imports: [CaseRecordsModule, StaffModule, UnitsModule, LocalitiesModule, HotspotsModule, TipsModule, ClocksModule],
  controllers: [CasesController, CaseClocksController],
  providers: [CasesService, CaseWorkService, CaseClocksService],
  exports: [CasesService, CaseRecordsModule],
})
export class CasesModule {}
