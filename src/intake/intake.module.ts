import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseFiguresModule } from '../case-figures/case-figures.module';
import { APP_CONFIG, AppConfig } from '../config/env';
import { RoutingModule } from '../routing/routing.module';
import { AbuseService } from './abuse.service';
import { ChallengeController } from './challenge.controller';
import { FormController } from './form.controller';
import { INTAKE_SECRETS, resolveIntakeSecrets } from './intake-secrets';
import { IntakeRepository } from './intake.repository';
import { TipsController } from './tips.controller';
import { TipsModule } from '../tips/tips.module';
import { TipsService } from './tips.service';
import { IntakeService } from './intake.service';
import { StatusPageController } from './status-page.controller';
import { TipsterController } from './tipster.controller';
import { TipsterService } from './tipster.service';
import { UsedProofsScheduler } from './used-proofs.scheduler';

/** Anonymous intake: proofs and limits, tips, receipts, the tipster's follow-up and the web form. */
@Module({
  imports: [RoutingModule, CasesModule, TipsModule, CaseFiguresModule],
  controllers: [ChallengeController, TipsController, TipsterController, FormController, StatusPageController],
  providers: [
    { provide: INTAKE_SECRETS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveIntakeSecrets(config) },
    IntakeRepository,
    AbuseService,
    IntakeService,
    TipsService,
    TipsterService,
    UsedProofsScheduler,
  ],
  exports: [IntakeRepository, TipsService, IntakeService, TipsterService, AbuseService],
})
export class IntakeModule {}
