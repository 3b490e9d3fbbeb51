import { Module } from '@nestjs/common';
import { TipsRepository } from './tips.repository';

/**
 * The tips table on its own, so that both intake (which writes tips and imports CasesModule to
 * open cases) and cases (whose view reads the tips) can import it without a module cycle.
 */
@Module({
  providers: [TipsRepository],
  exports: [TipsRepository],
})
export class TipsStoreModule {}
