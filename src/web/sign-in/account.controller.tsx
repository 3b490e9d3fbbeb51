import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentStaff, Roles, ROLES, StaffPrincipal } from '../../auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { Ctx, RequestContext } from '../../common/request-context';
import { AuthService } from '../../staff/auth.service';
import { setSessionCookies } from '../../staff/session-cookies';
import { AllowPasswordChangeSession } from '../../staff/staff.decorators';
import { StaffService } from '../../staff/staff.service';
import { totpUri } from '../../staff/totp';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { FormBody, formText } from '../shell/form-input';
import { FormProblem } from '../shell/forms';
import { safeNext } from '../shell/paths';
import { redirect, sendPage } from '../shell/render';
import { tr } from '../shell/texts';
import { AccountPage, PasswordPage, RecoveryCodesPage, TotpConfirmPage, TotpStartPage } from './account.pages';
import { passwordProblems } from './password-problems';
import { ACCOUNT_TEXTS as T } from './texts';

const BASE32 = /^[A-Z2-7]{16,64}$/;

/** One's own account: the password change (first login too) and a new authenticator (TOTP) with recovery codes. */
@ApiExcludeController()
@Controller('console')
@Roles(...ROLES)
export class AccountController {
  constructor(
    private readonly auth: AuthService,
    private readonly staff: StaffService,
  ) {}

  @Get('account')
  async account(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply, @Query('done') done?: string) {
    const view = await this.staff.view(await this.auth.me(ctx.user));
    const notice = done === 'password' ? tr(ctx, T.passwordChanged) : undefined;
    return sendPage(reply, <AccountPage ctx={ctx} account={view} notice={notice} />);
  }

  @AllowPasswordChangeSession()
  @Get('password')
  async passwordForm(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply, @Query('next') next?: string) {
    const account = await this.auth.me(ctx.user);
    return sendPage(reply, <PasswordPage ctx={ctx} next={safeNext(next)} firstLogin={account.mustChangePassword} />);
  }

  @AllowPasswordChangeSession()
  @Post('password')
  async changePassword(@Ctx() rctx: RequestContext, @ConsoleContext() ctx: ConsoleCtx, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const next = safeNext(formText(body, 'next', { max: 2000 }));
    const current = formText(body, 'currentPassword', { raw: true, max: 1000 });
    const fresh = formText(body, 'newPassword', { raw: true, max: 1000 });
    const again = async (problems: FormProblem[]) => {
      const account = await this.auth.me(ctx.user);
      return sendPage(reply, <PasswordPage ctx={ctx} next={next} firstLogin={account.mustChangePassword} problems={problems} />, 422);
    };
    if (fresh !== formText(body, 'confirmPassword', { raw: true, max: 1000 })) return again([{ field: 'confirmPassword', message: tr(ctx, T.mismatch) }]);
    try {
      const session = await this.auth.changePassword(rctx, ctx.user, current, fresh);
      setSessionCookies(reply, session);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'invalid_credentials') return again([{ field: 'currentPassword', message: tr(ctx, T.wrongPassword) }]);
      if (e.code === 'rate_limited') return again([{ field: 'currentPassword', message: tr(ctx, T.tooMany) }]);
      const problems = passwordProblems(e, ctx.lang, 'newPassword');
      if (problems) return again(problems);
      throw e;
    }
    return redirect(reply, next === '/console' ? '/console/account?done=password' : next);
  }

  @Get('account/totp')
  totpForm(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply) {
    return sendPage(reply, <TotpStartPage ctx={ctx} />);
  }

  /** Step 1: the password again, then the new key (QR code and text) and the confirmation form. */
  @Post('account/totp')
  async beginTotp(@Ctx() rctx: RequestContext, @ConsoleContext() ctx: ConsoleCtx, @Body() body: FormBody, @Res() reply: FastifyReply) {
    try {
      const started = await this.auth.beginTotpEnrolment(rctx, ctx.user, formText(body, 'password', { raw: true, max: 1000 }));
      return sendPage(reply, <TotpConfirmPage ctx={ctx} otpauthUrl={started.otpauthUrl} secret={started.secret} />);
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'invalid_credentials' || e.code === 'rate_limited')) {
        const message = tr(ctx, e.code === 'rate_limited' ? T.tooMany : T.wrongPassword);
        return sendPage(reply, <TotpStartPage ctx={ctx} problems={[{ field: 'password', message }]} />, 422);
      }
      throw e;
    }
  }

  /** Step 2: a code from the new key → ten recovery codes, shown in this answer only. */
  @Post('account/totp/confirm')
  async confirmTotp(@Ctx() rctx: RequestContext, @ConsoleContext() ctx: ConsoleCtx, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const code = formText(body, 'totp', { max: 20 }).replace(/\s+/g, '');
    const secret = formText(body, 'secret', { max: 64 }).toUpperCase();
    const again = (message: string) =>
      BASE32.test(secret)
        ? sendPage(reply, <TotpConfirmPage ctx={ctx} otpauthUrl={totpUri(ctx.user.username, secret)} secret={secret} problems={[{ field: 'totp', message }]} />, 422)
        : sendPage(reply, <TotpStartPage ctx={ctx} problems={[{ field: 'password', message }]} />, 422);
    if (!/^\d{6}$/.test(code)) return again(tr(ctx, T.sixDigits));
    try {
      const { recoveryCodes } = await this.auth.confirmTotpEnrolment(rctx, ctx.user, code);
      return sendPage(reply, <RecoveryCodesPage ctx={ctx} codes={recoveryCodes} />);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'invalid_credentials') return again(tr(ctx, T.codeMismatch));
      if (e instanceof DomainError && e.code === 'conflict') return sendPage(reply, <TotpStartPage ctx={ctx} problems={[{ field: 'password', message: tr(ctx, T.noEnrolment) }]} />, 409);
      throw e;
    }
  }
}
