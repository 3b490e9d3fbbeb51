import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';

/** The access kernel (AuditModule is global). */
@Module({
  imports: [UnitsModule],
  providers: [AccessRepository, AccessService],
  exports: [AccessService],
})
export class AccessModule {}
