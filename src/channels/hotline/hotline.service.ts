import { Injectable } from '@nestjs/common';
import { ChannelClientsService } from '../../channel-clients/channel-clients.service';
import type { StaffPrincipal } from '../../auth/auth.decorators';
import { DomainError, ValidationFailed } from '../../common/errors/domain-error';
import { IntakeService } from '../../intake/intake.service';
import { SUMMARY } from '../../intake/intake-messages';
import { channelContext } from '../channel-context';
import { channelProblem } from '../channel-messages';
import { DeliveriesService, StoredResponse } from '../deliveries/deliveries.service';
import { checkHotlineSignature, HOTLINE_HEADERS, SIGNATURE_MAX_AGE_SECONDS } from './hotline-signature';
import { isIdempotencyKey, readHotlineTip, readOutVi } from './hotline-tip';

export interface HotlineRequest {
  requestId: string;
  method: string;
  /** The request target as sent (path and query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | undefined;
  body: unknown;
  /** A hotline_operator staff session, when the operator console calls with one. */
  staff?: StaffPrincipal;
}

const header = (h: HotlineRequest['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The hotline adapter: authenticates the call centre's client (API key, HMAC over timestamp,
 * method, path and body; stale and replayed signatures refused), refuses caller numbers, turns
 * the delivery into an IntakeCommand and makes exactly one tip per idempotency key.
 */
@Injectable()
export class HotlineService {
  constructor(
    private readonly clients: ChannelClientsService,
    private readonly deliveries: DeliveriesService,
    private readonly intake: IntakeService,
  ) {}

  async deliver(req: HotlineRequest): Promise<StoredResponse> {
    const client = await this.clients.authenticate(header(req.headers, HOTLINE_HEADERS.apiKey), 'hotline');
    const signature = header(req.headers, HOTLINE_HEADERS.signature);
    const check = checkHotlineSignature(
      client.secret,
      { timestamp: header(req.headers, HOTLINE_HEADERS.timestamp) ?? '', method: req.method, path: req.url, body: req.rawBody ?? Buffer.alloc(0) },
      signature,
      Math.floor(Date.now() / 1000),
    );
    if (!check.ok) {
      throw new DomainError(
        check.reason,
        check.reason === 'signature_stale'
          ? `The signature's timestamp is more than ${SIGNATURE_MAX_AGE_SECONDS / 60} minutes from the server's time.`
          : 'The signature does not match the request (HMAC-SHA256 over timestamp, method, path and body).',
      );
    }
    if (!(await this.deliveries.seeSignature(signature!, 2 * SIGNATURE_MAX_AGE_SECONDS * 1000))) {
      throw new DomainError('signature_replayed', 'This exact signed request was already received; sign each attempt anew.');
    }

    const staffFiler = req.staff?.role === 'hotline_operator' ? req.staff : undefined;
    const read = readHotlineTip(req.body, !!staffFiler);
    const key = header(req.headers, HOTLINE_HEADERS.idempotencyKey);
    if (!isIdempotencyKey(key)) read.problems.unshift(channelProblem('Idempotency-Key', 'idempotency_key_required', read.lang));
    if (read.problems.length) throw new ValidationFailed(read.problems, SUMMARY.invalid[read.lang]);

    const f = read.fields;
    const command = {
      channel: 'hotline' as const,
      channelClientId: client.client.id,
      idempotencyKey: key!,
      filedBy: staffFiler ? `staff:${staffFiler.id}` : `operator:${read.operatorId}`,
      lang: read.lang,
      category: f.category,
      content: f.narrative,
      place: { locality: f.locality, description: f.place, coordinates: f.coordinates },
      observedAt: f.observedAt,
      details: f.details,
      localPoliceInvolved: f.localPoliceInvolved,
      photos: [],
      reissueReceipt: true,
    };
    const ctx = channelContext(req.requestId, client.client);
    return this.deliveries.once(
      { client, key: key!, request: req.rawBody ?? Buffer.alloc(0) },
      (hooks) => this.intake.submit(ctx, command, hooks),
      (a) => ({
        status: 201,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ reference: a.reference, receipt: a.receipt, readOut: readOutVi(a.receipt), freshReceiptOnFirstUse: true }),
      }),
    );
  }
}
