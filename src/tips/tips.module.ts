import { Module } from '@nestjs/common';
import { TipsRepository } from './tips.repository';

/**
 * Tip storage (tips and tip_photos): intake writes tips, cases reads them for the case view.
 * Its own feature so that neither imports the other for it.
 */
@Module({
  providers: [TipsRepository],
  exports: [TipsRepository],
})
export class TipsModule {}
