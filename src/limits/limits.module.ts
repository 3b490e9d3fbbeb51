import { Global, Module } from '@nestjs/common';
import { LimitsRepository } from './limits.repository';
import { LimitsService } from './limits.service';

/** Rate limits and admission for every public channel (web, hotline, SMS, Open311). */
@Global()
@Module({ providers: [LimitsRepository, LimitsService], exports: [LimitsService] })
export class LimitsModule {}
