import { Injectable } from '@nestjs/common';
import type { Lang } from '../categories/category-catalogue';
import { ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { problem, SUMMARY } from './intake-messages';
import { TIP_FIELDS } from './tip-input';
import { AbuseService } from './abuse.service';
import type { UploadedPhoto } from './intake-command';
import { IntakeService, SubmittedTip } from './intake.service';
import type { ReceiptHasher } from './receipt';
import type { VerifyOptions } from './proof-of-work';

export type { UploadedPhoto } from './intake-command';
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

  /** `proofOptions.waitFor`: the HTML form's binding, the only place a wait token is accepted. */
  async submit(ctx: RequestContext, raw: Record<string, unknown>, photos: UploadedPhoto[], lang: Lang, proofOptions: VerifyOptions = {}): Promise<SubmittedTip> {
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
    // Cheap checks first: field problems and the photo count (the tipster fixes everything at
    // once), then the proof, and only then are photos decoded (in IntakeService.submit).
    // Every field is known: anything else is named, never silently dropped.
    const unknown = Object.keys(raw).filter((k) => !TIP_FIELDS.has(k)).slice(0, 20).map((k) => problem(k.slice(0, 100), 'not_allowed', lang));
    const problems = [...unknown, ...this.intake.validate(command).problems];
    if (problems.length > 0) throw new ValidationFailed(problems, SUMMARY.invalid[lang]);
    const proof = await this.abuse.checkProof(raw.proof, lang, proofOptions);
    const { reference, receipt } = await this.intake.submit(ctx, command, { claim: (m) => this.abuse.spendProof(m, proof, lang) });
    return { reference, receipt };
  }
}
