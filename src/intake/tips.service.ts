import { Injectable } from '@nestjs/common';
import type { Lang } from '../categories/category-catalogue';
import { ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { SUMMARY } from './intake-messages';
import { AbuseService } from './abuse.service';
import type { UploadedPhoto } from './intake-command';
import { IntakeService, SubmittedTip } from './intake.service';
import type { ReceiptHasher } from './receipt';

export type { UploadedPhoto } from './intake-command';
export { roundDownToHour } from './intake.service';
export type { SubmittedTip } from './intake.service';

/**
 * The web adapter (the JSON API and the citizen form): the proof of work and the form's age
 * belong to this channel only. It checks the proof, turns the fields into an IntakeCommand and
 * hands it to the one IntakeService; the proof is spent inside the tip's transaction.
 */
@Injectable()
export class TipsService {
  constructor(
    private readonly abuse: AbuseService,
    private readonly intake: IntakeService,
  ) {}

  get hasher(): ReceiptHasher {
    return this.intake.hasher;
  }

  async submit(ctx: RequestContext, raw: Record<string, unknown>, photos: UploadedPhoto[], lang: Lang): Promise<SubmittedTip> {
    const filedBy = ctx.actor.type === 'staff' ? `staff:${ctx.actor.id}` : null;
    const command = {
      channel: 'web' as const,
      channelClientId: null,
      idempotencyKey: null,
      filedBy,
      lang,
      category: raw.category,
      content: raw.narrative,
      place: { locality: raw.locality, description: raw.place, coordinates: raw.coordinates },
      observedAt: raw.observedAt,
      details: raw.details,
      localPoliceInvolved: raw.localPoliceInvolved,
      photos,
    };
    // Field problems first (the tipster fixes everything at once), then the proof.
    const { problems } = this.intake.validate(command);
    if (problems.length > 0) throw new ValidationFailed(problems, SUMMARY.invalid[lang]);
    const proof = await this.abuse.checkProof(raw.proof, lang);
    const { reference, receipt } = await this.intake.submit(ctx, command, { claim: (m) => this.abuse.spendProof(m, proof, lang) });
    return { reference, receipt };
  }
}
