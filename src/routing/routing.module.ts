import { Module } from '@nestjs/common';
import { LocalitiesModule } from '../localities/localities.module';
import { UnitsModule } from '../units/units.module';
import { RoutingAdminController } from './routing-admin.controller';
import { RoutingRepository } from './routing.repository';
import { RoutingService } from './routing.service';

@Module({
  imports: [LocalitiesModule, UnitsModule],
  controllers: [RoutingAdminController],
  providers: [RoutingRepository, RoutingService],
  exports: [RoutingService, UnitsModule, LocalitiesModule],
})
export class RoutingModule {}
