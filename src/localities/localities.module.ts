import { Module } from '@nestjs/common';
import { LocalitiesController } from './localities.controller';
import { LocalitiesRepository } from './localities.repository';
import { LocalitiesService } from './localities.service';

@Module({
  controllers: [LocalitiesController],
  providers: [LocalitiesRepository, LocalitiesService],
  exports: [LocalitiesService, LocalitiesRepository],
})
export class LocalitiesModule {}
