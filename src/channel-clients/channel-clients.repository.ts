import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChannelClientEntity, ChannelKind } from './channel-client.entity';

@Injectable()
export class ChannelClientsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async insert(m: EntityManager, client: ChannelClientEntity): Promise<void> {
    await m.getRepository(ChannelClientEntity).insert(client);
  }

  findByName(m: EntityManager, name: string, lock = false): Promise<ChannelClientEntity | null> {
    return m.getRepository(ChannelClientEntity).findOne({ where: { name }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findByKeyId(keyId: string): Promise<ChannelClientEntity | null> {
    return this.dataSource.getRepository(ChannelClientEntity).findOne({ where: { keyId } });
  }

  findById(id: string): Promise<ChannelClientEntity | null> {
    return this.dataSource.getRepository(ChannelClientEntity).findOne({ where: { id } });
  }

  activeOfKind(kind: ChannelKind): Promise<ChannelClientEntity[]> {
    return this.dataSource.getRepository(ChannelClientEntity).find({ where: { kind, status: 'active' }, order: { createdAt: 'ASC' } });
  }

  all(): Promise<ChannelClientEntity[]> {
    return this.dataSource.getRepository(ChannelClientEntity).find({ order: { kind: 'ASC', name: 'ASC' } });
  }

  async update(m: EntityManager, id: string, changes: Partial<ChannelClientEntity>): Promise<void> {
    await m.getRepository(ChannelClientEntity).update({ id }, changes);
  }
}
