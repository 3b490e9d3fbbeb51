import { Module } from '@nestjs/common';
import { LocalitiesModule } from '../localities/localities.module';
import { ConfigurationChanges } from './configuration-changes';
import { UnitsAdminController } from './units-admin.controller';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

@Module({
  imports: [LocalitiesModule],
  controllers: [UnitsAdminController],
  providers: [UnitsRepository, UnitsService, ConfigurationChanges],
  exports: [UnitsService, UnitsRepository, ConfigurationChanges],
})
export class UnitsModule {}
