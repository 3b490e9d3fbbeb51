import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { hotRead } from '../common/hot-read';
import { Unit } from '../units/unit.entity';
import { StaffAccountEntity } from './staff-account.entity';
import { StaffRecoveryCodeEntity } from './staff-recovery-code.entity';
import { SessionPurpose, StaffSessionEntity } from './staff-session.entity';

/** What a staff request needs of its session and account (read on every request: no entity hydration). */
export interface SessionWithAccount {
  session: Pick<StaffSessionEntity, 'id' | 'purpose' | 'lastSeenAt' | 'expiresAt' | 'revokedAt'>;
  account: Pick<StaffAccountEntity, 'id' | 'username' | 'role' | 'unitId' | 'active'>;
}

/** The only place that reads and writes staff accounts, sessions and recovery codes. */
@Injectable()
export class StaffRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}


  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async unitIdByCode(code: string, manager?: EntityManager): Promise<string | null> {
    const unit = await this.m(manager).getRepository(Unit).findOne({ where: { code }, select: { id: true } });
    return unit?.id ?? null;
  }

  async unitExists(id: string, manager?: EntityManager): Promise<boolean> {
    return (await this.m(manager).getRepository(Unit).count({ where: { id } })) > 0;
  }

  findByUsername(username: string, manager?: EntityManager): Promise<StaffAccountEntity | null> {
    return this.m(manager).getRepository(StaffAccountEntity).findOne({ where: { username } });
  }

  findById(id: string, manager?: EntityManager): Promise<StaffAccountEntity | null> {
    return this.m(manager).getRepository(StaffAccountEntity).findOne({ where: { id } });
  }

  /** Locks the account row for the rest of the transaction (serialises changes and logins). */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<StaffAccountEntity | null> {
    return manager.getRepository(StaffAccountEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  list(manager?: EntityManager): Promise<StaffAccountEntity[]> {
    return this.m(manager).getRepository(StaffAccountEntity).find({ order: { username: 'ASC' } });
  }

  /** Inserts an account; null when the username is taken (a creation that raced the caller's check). */
  async insertAccount(manager: EntityManager, values: Partial<StaffAccountEntity>): Promise<StaffAccountEntity | null> {
    const repo = manager.getRepository(StaffAccountEntity);
    try {
      return await repo.save(repo.create(values));
    } catch (e) {
      const driverError = (e as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driverError?.code === '23505' && driverError.constraint === 'staff_accounts_username_key') return null;
      throw e;
    }
  }

  async updateAccount(manager: EntityManager, id: string, values: Partial<StaffAccountEntity>): Promise<void> {
    await manager.getRepository(StaffAccountEntity).update({ id }, values);
  }

  /**
   * Records a TOTP step as used, only if it is later than the last one (atomic: two logins with
   * the same code cannot both pass). True when this call consumed the step.
   */
  async consumeTotpStep(manager: EntityManager, id: string, step: number): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(StaffAccountEntity)
      .set({ totpLastUsedStep: step })
      .where('id = :id AND (totp_last_used_step IS NULL OR totp_last_used_step < :step)', { id, step })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async replaceRecoveryCodes(manager: EntityManager, staffId: string, hashes: string[]): Promise<void> {
    const repo = manager.getRepository(StaffRecoveryCodeEntity);
    await repo.delete({ staffId });
    await repo.insert(hashes.map((codeHash) => ({ staffId, codeHash, usedAt: null })));
  }

  /** Marks an unused recovery code as used; true when there was one. */
  async consumeRecoveryCode(manager: EntityManager, staffId: string, codeHash: string): Promise<boolean> {
    const result = await manager
      .getRepository(StaffRecoveryCodeEntity)
      .update({ staffId, codeHash, usedAt: IsNull() }, { usedAt: () => 'now()' });
    return (result.affected ?? 0) === 1;
  }

  countUnusedRecoveryCodes(staffId: string): Promise<number> {
    return this.dataSource.getRepository(StaffRecoveryCodeEntity).count({ where: { staffId, usedAt: IsNull() } });
  }

  async insertSession(
    manager: EntityManager,
    values: { staffId: string; tokenHash: string; purpose: SessionPurpose; now: Date; expiresAt: Date },
  ): Promise<StaffSessionEntity> {
    const repo = manager.getRepository(StaffSessionEntity);
    return repo.save(
      repo.create({
        staffId: values.staffId,
        tokenHash: values.tokenHash,
        purpose: values.purpose,
        createdAt: values.now,
        lastSeenAt: values.now,
        expiresAt: values.expiresAt,
        revokedAt: null,
      }),
    );
  }

  async findSessionByTokenHash(tokenHash: string): Promise<SessionWithAccount | null> {
    // Runs on every staff request: one statement, only the columns the session check and the
    // principal use (no password hash or TOTP secret leaves the database), mapped by hand instead
    // of through the query builder and two entities. token_hash is unique: at most one row. A
    // named prepared statement on the pool (src/common/hot-read.ts): planned once per connection.
    const rows = await hotRead<{
      id: string; purpose: SessionPurpose; last_seen_at: Date; expires_at: Date; revoked_at: Date | null;
      staff_id: string; username: string; role: StaffAccountEntity['role']; unit_id: string; active: boolean;
    }>(
      this.dataSource,
      `SELECT s.id, s.purpose, s.last_seen_at, s.expires_at, s.revoked_at, a.id AS staff_id, a.username, a.role, a.unit_id, a.active
         FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
        WHERE s.token_hash = $1`,
      [tokenHash],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      session: { id: r.id, purpose: r.purpose, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, revokedAt: r.revoked_at },
      account: { id: r.staff_id, username: r.username, role: r.role, unitId: r.unit_id, active: r.active },
    };
  }

  /** Moves last_seen_at forward (sliding idle timeout), unless the session was revoked meanwhile. */
  async touchSession(id: string, now: Date): Promise<void> {
    await this.dataSource.getRepository(StaffSessionEntity).update({ id, revokedAt: IsNull() }, { lastSeenAt: now });
  }

  async revokeSession(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(StaffSessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** Revokes every open session of an account (optionally keeping one). Returns how many. */
  async revokeSessionsOf(manager: EntityManager, staffId: string, keepSessionId?: string): Promise<number> {
    const result = await manager
      .getRepository(StaffSessionEntity)
      .update({ staffId, revokedAt: IsNull(), ...(keepSessionId ? { id: Not(keepSessionId) } : {}) }, { revokedAt: () => 'now()' });
    return result.affected ?? 0;
  }

  /** Display names by id (for case timelines and queues). */
  async displayNames(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; display_name: string }[] = await manager.query('SELECT id, display_name FROM staff_accounts WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /** A staff member of exactly this unit who may be assigned a case (active officer or unit lead). */
  async isAssignable(staffId: string, unitId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM staff_accounts WHERE id = $1 AND unit_id = $2 AND active AND disabled_at IS NULL AND role IN ('officer', 'unit_lead')`,
      [staffId, unitId],
    );
    return rows.length > 0;
  }

  // ---- invitations and pending role changes (explicit SQL: small tables, no entity needed) ----

  async insertInvitation(
    manager: EntityManager,
    i: { staffId: string; codeHash: string; purpose: 'invite' | 'totp_reset'; createdBy: string; expiresAt: Date },
  ): Promise<void> {
    // a new code replaces any earlier unused one for the account
    await manager.query(`UPDATE "staff_invitations" SET "used_at" = now() WHERE "staff_id" = $1 AND "used_at" IS NULL`, [i.staffId]);
    await manager.query(
      `INSERT INTO "staff_invitations" ("staff_id", "code_hash", "purpose", "created_by", "expires_at") VALUES ($1, $2, $3, $4, $5)`,
      [i.staffId, i.codeHash, i.purpose, i.createdBy, i.expiresAt],
    );
  }

  /** A usable invitation by its code's hash (unused, unexpired), locked for the transaction. */
  async findInvitation(manager: EntityManager, codeHash: string): Promise<{ id: string; staffId: string; purpose: 'invite' | 'totp_reset' } | null> {
    const rows: { id: string; staffId: string; purpose: 'invite' | 'totp_reset' }[] = await manager.query(
      `SELECT "id", "staff_id" AS "staffId", "purpose" FROM "staff_invitations"
        WHERE "code_hash" = $1 AND "used_at" IS NULL AND "expires_at" > now() FOR UPDATE`,
      [codeHash],
    );
    return rows[0] ?? null;
  }

  async useInvitation(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE "staff_invitations" SET "used_at" = now() WHERE "id" = $1`, [id]);
  }

  async deleteRecoveryCodes(manager: EntityManager, staffId: string): Promise<void> {
    await manager.getRepository(StaffRecoveryCodeEntity).delete({ staffId });
  }

  /** The unit's kind and whether it has a parent (what "provincial level or above" is decided on). */
  async unitLevel(id: string, manager?: EntityManager): Promise<{ code: string; kind: string; parentId: string | null } | null> {
    const unit = await this.m(manager).getRepository(Unit).findOne({ where: { id }, select: { code: true, kind: true, parentId: true } });
    return unit ? { code: unit.code, kind: unit.kind, parentId: unit.parentId } : null;
  }

  /** Unit codes by id, for account views. */
  async unitCodes(ids: string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const units = await this.m(manager).getRepository(Unit).find({ where: { id: In([...new Set(ids)]) }, select: { id: true, code: true } });
    return new Map(units.map((u) => [u.id, u.code]));
  }

  async listByUnit(unitId: string): Promise<StaffAccountEntity[]> {
    return this.dataSource.getRepository(StaffAccountEntity).find({ where: { unitId }, order: { username: 'ASC' } });
  }

  async insertRoleChange(
    manager: EntityManager,
    c: { staffId: string; kind: 'create' | 'change'; role: string; unitId: string; requestedBy: string },
  ): Promise<RoleChangeRow> {
    const rows: RoleChangeRow[] = await manager.query(
      `INSERT INTO "staff_role_changes" ("staff_id", "kind", "role", "unit_id", "requested_by") VALUES ($1, $2, $3, $4, $5) RETURNING ${ROLE_CHANGE_COLUMNS}`,
      [c.staffId, c.kind, c.role, c.unitId, c.requestedBy],
    );
    return rows[0];
  }

  async roleChanges(status?: string): Promise<RoleChangeRow[]> {
    return this.dataSource.query(
      `SELECT ${ROLE_CHANGE_COLUMNS} FROM "staff_role_changes" WHERE ($1::text IS NULL OR "status" = $1) ORDER BY "requested_at" DESC LIMIT 500`,
      [status ?? null],
    );
  }

  async roleChangeForUpdate(manager: EntityManager, id: string): Promise<RoleChangeRow | null> {
    const rows: RoleChangeRow[] = await manager.query(`SELECT ${ROLE_CHANGE_COLUMNS} FROM "staff_role_changes" WHERE "id" = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async decideRoleChange(manager: EntityManager, id: string, status: 'approved' | 'refused', decidedBy: string): Promise<void> {
    await manager.query(`UPDATE "staff_role_changes" SET "status" = $2, "decided_by" = $3, "decided_at" = now() WHERE "id" = $1`, [id, status, decidedBy]);
  }

  /** The account's creation approval, if its creation needed one. */
  async creationApproval(manager: EntityManager, staffId: string): Promise<string | null> {
    const rows: { status: string }[] = await manager.query(
      `SELECT "status" FROM "staff_role_changes" WHERE "staff_id" = $1 AND "kind" = 'create' ORDER BY "requested_at" DESC LIMIT 1`,
      [staffId],
    );
    return rows[0]?.status ?? null;
  }
}

export interface RoleChangeRow {
  id: string;
  staffId: string;
  kind: 'create' | 'change';
  role: string;
  unitId: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'refused';
  decidedBy: string | null;
  decidedAt: string | null;
}
const ROLE_CHANGE_COLUMNS = `"id", "staff_id" AS "staffId", "kind", "role", "unit_id" AS "unitId", "requested_by" AS "requestedBy",
  "requested_at" AS "requestedAt", "status", "decided_by" AS "decidedBy", "decided_at" AS "decidedAt"`;
