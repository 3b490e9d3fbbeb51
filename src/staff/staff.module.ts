import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LimitsModule } from '../limits/limits.module';
import { UnitsModule } from '../units/units.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionGuard } from './session.guard';
import { StaffAdminController } from './staff-admin.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';
import { TotpSecrets } from './totp-secrets';

/** Staff identity and access. Registers the global session guard; case scope is the access kernel's (src/access). */
@Module({
  // LimitsModule: logins share the argon2 admission gate with the public channels (the CLI builds this module too).
  imports: [UnitsModule, LimitsModule],
  controllers: [AuthController, StaffAdminController],
  providers: [StaffRepository, StaffService, AuthService, TotpSecrets, { provide: APP_GUARD, useClass: SessionGuard }],
  exports: [StaffService, AuthService],
})
export class StaffModule {}
