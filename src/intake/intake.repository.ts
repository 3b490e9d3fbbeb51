import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UsedProof } from './used-proof.entity';

@Injectable()
export class IntakeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a proof as spent; false if it was spent before (expired ones are forgotten by UsedProofsScheduler). */
  async spendProof(manager: EntityManager, digest: string, expiresAt: Date): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(UsedProof)
      .values({ digest, expiresAt })
      .orIgnore()
      .returning('digest')
      .execute();
    return inserted.raw.length === 1;
  }

  /**
   * Forgets the proofs that expired before `now` (an expired proof is refused anyway), under an
   * advisory lock: one clean-up at a time across instances. Run it in a transaction of its own
   * (UsedProofsScheduler), never inside a tip's. null when another instance holds the lock.
   */
  async forgetExpiredProofs(m: EntityManager, now: Date): Promise<number | null> {
    const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock(hashtext('tipline:used-proofs')) AS locked`);
    if (!locked) return null;
    const [{ n }] = await m.query(
      'WITH gone AS (DELETE FROM intake_used_proofs WHERE expires_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
      [now],
    );
    return n as number;
  }
}
