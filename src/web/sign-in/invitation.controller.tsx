import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.decorators';
import { DomainError, messageIn } from '../../common/errors/domain-error';
import { Ctx, RequestContext } from '../../common/request-context';
import { AuthService } from '../../staff/auth.service';
import { setSessionCookies } from '../../staff/session-cookies';
import { totpUri } from '../../staff/totp';
import { ConsoleLang, consoleLang } from '../shell/console-context';
import { FormBody, formText } from '../shell/form-input';
import { FormProblem } from '../shell/forms';
import { sendPage } from '../shell/render';
import { tr } from '../shell/texts';
import { InvitationCodePage, InvitationCompletePage, InvitationRecoveryCodesPage, OpenedInvitation } from './account.pages';
import { passwordProblems } from './password-problems';
import { publicFormIsOwn, signInToken } from './sign-in-csrf';
import { ACCOUNT_TEXTS as T, SIGN_IN_TEXTS } from './texts';

const BASE32 = /^[A-Z2-7]{16,64}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/**
 * Redeeming an invitation (a new account) or a TOTP re-enrolment code (after an administrator's
 * reset): the code, then the new key as a QR code, the password and a code from the key; then
 * the recovery codes, once, and a session.
 */
@ApiExcludeController()
@Controller('console/invitation')
@Public()
export class InvitationController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return sendPage(reply, <InvitationCodePage lang={consoleLang(request)} csrf={signInToken(request, reply)} />);
  }

  @Post()
  async open(@Ctx() rctx: RequestContext, @Req() request: FastifyRequest, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const lang = consoleLang(request);
    const codeForm = (status: number, view: { problems?: FormProblem[]; formError?: string }) =>
      sendPage(reply, <InvitationCodePage lang={lang} csrf={signInToken(request, reply)} {...view} />, status);
    if (!publicFormIsOwn(request, formText(body, '_csrf', { max: 100 }))) return codeForm(400, { formError: tr({ lang }, SIGN_IN_TEXTS.formExpired) });
    const code = formText(body, 'code', { max: 64 });
    if (!code) return codeForm(422, { problems: [{ field: 'code', message: tr({ lang }, SIGN_IN_TEXTS.missing) }] });
    try {
      const opened = await this.auth.openInvitation(rctx, code);
      const invitation: OpenedInvitation = { code, username: opened.username, purpose: opened.purpose, secret: opened.secret, otpauthUrl: opened.otpauthUrl };
      return sendPage(reply, <InvitationCompletePage lang={lang} csrf={signInToken(request, reply)} invitation={invitation} />);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'invitation_invalid') return codeForm(400, { problems: [{ field: 'code', message: tr({ lang }, T.inviteInvalid) }] });
      if (e instanceof DomainError && e.code === 'conflict') return codeForm(409, { problems: [{ field: 'code', message: messageIn(e, lang) }] });
      throw e;
    }
  }

  @Post('complete')
  async complete(@Ctx() rctx: RequestContext, @Req() request: FastifyRequest, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const lang: ConsoleLang = consoleLang(request);
    const code = formText(body, 'code', { max: 64 });
    const username = formText(body, 'username', { max: 64 });
    const secret = formText(body, 'secret', { max: 64 }).toUpperCase();
    const purpose = formText(body, 'purpose', { max: 20 }) === 'invite' ? 'invite' : 'totp_reset';
    const password = formText(body, 'password', { raw: true, max: 1000 });
    const totp = formText(body, 'totp', { max: 20 }).replace(/\s+/g, '');
    const codeForm = (status: number, problems: FormProblem[]) => sendPage(reply, <InvitationCodePage lang={lang} csrf={signInToken(request, reply)} problems={problems} />, status);
    const again = (status: number, problems: FormProblem[]) =>
      BASE32.test(secret) && USERNAME.test(username)
        ? sendPage(reply, <InvitationCompletePage lang={lang} csrf={signInToken(request, reply)} invitation={{ code, username, purpose, secret, otpauthUrl: totpUri(username, secret) }} problems={problems} />, status)
        : codeForm(status, problems.map((p) => ({ ...p, field: 'code' })));
    if (!publicFormIsOwn(request, formText(body, '_csrf', { max: 100 }))) return codeForm(400, [{ field: 'code', message: tr({ lang }, SIGN_IN_TEXTS.formExpired) }]);
    if (purpose === 'invite' && password !== formText(body, 'confirmPassword', { raw: true, max: 1000 })) {
      return again(422, [{ field: 'confirmPassword', message: tr({ lang }, T.mismatch) }]);
    }
    if (!/^\d{6}$/.test(totp)) return again(422, [{ field: 'totp', message: tr({ lang }, T.sixDigits) }]);
    try {
      const done = await this.auth.completeInvitation(rctx, { code, password, totp });
      setSessionCookies(reply, done.session);
      return sendPage(reply, <InvitationRecoveryCodesPage lang={lang} codes={done.recoveryCodes} />);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'invitation_invalid') return codeForm(400, [{ field: 'code', message: tr({ lang }, T.inviteInvalid) }]);
      if (e.code === 'invalid_credentials') {
        // the service's two refusals: the current password (a TOTP reset) or the code from the new key
        const wrongPassword = /password/i.test(e.message);
        return again(422, [{ field: wrongPassword ? 'password' : 'totp', message: tr({ lang }, wrongPassword ? T.wrongPassword : T.codeMismatch) }]);
      }
      if (e.code === 'rate_limited') return again(429, [{ field: 'password', message: tr({ lang }, T.tooMany) }]);
      if (e.code === 'conflict') return codeForm(409, [{ field: 'code', message: messageIn(e, lang) }]);
      const problems = passwordProblems(e, lang, 'password');
      if (problems) return again(422, problems);
      throw e;
    }
  }
}
