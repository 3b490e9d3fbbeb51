import { Module } from '@nestjs/common';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

/** Cases: the unit's queue and case work; exports CasesService to intake (openForTip, tipster view and messages). */
@Module({
  providers: [CasesRepository, CasesService],
  exports: [CasesService, CasesRepository],
})
export class CasesModule {}
