import { Inject, Injectable } from '@nestjs/common';
import { ChannelClientsService, AuthenticatedClient } from '../../channel-clients/channel-clients.service';
import { DomainError, FieldProblem } from '../../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../../config/env';
import type { IntakeCommand } from '../../intake/intake-command';
import { IntakeService } from '../../intake/intake.service';
import { TipsterService } from '../../intake/tipster.service';
import { LimitsService, Rule } from '../../limits/limits.service';
import { channelContext } from '../channel-context';
import { DeliveriesService, StoredResponse } from '../deliveries/deliveries.service';
import { SMS_TEXT, statusText } from './sms-replies';
import { readSmsText } from './sms-text';
import { twimlMessage } from './twiml';
import { FormParams, twilioSignatureMatches } from './twilio-signature';

const MESSAGE_SID = /^[A-Za-z0-9]{10,64}$/;
const TWIML = 'text/xml; charset=utf-8';
const twiml = (status: number, text: string | null): StoredResponse => ({ status, contentType: TWIML, body: twimlMessage(text) });
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * The SMS adapter for Twilio-compatible gateways: the signature (X-Twilio-Signature over the
 * client's configured public URL) names the client; MessageSid is the idempotency key; the
 * sender's number keys an in-memory limit and goes nowhere else.
 */
@Injectable()
export class SmsService {
  /** Texts per sender per hour, counted in the shared limits (keyed by an HMAC; the number is never stored). */
  private readonly senderRule: Rule;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clients: ChannelClientsService,
    private readonly deliveries: DeliveriesService,
    private readonly intake: IntakeService,
    private readonly tipster: TipsterService,
    private readonly limits: LimitsService,
  ) {
    this.senderRule = { limit: config.INTAKE_TIPS_PER_HOUR, windowMs: 3_600_000 };
  }

  private async clientFor(params: FormParams, signature: unknown): Promise<AuthenticatedClient> {
    if (typeof signature !== 'string' || signature === '') throw new DomainError('signature_invalid', 'X-Twilio-Signature is missing.');
    for (const c of await this.clients.activeWithSecrets('sms')) {
      if (c.client.publicUrl && twilioSignatureMatches(c.secret, c.client.publicUrl, params, signature)) return c;
    }
    throw new DomainError('signature_invalid', 'X-Twilio-Signature matches no active SMS client (its auth token and configured public URL).');
  }

  async inbound(requestId: string, params: FormParams, signature: unknown): Promise<StoredResponse> {
    const client = await this.clientFor(params, signature);
    const sid = one(params.MessageSid) ?? one(params.SmsMessageSid);
    if (!sid || !MESSAGE_SID.test(sid)) {
      const p: FieldProblem = { field: 'MessageSid', reason: 'required', message: 'Cần MessageSid (khóa chống trùng lặp). / MessageSid (the idempotency key) is required.' };
      throw new DomainError('validation_failed', 'Tin nhắn không hợp lệ. / The message is not valid.', [p]);
    }
    // The sender's number: keyed (HMAC under the limits' rotating secret) for the limit, then dropped.
    const from = one(params.From) ?? '';
    if (!(await this.limits.consume('sms_sender', `${client.client.id}:${from}`, this.senderRule)).ok) return twiml(429, SMS_TEXT.tooMany);
    const senderKey = `sms:${client.client.id}:${from}`;

    const body = one(params.Body) ?? '';
    const delivery = { client, key: sid, request: `${sid}\n${body}` };
    const ctx = channelContext(requestId, client.client);
    const intent = readSmsText(body);

    if (intent.kind === 'continue') {
      return this.deliveries.onceOutside(delivery, async () => {
        try {
          const view = await this.tipster.reply(ctx, intent.receipt, intent.text, senderKey, 'vi');
          return { caseId: null, response: twiml(200, view.freshReceipt ? `${SMS_TEXT.replied} ${statusText(view)}` : SMS_TEXT.replied) };
        } catch (e) {
          return { caseId: null, response: this.refusal(e) };
        }
      });
    }
    if (intent.kind === 'read') {
      try {
        return twiml(200, statusText(await this.tipster.status(intent.receipt, senderKey, 'vi')));
      } catch (e) {
        return this.refusal(e);
      }
    }

    const command = (locality: string | null): IntakeCommand => ({
      channel: 'sms',
      channelClientId: client.client.id,
      idempotencyKey: sid,
      filedBy: null,
      lang: 'vi',
      category: 'other',
      content: intent.text,
      place: { locality },
      observedAt: new Date().toISOString(),
      photos: [],
      allowUnplaced: true,
    });
    const submit = (locality: string | null) =>
      this.deliveries.once(
        delivery,
        (hooks) => this.intake.submit(ctx, command(locality), hooks),
        (a) => twiml(200, SMS_TEXT.received(a.receipt) + (a.placed ? '' : SMS_TEXT.unplaced)),
      );
    try {
      try {
        return await submit(intent.locality);
      } catch (e) {
        // A code that names no commune: the tip still counts, the triage desk places it.
        if (intent.locality && e instanceof DomainError && Array.isArray(e.details) && e.details.some((p) => p.field === 'locality')) return await submit(null);
        throw e;
      }
    } catch (e) {
      return this.refusal(e);
    }
  }

  /** A problem the sender can fix becomes a text back to them (never their words, never a 5xx). */
  private refusal(e: unknown): StoredResponse {
    if (!(e instanceof DomainError)) throw e;
    if (e.code === 'not_found') return twiml(200, SMS_TEXT.notFound);
    if (e.code === 'rate_limited') return twiml(429, SMS_TEXT.tooMany);
    if (e.code === 'validation_failed' && Array.isArray(e.details)) {
      return twiml(200, SMS_TEXT.invalid(e.details.map((p) => (p as FieldProblem).message).join(' ')));
    }
    throw e;
  }
}
