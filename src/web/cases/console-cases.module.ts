import { Module } from '@nestjs/common';
import { AccessModule } from '../../access/access.module';
import { CasesModule } from '../../cases/cases.module';
import { ClocksModule } from '../../clocks/clocks.module';
import { HotspotsModule } from '../../hotspots/hotspots.module';
import { StaffModule } from '../../staff/staff.module';
import { UnitsModule } from '../../units/units.module';
import { CasesAssetsController } from './assets.controller';
import { CaseController } from './case.controller';
import { CasePageLoader } from './case-page.loader';
import { HotspotsPagesController } from './hotspots.controller';
import { QueueController } from './queue.controller';

/** The officers' pages of the console: the queue, the case page with its action forms, the hotspots. */
@Module({
  imports: [CasesModule, ClocksModule, HotspotsModule, AccessModule, StaffModule, UnitsModule],
  controllers: [QueueController, CaseController, HotspotsPagesController, CasesAssetsController],
  providers: [CasePageLoader],
})
export class ConsoleCasesModule {}
