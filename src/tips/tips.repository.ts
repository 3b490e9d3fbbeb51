import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ScopedCase } from '../access/scoped';
import { CryptoService } from '../crypto/crypto.service';
import { TipPhotoEntity } from './tip-photo.entity';
import { TipEntity } from './tip.entity';

export const tipAad = (tipId: string, column: string) => ({ table: 'tips', column, rowId: tipId });
export const photoAad = (photoId: string) => ({ table: 'tip_photos', column: 'content', rowId: photoId });

/** A tip as the case view shows it (decrypted; null where retention destroyed the key). */
export interface TipView {
  id: string;
  channel: string;
  category: string;
  localityCode: string | null;
  observedAt: string;
  narrative: string | null;
  details: Record<string, unknown> | null;
  placeDescription: string | null;
  coordinates: { lat: number; lng: number } | null;
  localPoliceInvolved: boolean;
  createdAt: string;
  photos: { id: string; mime: string; width: number; height: number; bytes: number }[];
}

@Injectable()
export class TipsRepository {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
  ) {}

  /** A tip of the case (its case id is the handle's). */
  async insertTip(sc: ScopedCase, manager: EntityManager, tip: TipEntity): Promise<void> {
    await manager.getRepository(TipEntity).insert({ ...tip, caseId: sc.id });
  }

  /** A photo of one of the case's tips. */
  async insertPhoto(sc: ScopedCase, manager: EntityManager, photo: TipPhotoEntity): Promise<void> {
    const owned: unknown[] = await manager.query('SELECT 1 FROM tips WHERE id = $1 AND case_id = $2', [photo.tipId, sc.id]);
    if (owned.length === 0) throw new Error('insertPhoto: the tip is not one of the case');
    await manager.getRepository(TipPhotoEntity).insert(photo);
  }

  /** The one indexed query behind a receipt. */
  async findCaseIdByReceiptHash(receiptHash: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(TipEntity).findOne({ where: { receiptHash }, select: { caseId: true } });
    return row?.caseId ?? null;
  }

  /**
   * The tips of one case, decrypted with the case's data key (for the case view). The handle
   * proves the scope; the caller audits the read.
   */
  async findForCase(sc: ScopedCase, manager: EntityManager): Promise<TipView[]> {
    const dataKeyId = sc.dataKeyId;
    const tips = await manager.getRepository(TipEntity).find({ where: { caseId: sc.id }, order: { createdAt: 'ASC' } });
    const out: TipView[] = [];
    for (const t of tips) {
      const open = async (column: string, c: Buffer | null) => (c ? (await this.crypto.decrypt(manager, dataKeyId, tipAad(t.id, column), c))?.toString('utf8') ?? null : null);
      const details = await open('details', t.details);
      const coordinates = await open('coordinates', t.coordinates);
      const photos = await manager.getRepository(TipPhotoEntity).find({
        where: { tipId: t.id },
        select: { id: true, mime: true, width: true, height: true, bytes: true },
      });
      out.push({
        id: t.id,
        channel: t.channel,
        category: t.category,
        localityCode: t.localityCode,
        observedAt: t.observedAt.toISOString(),
        narrative: await open('narrative', t.narrative),
        details: details ? (JSON.parse(details) as Record<string, unknown>) : null,
        placeDescription: await open('place_description', t.placeDescription),
        coordinates: coordinates ? (JSON.parse(coordinates) as { lat: number; lng: number }) : null,
        localPoliceInvolved: t.localPoliceInvolved,
        createdAt: t.createdAt.toISOString(),
        photos: photos.map((p) => ({ id: p.id, mime: p.mime, width: p.width, height: p.height, bytes: p.bytes })),
      });
    }
    return out;
  }

  /**
   * One photo of one of the case's tips, found by id inside the case (one indexed query, no
   * other tip decrypted), its bytes decrypted (content null once destroyed); null when the case
   * has no such photo.
   */
  async findPhoto(sc: ScopedCase, photoId: string, manager: EntityManager): Promise<{ mime: string; content: Buffer | null } | null> {
    const p = await manager
      .getRepository(TipPhotoEntity)
      .createQueryBuilder('p')
      .innerJoin(TipEntity, 't', 't.id = p.tip_id')
      .where('p.id = :photoId AND t.case_id = :caseId', { photoId, caseId: sc.id })
      .getOne();
    if (!p) return null;
    return { mime: p.mime, content: await this.crypto.decrypt(manager, sc.dataKeyId, photoAad(p.id), p.content) };
  }
}
