import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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

  async insertTip(manager: EntityManager, tip: TipEntity): Promise<void> {
    await manager.getRepository(TipEntity).insert(tip);
  }

  async insertPhoto(manager: EntityManager, photo: TipPhotoEntity): Promise<void> {
    await manager.getRepository(TipPhotoEntity).insert(photo);
  }

  /** The one indexed query behind a receipt. */
  async findCaseIdByReceiptHash(receiptHash: string): Promise<string | null> {
    return (await this.findByReceiptHash(receiptHash))?.caseId ?? null;
  }

  async findByReceiptHash(receiptHash: string): Promise<{ id: string; caseId: string; receiptReissue: boolean } | null> {
    return this.dataSource.getRepository(TipEntity).findOne({ where: { receiptHash }, select: { id: true, caseId: true, receiptReissue: true } });
  }

  /** Replaces a receipt an operator heard, once: false if another request already did. */
  async reissueReceipt(tipId: string, oldHash: string, newHash: string): Promise<boolean> {
    const r = await this.dataSource
      .getRepository(TipEntity)
      .update({ id: tipId, receiptHash: oldHash, receiptReissue: true }, { receiptHash: newHash, receiptReissue: false });
    return (r.affected ?? 0) === 1;
  }

  /**
   * The tips of one case, decrypted with the case's data key (for the case view). The caller
   * has checked the staff member's scope on the case and audits the read.
   */
  async findForCase(caseId: string, dataKeyId: string, manager: EntityManager = this.dataSource.manager): Promise<TipView[]> {
    if (!caseId) throw new Error('findForCase needs a case id');
    const tips = await manager.getRepository(TipEntity).find({ where: { caseId }, order: { createdAt: 'ASC' } });
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

  /** One photo's bytes, decrypted (null once destroyed). */
  async photoContent(photoId: string, dataKeyId: string, manager: EntityManager = this.dataSource.manager): Promise<{ mime: string; content: Buffer | null } | null> {
    const p = await manager.getRepository(TipPhotoEntity).findOne({ where: { id: photoId } });
    if (!p) return null;
    return { mime: p.mime, content: await this.crypto.decrypt(manager, dataKeyId, photoAad(p.id), p.content) };
  }
}
