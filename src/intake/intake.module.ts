import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/env';
import { AbuseService } from './abuse.service';
import { ChallengeController } from './challenge.controller';
import { INTAKE_SECRETS, resolveIntakeSecrets } from './intake-secrets';
import { IntakeRepository } from './intake.repository';

/** Anonymous intake: proofs and limits, tips, receipts, the tipster's follow-up and the web form. */
@Module({
  controllers: [ChallengeController],
  providers: [
    { provide: INTAKE_SECRETS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveIntakeSecrets(config) },
    IntakeRepository,
    AbuseService,
  ],
  exports: [IntakeRepository],
})
export class IntakeModule {}
