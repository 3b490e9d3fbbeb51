import { Module } from '@nestjs/common';
import { LocalitiesModule } from '../localities/localities.module';
import { UnitsModule } from '../units/units.module';
import { RoutingAdminController } from './routing-admin.controller';
import { RoutingRepository } from './routing.repository';
import { RoutingService } from './routing.service';
import { CaseRecordsModule } from '../cases/case-records.module';

@Module({
  imports: [LocalitiesModule, UnitsModule, CaseRecordsModule],
  controllers: [RoutingAdminController],
  providers: [RoutingRepository, RoutingService],
  exports: [RoutingService, UnitsModule, LocalitiesModule],
})
export class RoutingModule {}
