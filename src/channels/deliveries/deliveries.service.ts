import { Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { AuthenticatedClient } from '../../channel-clients/channel-clients.service';
import { ChannelClientsService } from '../../channel-clients/channel-clients.service';
import { DomainError } from '../../common/errors/domain-error';
import { UnitOfWork } from '../../common/unit-of-work';
import type { AcceptedTip, IntakeHooks } from '../../intake/intake.service';
import { DeliveriesRepository } from './deliveries.repository';

/** What a channel answered to a delivery; a retry gets exactly this again. */
export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface Delivery {
  client: AuthenticatedClient;
  /** The idempotency key as the client sent it (only its HMAC is stored). */
  key: string;
  /** The request as signed (body, or the sorted form fields): same key + other request = 422. */
  request: string | Buffer;
  /** Open311: the token handed back instead of a request id (stored as SHA-256). */
  token?: string;
}

class KeyTaken extends Error {}

export const sha256 = (v: string | Buffer): string => createHash('sha256').update(v).digest('hex');

/**
 * Idempotent deliveries: the key is claimed inside the tip's transaction (IntakeHooks), and the
 * first response is stored there too, encrypted under the client's data key. A retry, even one
 * racing the first delivery, gets the stored response and makes no second tip; the same key
 * with another request is refused with 422.
 */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: DeliveriesRepository,
    private readonly clients: ChannelClientsService,
  ) {}

  keyHash(d: Delivery): string {
    return createHmac('sha256', d.client.secret).update(`delivery:${d.key}`).digest('hex');
  }

  private aad(clientId: string, keyHash: string) {
    return { table: 'channel_deliveries', column: 'response', rowId: `${clientId}:${keyHash}` };
  }

  /** The stored response for this key, or null when the key is new. Throws 422 for another request. */
  async previous(d: Delivery): Promise<StoredResponse | null> {
    const keyHash = this.keyHash(d);
    const row = await this.repo.find(d.client.client.id, keyHash);
    if (!row) return null;
    if (row.requestDigest !== sha256(d.request)) {
      throw new DomainError('idempotency_key_reused', 'This idempotency key was used for a different request.', { field: 'Idempotency-Key' });
    }
    if (!row.response) return { status: 202, contentType: 'application/json', body: JSON.stringify({ status: 'processing' }) };
    const body = await this.clients.open(d.client.client, this.aad(row.clientId, keyHash), row.response);
    return body ? (JSON.parse(body) as StoredResponse) : null;
  }

  /**
   * Runs `work` (which hands the hooks to IntakeService.submit) once per key: the hooks claim
   * the key first in the tip's transaction and store `respond(accepted)` last.
   */
  async once(d: Delivery, work: (hooks: IntakeHooks) => Promise<AcceptedTip>, respond: (a: AcceptedTip) => StoredResponse): Promise<StoredResponse> {
    const before = await this.previous(d);
    if (before) return before;
    const keyHash = this.keyHash(d);
    const clientId = d.client.client.id;
    let response: StoredResponse | null = null;
    try {
      await work({
        claim: async (m) => {
          const claimed = await this.repo.claim(m, { clientId, keyHash, requestDigest: sha256(d.request), tokenHash: d.token ? sha256(d.token) : null });
          if (!claimed) throw new KeyTaken();
        },
        complete: async (m, accepted) => {
          response = respond(accepted);
          await this.store(m, d, keyHash, accepted.caseId, response);
        },
      });
    } catch (e) {
      if (!(e instanceof KeyTaken)) throw e;
      const raced = await this.previous(d);
      if (raced) return raced;
      throw new DomainError('conflict', 'The same delivery is being processed; retry shortly.');
    }
    return response!;
  }

  /**
   * For work that opens no tip (an SMS continuing a dialogue): claims the key in a short
   * transaction of its own, runs the work, stores the response; a failure releases the key.
   */
  async onceOutside(d: Delivery, work: () => Promise<{ caseId: string | null; response: StoredResponse }>): Promise<StoredResponse> {
    const before = await this.previous(d);
    if (before) return before;
    const keyHash = this.keyHash(d);
    const clientId = d.client.client.id;
    const claimed = await this.uow.run((m) => this.repo.claim(m, { clientId, keyHash, requestDigest: sha256(d.request), tokenHash: null }));
    if (!claimed) return (await this.previous(d)) ?? { status: 202, contentType: 'application/json', body: '{}' };
    try {
      const done = await work();
      await this.uow.run((m) => this.store(m, d, keyHash, done.caseId, done.response));
      return done.response;
    } catch (e) {
      await this.repo.release(clientId, keyHash);
      throw e;
    }
  }

  private async store(m: EntityManager, d: Delivery, keyHash: string, caseId: string | null, response: StoredResponse): Promise<void> {
    const sealed = await this.clients.seal(m, d.client.client, this.aad(d.client.client.id, keyHash), JSON.stringify(response));
    await this.repo.complete(m, d.client.client.id, keyHash, { caseId, response: sealed });
  }

  /** Open311: the response stored for a token (it names the request id), or null. */
  async responseOfToken(token: string): Promise<StoredResponse | null> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
    const row = await this.repo.findByToken(sha256(token));
    if (!row?.response || !row.caseId) return null;
    const client = await this.clients.byId(row.clientId);
    if (!client) return null;
    const body = await this.clients.open(client, this.aad(row.clientId, row.keyHash), row.response);
    return body ? (JSON.parse(body) as StoredResponse) : null;
  }

  /** Records a signature; false when it was seen in the last minutes (a replay). */
  seeSignature(signature: string, ttlMs: number): Promise<boolean> {
    return this.repo.seeSignature(sha256(signature), new Date(Date.now() + ttlMs));
  }
}
