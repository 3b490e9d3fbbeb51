import { Module } from '@nestjs/common';
import { HotspotsModule } from '../hotspots/hotspots.module';
import { TipsStoreModule } from '../intake/tips-store.module';
import { StaffModule } from '../staff/staff.module';
import { CaseWorkService } from './case-work.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

/** Cases: the unit's queue and case work; exports CasesService to intake (openForTip, tipster view and messages). */
@Module({
  imports: [StaffModule, HotspotsModule, TipsStoreModule],
  controllers: [CasesController],
  providers: [CasesRepository, CasesService, CaseWorkService],
  exports: [CasesService, CasesRepository],
})
export class CasesModule {}
