import { Module } from '@nestjs/common';
import { LocalitiesModule } from '../localities/localities.module';
import { AccessModule } from '../access/access.module';
import { HotspotsController } from './hotspots.controller';
import { HotspotsRepository } from './hotspots.repository';
import { HotspotsService } from './hotspots.service';

@Module({
  imports: [AccessModule, LocalitiesModule],
  controllers: [HotspotsController],
  providers: [HotspotsRepository, HotspotsService],
  exports: [HotspotsService],
})
export class HotspotsModule {}
