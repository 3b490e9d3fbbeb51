import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UnitsModule } from '../units/units.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ScopeService } from './scope.service';
import { SessionGuard } from './session.guard';
import { StaffAdminController } from './staff-admin.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';
import { TotpSecrets } from './totp-secrets';

/** Staff identity and access. Registers the global session guard; exports ScopeService for case/tip features. */
@Module({
  imports: [UnitsModule],
  controllers: [AuthController, StaffAdminController],
  providers: [StaffRepository, StaffService, AuthService, ScopeService, TotpSecrets, { provide: APP_GUARD, useClass: SessionGuard }],
  exports: [StaffService, ScopeService, AuthService],
})
export class StaffModule {}
