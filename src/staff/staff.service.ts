import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ROLES, Role } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { DomainError, NotFound, ValidationFailed } from '../common/errors/domain-error';
import { RequestContext } from '../common/request-context';
import { hashPassword } from './password-hasher';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from './password-policy';
import { StaffAccountEntity } from './staff-account.entity';
import { StaffRepository } from './staff.repository';
import { generateTotpSecret } from './totp';
import { TotpSecrets } from './totp-secrets';
import { UnitOfWork } from '../common/unit-of-work';

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
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  ) {}

  list(): Promise<StaffAccountEntity[]> {
    return this.repo.list();
  }

  async get(id: string): Promise<StaffAccountEntity> {
    const account = UUID.test(id) ? await this.repo.findById(id) : null;
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
      await this.audit.record(manager, ctx, {
        action: 'staff.created',
        targetType: 'staff_account',
        targetId: id,
        unitId,
        change: { role: input.role, unitId, mustChangePassword: created.mustChangePassword },
      });
      return created;
    });
    return { account, password, totpSecret };
  }

  /** Changes role and/or unit; every session of the account ends at once. */
  async changeRoleOrUnit(ctx: RequestContext, id: string, change: { role?: Role; unitId?: string }): Promise<StaffAccountEntity> {
    if (change.role !== undefined && !ROLES.includes(change.role)) {
      throw new ValidationFailed([{ field: 'role', reason: 'unknown_role', message: `The role must be one of ${ROLES.join(', ')}.` }]);
    }
    if (change.role === undefined && change.unitId === undefined) {
      throw new ValidationFailed([{ field: 'role', reason: 'required', message: 'Give a new role, a new unit, or both.' }]);
    }
    await this.get(id);
    return this.uow.run(async (manager) => {
      const account = await this.repo.findByIdForUpdate(manager, id);
      if (!account) throw new NotFound('The staff account');
      if (change.unitId !== undefined) await this.resolveUnit(manager, { unitId: change.unitId });
      const before = { role: account.role, unitId: account.unitId };
      const after = { role: change.role ?? account.role, unitId: change.unitId ?? account.unitId };
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
      if (typeof input.unitId !== 'string' || !UUID.test(input.unitId) || !(await this.repo.unitExists(input.unitId, manager))) {
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
