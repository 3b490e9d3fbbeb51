import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CasesService } from '../cases/cases.service';
import { FieldProblem, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { CryptoService } from '../crypto/crypto.service';
import { RoutingService } from '../routing/routing.service';
import { commandFields, IntakeCommand } from './intake-command';
import { INTAKE_SECRETS, IntakeSecrets } from './intake-secrets';
import { problem, SUMMARY } from './intake-messages';
import { CleanPhoto, coarsePhotoMeta, sanitizePhoto } from './photo-sanitizer';
import { actionTime } from '../common/anonymity/action-time';
import { newReceipt, ReceiptHasher } from './receipt';
import { TipPhotoEntity } from '../tips/tip-photo.entity';
import { TipEntity } from '../tips/tip.entity';
import { validateTip } from './tip-input';
import { photoAad, tipAad, TipsRepository } from '../tips/tips.repository';
import { UnitOfWork } from '../common/unit-of-work';
import { IntakeAdmission } from './intake-admission';

export interface SubmittedTip {
  reference: string;
  receipt: string;
}

export interface AcceptedTip extends SubmittedTip {
  tipId: string;
  caseId: string;
  /** Whether the tip could be placed (false: it went to the triage desk). */
  placed: boolean;
}

/**
 * What an adapter adds to the one transaction: `claim` runs first (spend a proof, claim an
 * idempotency key), `complete` last (store the response a retry gets). Both use the same
 * manager, so a rolled-back tip leaves nothing behind.
 */
export interface IntakeHooks {
  claim?: (m: EntityManager) => Promise<void>;
  complete?: (m: EntityManager, accepted: AcceptedTip) => Promise<void>;
}

/**
 * The one intake: takes an IntakeCommand from any channel, validates it (field problems in the
 * command's language), cleans the photos, routes it and stores case + tip + photos + audit
 * event in ONE transaction. The receipt exists only after the commit.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger('IntakeService');
  readonly hasher: ReceiptHasher;
  /** At most INTAKE_MAX_IN_FLIGHT tips worked on at once; one more is a 503 with Retry-After. */
  readonly admission: IntakeAdmission;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INTAKE_SECRETS) secrets: IntakeSecrets,
    private readonly uow: UnitOfWork,
    private readonly tips: TipsRepository,
    private readonly routing: RoutingService,
    private readonly cases: CasesService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditService,
  ) {
    this.hasher = new ReceiptHasher(secrets.receiptPepper);
    this.admission = new IntakeAdmission(config.INTAKE_MAX_IN_FLIGHT);
  }

  /**
   * Validation only (photo count, but no photo decoded, no I/O): adapters call it before they
   * spend anything (a proof is checked only after it, photos decoded only after the proof).
   */
  validate(cmd: IntakeCommand, now = new Date()) {
    const r = validateTip(commandFields(cmd), cmd.lang, now, { allowUnplaced: cmd.allowUnplaced });
    const problems: FieldProblem[] = [...r.problems];
    if (cmd.photos.length > this.config.INTAKE_MAX_PHOTOS) problems.push(problem('photos', 'too_many_photos', cmd.lang));
    return { tip: r.tip, problems };
  }

  /**
   * Takes one tip, every channel's: within the instance's admission limit (refused at once with
   * 503 and Retry-After when INTAKE_MAX_IN_FLIGHT tips are being worked on), then validation,
   * photos, routing, the receipt hash and one transaction.
   */
  submit(ctx: RequestContext, cmd: IntakeCommand, hooks: IntakeHooks = {}): Promise<AcceptedTip> {
    return this.admission.run(() => this.accept(ctx, cmd, hooks));
  }

  private async accept(ctx: RequestContext, cmd: IntakeCommand, hooks: IntakeHooks): Promise<AcceptedTip> {
    const now = new Date();
    const lang = cmd.lang;
    if (cmd.channel !== 'web' && !cmd.channelClientId) throw new Error(`a ${cmd.channel} tip needs its channel client`);
    const { tip, problems } = this.validate(cmd, now);
    const photoProblems: FieldProblem[] = [];
    const clean: CleanPhoto[] = [];
    if (!problems.some((p) => p.field === 'photos')) {
      for (const [i, p] of cmd.photos.entries()) {
        const r = await sanitizePhoto(p.data, this.config.INTAKE_MAX_PHOTO_BYTES);
        if ('problem' in r) photoProblems.push(problem(`photos[${i}]`, r.problem, lang));
        else clean.push(r);
      }
    }
    const all = [...problems, ...photoProblems];
    if (!tip || all.length > 0) throw new ValidationFailed(all, SUMMARY.invalid[lang]);

    const decision = await this.routing.route({
      category: tip.category,
      localityCode: tip.locality,
      observedAt: tip.observedAt,
      localPoliceInvolved: tip.localPoliceInvolved,
    });
    // A code that names no place is the tipster's mistake, not an unplaced tip.
    if (tip.locality !== null && !decision.resolvedLocalityCode) {
      throw new ValidationFailed([problem('locality', 'invalid_locality', lang)], SUMMARY.invalid[lang]);
    }

    const receipt = newReceipt();
    const receiptHash = await this.hasher.hash(receipt.replace(/ /g, ''));

    const accepted = await this.uow.run(async (m) => {
      await hooks.claim?.(m);
      const dataKeyId = await this.crypto.createDataKey(m, actionTime(ctx, now));
      const opened = await this.cases.openForTip(m, ctx, {
        category: tip.category,
        localityCode: tip.locality,
        observedAt: tip.observedAt,
        channel: cmd.channel,
        routing: decision,
        dataKeyId,
      });
      const id = randomUUID();
      const seal = (column: string, value: string) => this.crypto.encrypt(m, dataKeyId, tipAad(id, column), value);
      const row = new TipEntity();
      Object.assign(row, {
        id,
        caseId: opened.caseId,
        channel: cmd.channel,
        channelClientId: cmd.channelClientId,
        filedBy: cmd.filedBy,
        receiptReissue: cmd.reissueReceipt === true,
        category: tip.category,
        localityCode: decision.resolvedLocalityCode ?? tip.locality,
        observedAt: tip.observedAt,
        narrative: await seal('narrative', tip.narrative),
        details: Object.keys(tip.details).length ? await seal('details', JSON.stringify(tip.details)) : null,
        placeDescription: tip.place ? await seal('place_description', tip.place) : null,
        coordinates: tip.coordinates ? await seal('coordinates', JSON.stringify(tip.coordinates)) : null,
        localPoliceInvolved: tip.localPoliceInvolved,
        receiptHash,
        // A tipster's action: coarse, rounded down (TIPSTER_TIME_GRANULARITY_MINUTES).
        createdAt: actionTime(ctx, now),
      } satisfies Partial<TipEntity>);
      await this.tips.insertTip(opened.scoped, m, row);
      for (const p of clean) {
        const photo = new TipPhotoEntity();
        photo.id = randomUUID();
        photo.tipId = id;
        photo.mime = p.mime;
        // Coarse only: exact dimensions and sizes name a phone model.
        const meta = coarsePhotoMeta(p);
        photo.width = meta.width;
        photo.height = meta.height;
        photo.bytes = meta.bytes;
        photo.content = await this.crypto.encrypt(m, dataKeyId, photoAad(photo.id), p.content);
        await this.tips.insertPhoto(opened.scoped, m, photo);
      }
      await this.audit.record(m, ctx, {
        action: 'tip.submitted',
        targetType: 'tip',
        targetId: id,
        unitId: decision.unit.id,
        change: {
          caseId: opened.caseId,
          category: tip.category,
          channel: cmd.channel,
          channelClientId: cmd.channelClientId,
          filedBy: cmd.filedBy,
          photos: clean.length,
          ruleId: decision.ruleId,
        },
      });
      const done: AcceptedTip = { reference: opened.reference, receipt, tipId: id, caseId: opened.caseId, placed: tip.locality !== null };
      await hooks.complete?.(m, done);
      return done;
    });
    // No reference (it is stored) on a line that carries the exact time.
    this.logger.log({ channel: cmd.channel, channelClientId: cmd.channelClientId }, 'tip received');
    return accepted;
  }
}
