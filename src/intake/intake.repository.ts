import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { UsedProof } from './used-proof.entity';

@Injectable()
export class IntakeRepository {
  private spends = 0;
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a proof as spent; false if it was spent before. Now and then forgets expired ones. */
  async spendProof(manager: EntityManager, digest: string, expiresAt: Date): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(UsedProof)
      .values({ digest, expiresAt })
      .orIgnore()
      .returning('digest')
      .execute();
    if (++this.spends % 200 === 0) await manager.getRepository(UsedProof).delete({ expiresAt: LessThan(new Date()) });
    return inserted.raw.length === 1;
  }
}
