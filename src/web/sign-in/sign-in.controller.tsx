import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, Roles, ROLES, CurrentStaff, StaffPrincipal } from '../../auth/auth.decorators';
import { ClientKey } from '../../common/anonymity/client-key';
import { DomainError } from '../../common/errors/domain-error';
import { Ctx, RequestContext } from '../../common/request-context';
import { AuthService } from '../../staff/auth.service';
import { clearSessionCookies, setSessionCookies } from '../../staff/session-cookies';
import { AllowPasswordChangeSession } from '../../staff/staff.decorators';
import { consoleLang } from '../shell/console-context';
import { FormBody, formText } from '../shell/form-input';
import { FormProblem } from '../shell/forms';
import { safeNext } from '../shell/paths';
import { redirect, sendPage } from '../shell/render';
import { tr } from '../shell/texts';
import { asSignInReason, SignInPage } from './sign-in.page';
import { publicFormIsOwn, signInToken } from './sign-in-csrf';
import { SIGN_IN_TEXTS as T } from './texts';

/** Sign in (password + TOTP or recovery code) and sign out: the API's AuthService, as HTML forms. */
@ApiExcludeController()
@Controller('console')
export class SignInController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('sign-in')
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('next') next?: string, @Query('reason') reason?: string) {
    const lang = consoleLang(request);
    return sendPage(reply, <SignInPage lang={lang} csrf={signInToken(request, reply)} next={safeNext(next)} reason={asSignInReason(reason)} />);
  }

  @Public()
  @Post('sign-in')
  async signIn(@Ctx() ctx: RequestContext, @ClientKey() client: string, @Req() request: FastifyRequest, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const lang = consoleLang(request);
    const next = safeNext(formText(body, 'next', { max: 2000 }));
    const username = formText(body, 'username', { max: 64 });
    const again = (status: number, view: { problems?: FormProblem[]; formError?: string }) =>
      sendPage(reply, <SignInPage lang={lang} csrf={signInToken(request, reply)} next={next} username={username} {...view} />, status);

    // Login CSRF: the browser's own word (Origin / Sec-Fetch-Site) and the form's double-submit token.
    if (!publicFormIsOwn(request, formText(body, '_csrf', { max: 100 }))) {
      // 400, not 403: a stale or foreign form is a bad request to a public page (the matrix: public routes never 401/403).
      return again(400, { formError: tr({ lang }, T.formExpired) });
    }
    const password = formText(body, 'password', { raw: true, max: 128 });
    const code = formText(body, 'code', { max: 32 }).replace(/\s+/g, '');
    const missing: FormProblem[] = [];
    if (!username) missing.push({ field: 'username', message: tr({ lang }, T.missing) });
    if (!password) missing.push({ field: 'password', message: tr({ lang }, T.missing) });
    if (!code) missing.push({ field: 'code', message: tr({ lang }, T.missing) });
    if (missing.length) return again(422, { problems: missing });

    try {
      const session = await this.auth.login(ctx, { username, password, ...(/^\d{6}$/.test(code) ? { totp: code } : { recoveryCode: code }) }, client);
      setSessionCookies(reply, session);
      return redirect(reply, session.passwordChangeRequired ? `/console/password?next=${encodeURIComponent(next)}` : next);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'invalid_credentials') {
        // One message whichever factor was wrong (as the API); shown at the code, the field typed last.
        return again(401, { problems: [{ field: 'code', message: tr({ lang }, T.wrong) }] });
      }
      if (e instanceof DomainError && e.code === 'rate_limited') {
        const wait = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
        void reply.header('retry-after', String(wait));
        return again(429, { formError: tr({ lang }, { vi: `Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau ${wait} giây.`, en: `Too many failed sign-ins. Try again in ${wait} seconds.` }) });
      }
      throw e;
    }
  }

  @Roles(...ROLES)
  @AllowPasswordChangeSession()
  @Post('sign-out')
  async signOut(@Ctx() ctx: RequestContext, @CurrentStaff() staff: StaffPrincipal, @Res() reply: FastifyReply) {
    await this.auth.logout(ctx, staff);
    clearSessionCookies(reply);
    return redirect(reply, '/console/sign-in?reason=signed-out');
  }
}
