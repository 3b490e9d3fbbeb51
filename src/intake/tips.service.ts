import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { CasesService } from '../cases/cases.service';
import type { Lang } from '../categories/category-catalogue';
import { FieldProblem, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { CryptoService } from '../crypto/crypto.service';
import { RoutingService } from '../routing/routing.service';
import { AbuseService } from './abuse.service';
import { INTAKE_SECRETS, IntakeSecrets } from './intake-secrets';
import { problem, SUMMARY } from './intake-messages';
import { IntakeRepository } from './intake.repository';
import { CleanPhoto, sanitizePhoto } from './photo-sanitizer';
import { newReceipt, ReceiptHasher } from './receipt';
import { TipPhotoEntity } from '../tips/tip-photo.entity';
import { TipEntity } from '../tips/tip.entity';
import { validateTip } from './tip-input';
import { photoAad, tipAad, TipsRepository } from '../tips/tips.repository';
import { UnitOfWork } from '../common/unit-of-work';

export interface UploadedPhoto {
  field: string;
  data: Buffer;
}

export interface SubmittedTip {
  reference: string;
  receipt: string;
}

/** The hour a tip arrived in, and no finer: precise arrival times help correlate a tipster. */
export function roundDownToHour(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
}

/**
 * Takes a tip from any anonymous channel: validates it (field problems in the tipster's
 * language), checks the proof, cleans the photos, routes it and stores case + tip + photos +
 * audit event in ONE transaction. The receipt exists only after the commit.
 */
@Injectable()
export class TipsService {
  private readonly logger = new Logger('TipsService');
  readonly hasher: ReceiptHasher;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INTAKE_SECRETS) secrets: IntakeSecrets,
    private readonly abuse: AbuseService,
    private readonly intake: IntakeRepository,
    private readonly tips: TipsRepository,
    private readonly routing: RoutingService,
    private readonly cases: CasesService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditService,
  ) {
    this.hasher = new ReceiptHasher(secrets.receiptPepper);
  }

  async submit(ctx: RequestContext, raw: Record<string, unknown>, photos: UploadedPhoto[], lang: Lang, channel = 'web'): Promise<SubmittedTip> {
    const now = new Date();
    const { tip, problems } = validateTip(raw, lang, now);
    const photoProblems: FieldProblem[] = [];
    if (photos.length > this.config.INTAKE_MAX_PHOTOS) photoProblems.push(problem('photos', 'too_many_photos', lang));
    const clean: CleanPhoto[] = [];
    if (photoProblems.length === 0) {
      for (const [i, p] of photos.entries()) {
        const r = await sanitizePhoto(p.data, this.config.INTAKE_MAX_PHOTO_BYTES);
        if ('problem' in r) photoProblems.push(problem(`photos[${i}]`, r.problem, lang));
        else clean.push(r);
      }
    }
    const all = [...problems, ...photoProblems];
    if (!tip || all.length > 0) throw new ValidationFailed(all, SUMMARY.invalid[lang]);
    const proof = await this.abuse.checkProof(raw.proof, lang);

    const decision = await this.routing.route({
      category: tip.category,
      localityCode: tip.locality,
      observedAt: tip.observedAt,
      localPoliceInvolved: tip.localPoliceInvolved,
    });
    if (!decision.resolvedLocalityCode) {
      throw new ValidationFailed([problem('locality', 'invalid_locality', lang)], SUMMARY.invalid[lang]);
    }

    const receipt = newReceipt();
    const receiptHash = await this.hasher.hash(receipt.replace(/ /g, ''));

    const reference = await this.uow.run(async (m) => {
      await this.abuse.spendProof(m, proof, lang);
      const dataKeyId = await this.crypto.createDataKey(m);
      const opened = await this.cases.openForTip(m, ctx, {
        category: tip.category,
        localityCode: tip.locality,
        observedAt: tip.observedAt,
        channel,
        routing: decision,
        dataKeyId,
      });
      const id = randomUUID();
      const seal = (column: string, value: string) => this.crypto.encrypt(m, dataKeyId, tipAad(id, column), value);
      const row = new TipEntity();
      Object.assign(row, {
        id,
        caseId: opened.caseId,
        channel,
        category: tip.category,
        localityCode: decision.resolvedLocalityCode ?? tip.locality,
        observedAt: tip.observedAt,
        narrative: await seal('narrative', tip.narrative),
        details: Object.keys(tip.details).length ? await seal('details', JSON.stringify(tip.details)) : null,
        placeDescription: tip.place ? await seal('place_description', tip.place) : null,
        coordinates: tip.coordinates ? await seal('coordinates', JSON.stringify(tip.coordinates)) : null,
        localPoliceInvolved: tip.localPoliceInvolved,
        receiptHash,
        createdAt: roundDownToHour(now),
      } satisfies Partial<TipEntity>);
      await this.tips.insertTip(opened.scoped, m, row);
      for (const p of clean) {
        const photo = new TipPhotoEntity();
        photo.id = randomUUID();
        photo.tipId = id;
        photo.mime = p.mime;
        photo.width = p.width;
        photo.height = p.height;
        photo.bytes = p.bytes;
        photo.content = await this.crypto.encrypt(m, dataKeyId, photoAad(photo.id), p.content);
        await this.tips.insertPhoto(opened.scoped, m, photo);
      }
      await this.audit.record(m, ctx, {
        action: 'tip.submitted',
        targetType: 'tip',
        targetId: id,
        unitId: decision.unit.id,
        change: { caseId: opened.caseId, category: tip.category, channel, photos: clean.length, ruleId: decision.ruleId },
      });
      return opened.reference;
    });
    this.logger.log({ reference, channel }, 'tip received');
    return { reference, receipt };
  }
}
