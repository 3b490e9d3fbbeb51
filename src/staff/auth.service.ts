import { Inject, Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { StaffPrincipal } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { DomainError, ValidationFailed } from '../common/errors/domain-error';
import { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { LimitsService } from '../limits/limits.service';
import { MetricsService } from '../metrics/metrics.service';
import { DEFAULT_THROTTLE, LoginThrottle } from './login-throttle';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password-hasher';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from './password-policy';
import { StaffAccountEntity } from './staff-account.entity';
import { SessionPurpose } from './staff-session.entity';
import { StaffRepository } from './staff.repository';
import { hashInvitationCode } from './staff.service';
import { toPrincipal } from './staff-principal';
import { csrfTokenFor, hashSessionToken, newSessionToken, sessionState, SESSION_TOKEN_PATTERN } from './session-token';
import { acceptTotp, generateRecoveryCodes, generateTotpSecret, hashRecoveryCode, totpUri } from './totp';
import { TotpSecrets } from './totp-secrets';
import { UnitOfWork } from '../common/unit-of-work';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

export interface IssuedSession {
  token: string;
  /** The absolute end of the session (it ends earlier after SESSION_IDLE_TIMEOUT_MINUTES idle). */
  expiresAt: string;
  idleTimeoutSeconds: number;
  /** True: the session may only change the password (POST /api/v1/auth/password). */
  passwordChangeRequired: boolean;
  csrfToken: string;
}

export interface Authenticated {
  principal: StaffPrincipal;
  purpose: SessionPurpose;
}

const INVALID_CREDENTIALS = 'The username, password or second factor is not correct.';

/** Login, sessions, password changes and TOTP enrolment. */
@Injectable()
export class AuthService {
  /** Per username (existing or not): delays after 5 failures. */
  private readonly accountThrottle = new LoginThrottle();
  /**
   * Per client address: delays after LOGIN_CLIENT_FREE_FAILURES failures (20 by default, because a
   * police station's staff share one NAT address and one person's typos must not lock out the
   * station). 0 turns it off: behind a reverse proxy every client has the proxy's address, and
   * anyone could lock every officer out.
   */
  private readonly clientThrottle: LoginThrottle;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: StaffRepository,
    private readonly audit: AuditService,
    private readonly secrets: TotpSecrets,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limits: LimitsService,
  ) {
    const free = config.LOGIN_CLIENT_FREE_FAILURES;
    this.clientThrottle = new LoginThrottle({ ...DEFAULT_THROTTLE, freeFailures: free === 0 ? Number.MAX_SAFE_INTEGER : free });
  }

  private get idleMs(): number {
    return this.config.SESSION_IDLE_TIMEOUT_MINUTES * 60_000;
  }

  /**
   * Password AND a second factor (TOTP or a recovery code). Every failure is the same 401
   * `invalid_credentials`, after an argon2 verification whether or not the account exists.
   * `client` is the request's client key (an HMAC of the address made at the HTTP edge), only for throttling.
   */
  async login(ctx: RequestContext, input: LoginInput, client: string): Promise<IssuedSession> {
    const username = String(input.username ?? '').trim().toLowerCase();
    const accountKey = [this.accountThrottle.keyFor('account', username)];
    const clientKey = [this.clientThrottle.keyFor('client', client)];
    const accountWait = this.accountThrottle.retryAfterMs(accountKey);
    const wait = Math.max(accountWait, this.clientThrottle.retryAfterMs(clientKey));
    if (wait > 0) {
      // Counted, not audited: a throttled attempt names nobody proven, and auditing each one let a
      // single client write chained audit rows as fast as it could send (the failures that led to
      // the throttle are audited as failed logins).
      this.metrics.countThrottledLogin(accountWait > 0 ? 'account' : 'client');
      throw new DomainError('rate_limited', 'Too many failed logins; try again later.', { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    this.accountThrottle.begin(accountKey);
    this.clientThrottle.begin(clientKey);
    try {
      return await this.attempt(ctx, input, username, accountKey, clientKey, client);
    } finally {
      this.accountThrottle.finish(accountKey);
      this.clientThrottle.finish(clientKey);
    }
  }

  /** One login attempt the throttles let through (counted as in flight until it returns). */
  private async attempt(ctx: RequestContext, input: LoginInput, username: string, accountKey: string[], clientKey: string[], client: string): Promise<IssuedSession> {
    const account = username ? await this.repo.findByUsername(username) : null;
    // The argon2 verification goes through the same admission gate as tipsters' receipt hashes:
    // a client with HASH_CONCURRENCY_PER_CLIENT verifications in flight is refused at once, and
    // the pool's queue is bounded, so a flood of logins cannot stand in front of anybody else.
    const admitted = await this.limits.hashGate.run(client, async () =>
      account ? verifyPassword(account.passwordHash, String(input.password ?? '')) : (await verifyPassword(await dummyHash(), String(input.password ?? ''))) && false,
    );
    if (!admitted.ok) {
      this.metrics.countThrottledLogin('client');
      throw new DomainError('rate_limited', 'Too many logins at once from this client; try again in a moment.', { retryAfterSeconds: 1 });
    }
    const passwordOk = admitted.value;

    const issued = await this.uow.run(async (manager) => {
      if (!account || !account.active || !passwordOk) return { account: null, reason: 'password' as const };
      // The password was verified outside this transaction (argon2 is slow): under the account's
      // row lock, make sure no password change or disable committed meanwhile, or the new session
      // would outlive the revocation that change made.
      const locked = await this.repo.findByIdForUpdate(manager, account.id);
      if (!locked || !locked.active || locked.passwordHash !== account.passwordHash) return { account: null, reason: 'password' as const };
      const second = await this.checkSecondFactor(manager, account, input);
      if (!second) return { account: null, reason: 'second_factor' as const };
      if (needsRehash(account.passwordHash)) {
        await this.repo.updateAccount(manager, account.id, { passwordHash: await hashPassword(String(input.password)) });
      }
      const purpose: SessionPurpose = account.mustChangePassword ? 'password_change' : 'full';
      const session = await this.openSession(manager, account, purpose);
      await this.audit.record(manager, { ...ctx, actor: { type: 'staff', id: account.id, unitId: account.unitId, role: account.role } }, {
        action: 'staff.logged_in',
        targetType: 'staff_account',
        targetId: account.id,
        unitId: account.unitId,
        change: { sessionId: session.sessionId, purpose, factor: second },
      });
      return { account, session };
    });

    if (!issued.account || !('session' in issued)) {
      this.accountThrottle.recordFailure(accountKey);
      this.clientThrottle.recordFailure(clientKey);
      await this.uow.run((manager) =>
        this.audit.record(manager, ctx, {
          action: 'staff.login_failed',
          targetType: 'staff_account',
          targetId: account?.id ?? null,
          unitId: account?.unitId ?? null,
          change: { reason: account ? (account.active ? issued.reason : 'disabled') : 'unknown_user' },
        }),
      );
      throw new DomainError('invalid_credentials', INVALID_CREDENTIALS);
    }
    // Only the account's counter resets: one valid login must not clear a client's failures.
    this.accountThrottle.recordSuccess(accountKey);
    return issued.session.issued;
  }

  private async checkSecondFactor(
    manager: import('typeorm').EntityManager,
    account: StaffAccountEntity,
    input: LoginInput,
  ): Promise<'totp' | 'recovery_code' | null> {
    if (typeof input.totp === 'string' && input.totp.length > 0) {
      if (!account.totpSecret || !account.totpDataKeyId) return null;
      const secret = await this.secrets.open(manager, account.totpDataKeyId, account.id, 'totp_secret', account.totpSecret);
      if (!secret) return null;
      const step = acceptTotp(secret, input.totp, account.totpLastUsedStep);
      if (step === null) return null;
      return (await this.repo.consumeTotpStep(manager, account.id, step)) ? 'totp' : null;
    }
    if (typeof input.recoveryCode === 'string' && input.recoveryCode.length > 0) {
      return (await this.repo.consumeRecoveryCode(manager, account.id, hashRecoveryCode(input.recoveryCode))) ? 'recovery_code' : null;
    }
    return null;
  }

  private async openSession(
    manager: import('typeorm').EntityManager,
    account: StaffAccountEntity,
    purpose: SessionPurpose,
  ): Promise<{ sessionId: string; issued: IssuedSession }> {
    const token = newSessionToken();
    const now = new Date();
    const absoluteMs = purpose === 'full' ? this.config.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600_000 : this.idleMs;
    const expiresAt = new Date(now.getTime() + absoluteMs);
    const session = await this.repo.insertSession(manager, { staffId: account.id, tokenHash: hashSessionToken(token), purpose, now, expiresAt });
    return {
      sessionId: session.id,
      issued: {
        token,
        expiresAt: expiresAt.toISOString(),
        idleTimeoutSeconds: this.idleMs / 1000,
        passwordChangeRequired: purpose === 'password_change',
        csrfToken: csrfTokenFor(token),
      },
    };
  }

  /** The guard's check: a well-formed token of a live session of an active account. */
  async authenticate(token: string): Promise<Authenticated> {
    if (!SESSION_TOKEN_PATTERN.test(token)) throw new DomainError('session_invalid', 'The session token is not valid.');
    const found = await this.repo.findSessionByTokenHash(hashSessionToken(token));
    if (!found) throw new DomainError('session_invalid', 'The session token is not valid.');
    const now = new Date();
    const state = sessionState(found.session, now, this.idleMs);
    if (state !== 'active' || !found.account.active) {
      throw new DomainError('session_invalid', state === 'expired' ? 'The session has expired.' : 'The session has ended.');
    }
    if (now.getTime() - found.session.lastSeenAt.getTime() > 5_000) await this.repo.touchSession(found.session.id, now);
    return { principal: toPrincipal(found.account, found.session.id), purpose: found.session.purpose };
  }

  async logout(ctx: RequestContext, principal: StaffPrincipal): Promise<void> {
    await this.uow.run(async (manager) => {
      await this.repo.revokeSession(manager, principal.sessionId);
      await this.audit.record(manager, ctx, {
        action: 'staff.logged_out',
        targetType: 'staff_account',
        targetId: principal.id,
        unitId: principal.unitId,
        change: { sessionId: principal.sessionId },
      });
    });
  }

  async me(principal: StaffPrincipal): Promise<StaffAccountEntity> {
    const account = await this.repo.findById(principal.id);
    if (!account) throw new DomainError('session_invalid', 'The session has ended.');
    return account;
  }

  /**
   * The password asked again inside a session (password change, TOTP enrolment). Counted on the
   * same per-username throttle as logins, so a stolen session cannot guess the password online.
   */
  private async checkPasswordAgain(account: StaffAccountEntity, password: unknown, message: string): Promise<void> {
    const key = [this.accountThrottle.keyFor('account', account.username)];
    const wait = this.accountThrottle.retryAfterMs(key);
    if (wait > 0) throw new DomainError('rate_limited', 'Too many wrong passwords; try again later.', { retryAfterSeconds: Math.ceil(wait / 1000) });
    this.accountThrottle.begin(key);
    try {
      if (!(await verifyPassword(account.passwordHash, String(password ?? '')))) {
        this.accountThrottle.recordFailure(key);
        throw new DomainError('invalid_credentials', message);
      }
    } finally {
      this.accountThrottle.finish(key);
    }
  }

  /**
   * Changes the password (current one required); every session of the account ends, and the caller
   * gets a new full session (they proved password and second factor when this session began).
   */
  async changePassword(ctx: RequestContext, principal: StaffPrincipal, currentPassword: string, newPassword: string): Promise<IssuedSession> {
    const account = await this.me(principal);
    await this.checkPasswordAgain(account, currentPassword, 'The current password is not correct.');
    const problem = passwordProblem(newPassword, account.username);
    if (problem) throw new ValidationFailed([{ field: 'newPassword', reason: problem, message: PASSWORD_PROBLEM_MESSAGES[problem] }]);
    if (newPassword === currentPassword) {
      throw new ValidationFailed([{ field: 'newPassword', reason: 'unchanged', message: 'The new password must differ from the current one.' }]);
    }
    const passwordHash = await hashPassword(newPassword);
    return this.uow.run(async (manager) => {
      const locked = await this.repo.findByIdForUpdate(manager, account.id);
      if (!locked || !locked.active) throw new DomainError('session_invalid', 'The session has ended.');
      await this.repo.updateAccount(manager, account.id, { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() });
      const revoked = await this.repo.revokeSessionsOf(manager, account.id);
      const session = await this.openSession(manager, { ...locked, mustChangePassword: false } as StaffAccountEntity, 'full');
      await this.audit.record(manager, ctx, {
        action: 'staff.password_changed',
        targetType: 'staff_account',
        targetId: account.id,
        unitId: account.unitId,
        change: { sessionsRevoked: revoked, sessionId: session.sessionId },
      });
      return session.issued;
    });
  }

  /** Starts a (re-)enrolment: a new pending secret, shown as a QR code rendered here and as text. */
  async beginTotpEnrolment(ctx: RequestContext, principal: StaffPrincipal, password: string) {
    const account = await this.me(principal);
    await this.checkPasswordAgain(account, password, 'The password is not correct.');
    const secret = generateTotpSecret();
    const otpauthUrl = totpUri(account.username, secret);
    await this.uow.run(async (manager) => {
      const dataKeyId = account.totpDataKeyId ?? (await this.secrets.createKey(manager));
      await this.repo.updateAccount(manager, account.id, {
        totpDataKeyId: dataKeyId,
        totpPendingSecret: await this.secrets.seal(manager, dataKeyId, account.id, 'totp_pending_secret', secret),
      });
      await this.audit.record(manager, ctx, {
        action: 'staff.totp_enrolment_started',
        targetType: 'staff_account',
        targetId: account.id,
        unitId: account.unitId,
      });
    });
    const qrCode = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    return { secret, otpauthUrl, qrCode };
  }

  /**
   * Completes an enrolment with a code from the new secret (so a mistyped secret can never lock the
   * account out); issues 10 new recovery codes, shown once; other sessions end.
   */
  async confirmTotpEnrolment(ctx: RequestContext, principal: StaffPrincipal, totp: string): Promise<{ recoveryCodes: string[] }> {
    return this.uow.run(async (manager) => {
      const account = await this.repo.findByIdForUpdate(manager, principal.id);
      if (!account || !account.totpPendingSecret || !account.totpDataKeyId) {
        throw new DomainError('conflict', 'No enrolment is in progress; start one first.');
      }
      const secret = await this.secrets.open(manager, account.totpDataKeyId, account.id, 'totp_pending_secret', account.totpPendingSecret);
      // a new secret has never been used: a code of the same 30-second step as this session's login is fine
      const step = secret ? acceptTotp(secret, totp, null) : null;
      if (step === null || secret === null) throw new DomainError('invalid_credentials', 'The code does not match the new secret.');
      const recoveryCodes = generateRecoveryCodes();
      await this.repo.updateAccount(manager, account.id, {
        totpSecret: await this.secrets.seal(manager, account.totpDataKeyId, account.id, 'totp_secret', secret),
        totpPendingSecret: null,
        totpLastUsedStep: Math.max(step, account.totpLastUsedStep ?? 0),
      });
      await this.repo.replaceRecoveryCodes(manager, account.id, recoveryCodes.map(hashRecoveryCode));
      const revoked = await this.repo.revokeSessionsOf(manager, account.id, principal.sessionId);
      await this.audit.record(manager, ctx, {
        action: 'staff.totp_enrolled',
        targetType: 'staff_account',
        targetId: account.id,
        unitId: account.unitId,
        change: { sessionsRevoked: revoked },
      });
      return { recoveryCodes };
    });
  }

  /** The invitation (or TOTP re-enrolment code) a user redeems, checked and locked; or a 400. */
  private async usableInvitation(manager: import('typeorm').EntityManager, code: string) {
    const invalid = () => new DomainError('invitation_invalid', 'Mã mời không đúng, đã dùng hoặc đã hết hạn. / The invitation code is wrong, used or expired.');
    const invitation = await this.repo.findInvitation(manager, hashInvitationCode(code));
    if (!invitation) throw invalid();
    const account = await this.repo.findByIdForUpdate(manager, invitation.staffId);
    if (!account || !account.active) throw invalid();
    const approval = await this.repo.creationApproval(manager, account.id);
    if (approval === 'pending') throw new DomainError('conflict', 'This account waits for a second administrator\'s approval; try again later.');
    if (approval === 'refused') throw invalid();
    return { invitation, account };
  }

  /**
   * Step 1 of redeeming an invitation: shows the user a new TOTP secret (as text and QR code) to
   * put in their authenticator app. Nothing is final until step 2.
   */
  async openInvitation(ctx: RequestContext, code: string) {
    const secret = generateTotpSecret();
    const { account, purpose } = await this.uow.run(async (manager) => {
      const { invitation, account } = await this.usableInvitation(manager, code);
      const dataKeyId = account.totpDataKeyId ?? (await this.secrets.createKey(manager));
      await this.repo.updateAccount(manager, account.id, {
        totpDataKeyId: dataKeyId,
        totpPendingSecret: await this.secrets.seal(manager, dataKeyId, account.id, 'totp_pending_secret', secret),
      });
      await this.audit.record(manager, { ...ctx, actor: { type: 'staff', id: account.id, unitId: account.unitId, role: account.role } }, {
        action: 'staff.invitation_opened',
        targetType: 'staff_account',
        targetId: account.id,
        unitId: account.unitId,
        change: { purpose: invitation.purpose },
      });
      return { account, purpose: invitation.purpose };
    });
    const otpauthUrl = totpUri(account.username, secret);
    const qrCode = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    return { username: account.username, purpose, secret, otpauthUrl, qrCode };
  }

  /**
   * Step 2: a new account sets its password; a TOTP reset proves the current one. Either way a
   * code from the new secret confirms the enrolment; ten recovery codes are issued (shown once),
   * the code is used up, other sessions end and a full session is returned.
   */
  async completeInvitation(ctx: RequestContext, input: { code: string; password: string; totp: string }): Promise<{ recoveryCodes: string[]; session: IssuedSession }> {
    const peek = await this.uow.run((manager) => this.usableInvitation(manager, input.code));
    let passwordHash: string | undefined;
    if (peek.invitation.purpose === 'invite') {
      const problem = passwordProblem(String(input.password ?? ''), peek.account.username);
      if (problem) throw new ValidationFailed([{ field: 'password', reason: problem, message: PASSWORD_PROBLEM_MESSAGES[problem] }]);
      passwordHash = await hashPassword(input.password);
    } else {
      await this.checkPasswordAgain(peek.account, input.password, 'The password is not correct.');
    }
    return this.uow.run(async (manager) => {
      const { invitation, account } = await this.usableInvitation(manager, input.code);
      if (account.id !== peek.account.id || (passwordHash === undefined && account.passwordHash !== peek.account.passwordHash)) {
        throw new DomainError('invitation_invalid', 'The invitation changed meanwhile; open it again.');
      }
      if (!account.totpPendingSecret || !account.totpDataKeyId) throw new DomainError('conflict', 'Open the invitation first: it shows the secret to enrol.');
      const secret = await this.secrets.open(manager, account.totpDataKeyId, account.id, 'totp_pending_secret', account.totpPendingSecret);
      const step = secret ? acceptTotp(secret, input.totp, null) : null;
      if (step === null || secret === null) throw new DomainError('invalid_credentials', 'The code does not match the new secret.');
      const recoveryCodes = generateRecoveryCodes();
      await this.repo.updateAccount(manager, account.id, {
        ...(passwordHash ? { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() } : {}),
        totpSecret: await this.secrets.seal(manager, account.totpDataKeyId, account.id, 'totp_secret', secret),
        totpPendingSecret: null,
        totpLastUsedStep: step,
      });
      await this.repo.replaceRecoveryCodes(manager, account.id, recoveryCodes.map(hashRecoveryCode));
      await this.repo.useInvitation(manager, invitation.id);
      const revoked = await this.repo.revokeSessionsOf(manager, account.id);
      const updated = { ...account, mustChangePassword: false } as StaffAccountEntity;
      const session = await this.openSession(manager, updated, 'full');
      await this.audit.record(manager, { ...ctx, actor: { type: 'staff', id: account.id, unitId: account.unitId, role: account.role } }, {
        action: invitation.purpose === 'invite' ? 'staff.invitation_completed' : 'staff.totp_reenrolled',
        targetType: 'staff_account',
        targetId: account.id,
        unitId: account.unitId,
        change: { sessionId: session.sessionId, sessionsRevoked: revoked, recoveryCodes: recoveryCodes.length },
      });
      return { recoveryCodes, session: session.issued };
    });
  }
}
