import { Module } from '@nestjs/common';
import { LocalitiesModule } from '../localities/localities.module';
import { StaffModule } from '../staff/staff.module';
import { HotspotsController } from './hotspots.controller';
import { HotspotsRepository } from './hotspots.repository';
import { HotspotsService } from './hotspots.service';

@Module({
  imports: [StaffModule, LocalitiesModule],
  controllers: [HotspotsController],
  providers: [HotspotsRepository, HotspotsService],
  exports: [HotspotsService],
})
export class HotspotsModule {}
