import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ROLES, Role, StaffPrincipal } from '../auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/env';
import { needsSecondAdmin } from './staff-approval';
import { toStaffView, StaffView } from './staff-principal';
import { RoleChangeRow } from './staff.repository';
import { AuditService } from '../audit/audit.service';
import { DomainError, NotFound, ValidationFailed } from '../common/errors/domain-error';
import { RequestContext } from '../common/request-context';
import { hashPassword } from './password-hasher';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from './password-policy';
import { StaffAccountEntity } from './staff-account.entity';
import { StaffRepository } from './staff.repository';
import { generateRecoveryCodes, generateTotpSecret, hashRecoveryCode } from './totp';
import { TotpSecrets } from './totp-secrets';
import { UnitOfWork } from '../common/unit-of-work';
import { isUuid } from '../common/uuid.pipe';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export interface CreateStaffInput {
  username: string;
  displayName?: string;
  role: Role;
  /** Either the unit's id or its code. */
  unitId?: string;
  unitCode?: string;
  /** Chosen password; when absent a random one-time password is generated and returned. */
  password?: string;
  /** Known TOTP secret (tests); when absent a new one is generated and returned. */
  totpSecret?: string;
  mustChangePassword?: boolean;
}

export interface CreatedStaff {
  account: StaffAccountEntity;
  password: string;
  totpSecret: string;
  /** Ten one-time recovery codes (every account gets them at enrolment). */
  recoveryCodes: string[];
}

export interface Invitation {
  /** The one-time code the new user redeems (shown once; only its hash is stored). */
  code: string;
  expiresAt: string;
}

/** A one-time invitation code: 144 random bits, URL-safe. */
export function newInvitationCode(): string {
  return randomBytes(18).toString('base64url');
}

export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(`tipline-invitation:${String(code).trim()}`).digest('hex');
}

function selfChange(what: string): DomainError {
  return new DomainError('self_change_forbidden', `Nobody may change their own ${what}; ask another administrator.`);
}


/** A one-time password of 20 characters from a 56-symbol alphabet (~116 bits). */
export function generateOneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Staff accounts: creation, role/unit changes and disabling, each audited in its transaction. */
@Injectable()
export class StaffService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: StaffRepository,
    private readonly audit: AuditService,
    private readonly secrets: TotpSecrets,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'STAFF_INVITATION_TTL_HOURS'>,
  ) {}

  list(): Promise<StaffAccountEntity[]> {
    return this.repo.list();
  }

  /** Accounts as the API shows them (unit named by code too), optionally of one unit (given by code or id). */
  async listViews(unit?: string): Promise<StaffView[]> {
    let accounts: StaffAccountEntity[];
    if (unit) {
      const unitId = isUuid(unit) ? unit : await this.repo.unitIdByCode(unit.trim());
      if (!unitId) throw new ValidationFailed([{ field: 'unit', reason: 'unknown_unit', message: 'No unit has this code or id.' }]);
      accounts = await this.repo.listByUnit(unitId);
    } else {
      accounts = await this.repo.list();
    }
    return this.views(accounts);
  }

  async views(accounts: StaffAccountEntity[]): Promise<StaffView[]> {
    const codes = await this.repo.unitCodes(accounts.map((a) => a.unitId));
    return accounts.map((a) => toStaffView(a, codes.get(a.unitId)));
  }

  async view(account: StaffAccountEntity): Promise<StaffView> {
    return (await this.views([account]))[0];
  }

  async get(id: string): Promise<StaffAccountEntity> {
    const account = isUuid(id) ? await this.repo.findById(id) : null;
    if (!account) throw new NotFound('The staff account');
    return account;
  }

  async create(ctx: RequestContext, input: CreateStaffInput): Promise<CreatedStaff> {
    const username = String(input.username ?? '').trim().toLowerCase();
    if (!USERNAME_PATTERN.test(username)) {
      throw new ValidationFailed([{ field: 'username', reason: 'pattern', message: 'The username must be 3 to 64 of a-z, 0-9, ".", "_" and "-".' }]);
    }
    if (!ROLES.includes(input.role)) {
      throw new ValidationFailed([{ field: 'role', reason: 'unknown_role', message: `The role must be one of ${ROLES.join(', ')}.` }]);
    }
    const password = input.password ?? generateOneTimePassword();
    const problem = passwordProblem(password, username);
    if (problem) throw new ValidationFailed([{ field: 'password', reason: problem, message: PASSWORD_PROBLEM_MESSAGES[problem] }]);
    const totpSecret = input.totpSecret ?? generateTotpSecret();
    const passwordHash = await hashPassword(password);
    const recoveryCodes = generateRecoveryCodes();

    const account = await this.uow.run(async (manager) => {
      const unitId = await this.resolveUnit(manager, input);
      const taken = () =>
        new DomainError('conflict', 'An account with this username exists.', [{ field: 'username', reason: 'taken', message: 'The username is taken.' }]);
      if (await this.repo.findByUsername(username, manager)) throw taken();
      const id = randomUUID();
      const dataKeyId = await this.secrets.createKey(manager);
      const created = await this.repo.insertAccount(manager, {
        id,
        username,
        displayName: input.displayName?.trim() || username,
        unitId,
        role: input.role,
        active: true,
        passwordHash,
        mustChangePassword: input.mustChangePassword ?? true,
        totpDataKeyId: dataKeyId,
        totpSecret: await this.secrets.seal(manager, dataKeyId, id, 'totp_secret', totpSecret),
        totpPendingSecret: null,
        totpLastUsedStep: null,
      });
      // Another creation of this username committed after the check above (unique index).
      if (!created) throw taken();
      await this.repo.replaceRecoveryCodes(manager, id, recoveryCodes.map(hashRecoveryCode));
      await this.audit.record(manager, ctx, {
        action: 'staff.created',
        targetType: 'staff_account',
        targetId: id,
        unitId,
        change: { role: input.role, unitId, mustChangePassword: created.mustChangePassword },
      });
      return created;
    });
    return { account, password, totpSecret, recoveryCodes };
  }

  /**
   * An administrator creates an account as an invitation: no password and no second factor yet;
   * the new user sets both from the one-time code (POST /api/v1/auth/invitation/*). The admin
   * never sees a secret of the account. A role that needs a second admin waits for one.
   */
  async invite(
    ctx: RequestContext,
    admin: StaffPrincipal,
    input: { username: string; displayName?: string; role: Role; unitId?: string; unitCode?: string },
  ): Promise<{ account: StaffAccountEntity; invitation: Invitation; pendingApproval: RoleChangeRow | null }> {
    const username = String(input.username ?? '').trim().toLowerCase();
    if (!USERNAME_PATTERN.test(username)) {
      throw new ValidationFailed([{ field: 'username', reason: 'pattern', message: 'The username must be 3 to 64 of a-z, 0-9, ".", "_" and "-".' }]);
    }
    if (!ROLES.includes(input.role)) {
      throw new ValidationFailed([{ field: 'role', reason: 'unknown_role', message: `The role must be one of ${ROLES.join(', ')}.` }]);
    }
    // nobody knows this password: the account cannot sign in until the invitation is redeemed
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    const code = newInvitationCode();
    const expiresAt = new Date(Date.now() + this.config.STAFF_INVITATION_TTL_HOURS * 3600_000);
    return this.uow.run(async (manager) => {
      const unitId = await this.resolveUnit(manager, input);
      const unit = (await this.repo.unitLevel(unitId, manager))!;
      if (await this.repo.findByUsername(username, manager)) {
        throw new DomainError('conflict', 'An account with this username exists.', [{ field: 'username', reason: 'taken', message: 'The username is taken.' }]);
      }
      const id = randomUUID();
      const created = await this.repo.insertAccount(manager, {
        id,
        username,
        displayName: input.displayName?.trim() || username,
        unitId,
        role: input.role,
        active: true,
        passwordHash,
        mustChangePassword: false,
        totpDataKeyId: await this.secrets.createKey(manager),
        totpSecret: null,
        totpPendingSecret: null,
        totpLastUsedStep: null,
      });
      if (!created) throw new DomainError('conflict', 'An account with this username exists.', [{ field: 'username', reason: 'taken', message: 'The username is taken.' }]);
      await this.repo.insertInvitation(manager, { staffId: id, codeHash: hashInvitationCode(code), purpose: 'invite', createdBy: admin.id, expiresAt });
      await this.audit.record(manager, ctx, {
        action: 'staff.invited',
        targetType: 'staff_account',
        targetId: id,
        unitId,
        change: { role: input.role, unitId, expiresAt: expiresAt.toISOString() },
      });
      let pendingApproval: RoleChangeRow | null = null;
      if (needsSecondAdmin(input.role, unit)) {
        pendingApproval = await this.repo.insertRoleChange(manager, { staffId: id, kind: 'create', role: input.role, unitId, requestedBy: admin.id });
        await this.audit.record(manager, ctx, {
          action: 'staff.role_change_requested',
          targetType: 'staff_account',
          targetId: id,
          unitId,
          change: { changeId: pendingApproval.id, kind: 'create', role: input.role, unitId },
        });
      }
      return { account: created, invitation: { code, expiresAt: expiresAt.toISOString() }, pendingApproval };
    });
  }

  /** Pending (or decided) role changes that need a second admin. */
  roleChanges(status?: string): Promise<RoleChangeRow[]> {
    if (status !== undefined && !['pending', 'approved', 'refused'].includes(status)) {
      throw new ValidationFailed([{ field: 'status', reason: 'isIn', message: 'status must be pending, approved or refused.' }]);
    }
    return this.repo.roleChanges(status);
  }

  /**
   * A second admin approves or refuses a pending change. Neither the admin who asked nor the
   * account concerned may decide. Approving a change applies it (sessions end); refusing an
   * account's creation disables the account. Both are audited.
   */
  async decideRoleChange(ctx: RequestContext, admin: StaffPrincipal, changeId: string, decision: 'approved' | 'refused'): Promise<RoleChangeRow> {
    return this.uow.run(async (manager) => {
      const change = await this.repo.roleChangeForUpdate(manager, changeId);
      if (!change) throw new NotFound('The pending change');
      if (change.status !== 'pending') throw new DomainError('conflict', `This change was already ${change.status}.`);
      if (change.requestedBy === admin.id) throw new DomainError('self_change_forbidden', 'Another administrator must decide on a change you asked for.');
      if (change.staffId === admin.id) throw selfChange('role, unit or status');
      const account = await this.repo.findByIdForUpdate(manager, change.staffId);
      if (!account) throw new NotFound('The staff account');
      await this.repo.decideRoleChange(manager, changeId, decision, admin.id);
      let revoked = 0;
      if (decision === 'approved' && change.kind === 'change') {
        await this.repo.updateAccount(manager, account.id, { role: change.role as Role, unitId: change.unitId });
        revoked = await this.repo.revokeSessionsOf(manager, account.id);
      }
      if (decision === 'refused' && change.kind === 'create') {
        await this.repo.updateAccount(manager, account.id, { active: false, disabledAt: new Date() });
      }
      await this.audit.record(manager, ctx, {
        action: decision === 'approved' ? 'staff.role_change_approved' : 'staff.role_change_refused',
        targetType: 'staff_account',
        targetId: account.id,
        unitId: change.unitId,
        change: { changeId, kind: change.kind, role: change.role, unitId: change.unitId, requestedBy: change.requestedBy, sessionsRevoked: revoked },
      });
      return { ...change, status: decision, decidedBy: admin.id };
    });
  }

  /**
   * Resets another user's second factor: the secret and recovery codes are gone, every session
   * ends, and only that user can enrol again, with their password and the one-time code returned
   * here (the admin never learns a secret).
   */
  async resetTotp(ctx: RequestContext, admin: StaffPrincipal, id: string): Promise<Invitation> {
    if (id === admin.id) throw selfChange('second factor through the admin path; use your own enrolment');
    await this.get(id);
    const code = newInvitationCode();
    const expiresAt = new Date(Date.now() + this.config.STAFF_INVITATION_TTL_HOURS * 3600_000);
    return this.uow.run(async (manager) => {
      const account = await this.repo.findByIdForUpdate(manager, id);
      if (!account) throw new NotFound('The staff account');
      await this.repo.updateAccount(manager, id, { totpSecret: null, totpPendingSecret: null, totpLastUsedStep: null });
      await this.repo.deleteRecoveryCodes(manager, id);
      const revoked = await this.repo.revokeSessionsOf(manager, id);
      await this.repo.insertInvitation(manager, { staffId: id, codeHash: hashInvitationCode(code), purpose: 'totp_reset', createdBy: admin.id, expiresAt });
      await this.audit.record(manager, ctx, {
        action: 'staff.totp_reset',
        targetType: 'staff_account',
        targetId: id,
        unitId: account.unitId,
        change: { sessionsRevoked: revoked, expiresAt: expiresAt.toISOString() },
      });
      return { code, expiresAt: expiresAt.toISOString() };
    });
  }

  /**
   * Changes role and/or unit; every session of the account ends at once. Nobody changes their
   * own; a change that needs a second admin (staff-approval.ts) is recorded as pending instead.
   */
  async changeRoleOrUnit(
    ctx: RequestContext,
    id: string,
    change: { role?: Role; unitId?: string; unitCode?: string },
  ): Promise<StaffAccountEntity | { pending: RoleChangeRow }> {
    if (ctx.actor.type === 'staff' && ctx.actor.id === id) throw selfChange('role or unit');
    if (change.role !== undefined && !ROLES.includes(change.role)) {
      throw new ValidationFailed([{ field: 'role', reason: 'unknown_role', message: `The role must be one of ${ROLES.join(', ')}.` }]);
    }
    if (change.role === undefined && change.unitId === undefined && change.unitCode === undefined) {
      throw new ValidationFailed([{ field: 'role', reason: 'required', message: 'Give a new role, a new unit, or both.' }]);
    }
    await this.get(id);
    return this.uow.run(async (manager) => {
      const account = await this.repo.findByIdForUpdate(manager, id);
      if (!account) throw new NotFound('The staff account');
      const unitId = change.unitId !== undefined || change.unitCode !== undefined ? await this.resolveUnit(manager, change) : account.unitId;
      const before = { role: account.role, unitId: account.unitId };
      const after = { role: change.role ?? account.role, unitId };
      const unit = (await this.repo.unitLevel(after.unitId, manager))!;
      const changes = after.role !== before.role || after.unitId !== before.unitId;
      if (changes && ctx.actor.type === 'staff' && needsSecondAdmin(after.role, unit)) {
        const pending = await this.repo.insertRoleChange(manager, { staffId: id, kind: 'change', role: after.role, unitId: after.unitId, requestedBy: ctx.actor.id });
        await this.audit.record(manager, ctx, {
          action: 'staff.role_change_requested',
          targetType: 'staff_account',
          targetId: id,
          unitId: after.unitId,
          change: { changeId: pending.id, kind: 'change', before, after },
        });
        return { pending };
      }
      await this.repo.updateAccount(manager, id, after);
      const revoked = await this.repo.revokeSessionsOf(manager, id);
      await this.audit.record(manager, ctx, {
        action: 'staff.role_unit_changed',
        targetType: 'staff_account',
        targetId: id,
        unitId: after.unitId,
        change: { before, after, sessionsRevoked: revoked },
      });
      return { ...account, ...after } as StaffAccountEntity;
    });
  }

  /** Disables an account; its sessions stop working at once (revoked, and the guard checks `active`). */
  async disable(ctx: RequestContext, id: string): Promise<StaffAccountEntity> {
    if (ctx.actor.type === 'staff' && ctx.actor.id === id) throw selfChange('status');
    await this.get(id);
    return this.uow.run(async (manager) => {
      const account = await this.repo.findByIdForUpdate(manager, id);
      if (!account) throw new NotFound('The staff account');
      const now = new Date();
      await this.repo.updateAccount(manager, id, { active: false, disabledAt: now });
      const revoked = await this.repo.revokeSessionsOf(manager, id);
      await this.audit.record(manager, ctx, {
        action: 'staff.disabled',
        targetType: 'staff_account',
        targetId: id,
        unitId: account.unitId,
        change: { active: false, sessionsRevoked: revoked },
      });
      return { ...account, active: false, disabledAt: now } as StaffAccountEntity;
    });
  }

  private async resolveUnit(manager: EntityManager, input: { unitId?: string; unitCode?: string }): Promise<string> {
    if (input.unitId !== undefined) {
      if (typeof input.unitId !== 'string' || !isUuid(input.unitId) || !(await this.repo.unitExists(input.unitId, manager))) {
        throw new ValidationFailed([{ field: 'unitId', reason: 'unknown_unit', message: 'No unit has this id.' }]);
      }
      return input.unitId;
    }
    const code = String(input.unitCode ?? '').trim();
    const id = code ? await this.repo.unitIdByCode(code, manager) : null;
    if (!id) throw new ValidationFailed([{ field: 'unitCode', reason: 'unknown_unit', message: 'No unit has this code.' }]);
    return id;
  }

  /** Display names by id (case timelines, queues, claim holders). */
  displayNames(ids: string[], manager?: EntityManager): Promise<Map<string, string>> {
    return this.repo.displayNames(ids, manager);
  }

  /** May this staff member be assigned a case of this unit? (An active officer or unit lead of exactly that unit.) */
  isAssignable(staffId: string, unitId: string, manager?: EntityManager): Promise<boolean> {
    return this.repo.isAssignable(staffId, unitId, manager);
  }
}
