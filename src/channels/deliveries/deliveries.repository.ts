import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThan } from 'typeorm';
import { ChannelDeliveryEntity } from './channel-delivery.entity';
import { SignatureSeenEntity } from './signature-seen.entity';

/** Idempotency keys are kept this long (retries come within minutes; a day is generous). */
export const DELIVERY_KEEP_MS = 24 * 3_600_000;

@Injectable()
export class DeliveriesRepository {
  private writes = 0;
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(clientId: string, keyHash: string, m: EntityManager = this.dataSource.manager): Promise<ChannelDeliveryEntity | null> {
    return m.getRepository(ChannelDeliveryEntity).findOne({ where: { clientId, keyHash } });
  }

  findByToken(tokenHash: string): Promise<ChannelDeliveryEntity | null> {
    return this.dataSource.getRepository(ChannelDeliveryEntity).findOne({ where: { tokenHash } });
  }

  /**
   * Claims a key in the caller's transaction. A concurrent claim of the same key waits for this
   * transaction and then finds the key taken: false.
   */
  async claim(m: EntityManager, row: Pick<ChannelDeliveryEntity, 'clientId' | 'keyHash' | 'requestDigest' | 'tokenHash'>): Promise<boolean> {
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(ChannelDeliveryEntity)
      .values({ ...row, caseId: null, response: null, createdAt: new Date() })
      .orIgnore()
      .returning('client_id')
      .execute();
    if (++this.writes % 200 === 0) {
      await m.getRepository(ChannelDeliveryEntity).delete({ createdAt: LessThan(new Date(Date.now() - DELIVERY_KEEP_MS)), tokenHash: IsNull() });
    }
    return inserted.raw.length === 1;
  }

  async complete(m: EntityManager, clientId: string, keyHash: string, changes: { caseId: string | null; response: Buffer }): Promise<void> {
    await m.getRepository(ChannelDeliveryEntity).update({ clientId, keyHash }, changes);
  }

  async release(clientId: string, keyHash: string): Promise<void> {
    await this.dataSource.getRepository(ChannelDeliveryEntity).delete({ clientId, keyHash, response: IsNull() });
  }

  /** Records a signature as seen; false if it was seen before (a replay). Forgets expired ones now and then. */
  async seeSignature(digest: string, expiresAt: Date): Promise<boolean> {
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SignatureSeenEntity)
      .values({ digest, expiresAt })
      .orIgnore()
      .returning('digest')
      .execute();
    if (++this.writes % 200 === 0) await this.dataSource.getRepository(SignatureSeenEntity).delete({ expiresAt: LessThan(new Date()) });
    return inserted.raw.length === 1;
  }
}
