import { Body, Controller, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentStaff, Public, Roles, ROLES, StaffPrincipal } from '../auth/auth.decorators';
import { ClientKey } from '../common/anonymity/client-key';
import { Ctx, RequestContext } from '../common/request-context';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { BeginTotpEnrolmentDto, ConfirmTotpEnrolmentDto } from './dto/enrol-totp.dto';
import { LoginDto } from './dto/login.dto';
import { CompleteInvitationDto, OpenInvitationDto } from './dto/invitation.dto';
import { SameOriginLoginGuard } from './login-origin';
import { AllowPasswordChangeSession } from './staff.decorators';
import { clearSessionCookies, setSessionCookies } from './session-cookies';
import { StaffService } from './staff.service';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly staff: StaffService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Password + TOTP (or recovery code) → session token and cookie' })
  @UseGuards(SameOriginLoginGuard)
  async login(@Ctx() ctx: RequestContext, @Body() body: LoginDto, @ClientKey() client: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.auth.login(ctx, body, client);
    setSessionCookies(reply, session);
    return session;
  }

  @Roles(...ROLES)
  @AllowPasswordChangeSession()
  @Post('logout')
  @HttpCode(204)
  async logout(@Ctx() ctx: RequestContext, @CurrentStaff() staff: StaffPrincipal, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(ctx, staff);
    clearSessionCookies(reply);
  }

  @Roles(...ROLES)
  @AllowPasswordChangeSession()
  @Get('me')
  async me(@CurrentStaff() staff: StaffPrincipal) {
    return this.staff.view(await this.auth.me(staff));
  }

  @Roles(...ROLES)
  @AllowPasswordChangeSession()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the password: every session ends; a new session is returned' })
  async changePassword(
    @Ctx() ctx: RequestContext,
    @CurrentStaff() staff: StaffPrincipal,
    @Body() body: ChangePasswordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.auth.changePassword(ctx, staff, body.currentPassword, body.newPassword);
    setSessionCookies(reply, session);
    return session;
  }

  @Roles(...ROLES)
  @Post('totp/enrolment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start TOTP (re-)enrolment: secret, otpauth URL and a QR code (data: URL, rendered server-side)' })
  beginEnrolment(@Ctx() ctx: RequestContext, @CurrentStaff() staff: StaffPrincipal, @Body() body: BeginTotpEnrolmentDto) {
    return this.auth.beginTotpEnrolment(ctx, staff, body.password);
  }

  @Roles(...ROLES)
  @Post('totp/enrolment/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm with a code from the new secret → 10 one-time recovery codes (shown once)' })
  confirmEnrolment(@Ctx() ctx: RequestContext, @CurrentStaff() staff: StaffPrincipal, @Body() body: ConfirmTotpEnrolmentDto) {
    return this.auth.confirmTotpEnrolment(ctx, staff, body.totp);
  }

  @Public()
  @Post('invitation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open an invitation (or a TOTP re-enrolment code): the new TOTP secret as text, otpauth URL and QR code' })
  openInvitation(@Ctx() ctx: RequestContext, @Body() body: OpenInvitationDto) {
    return this.auth.openInvitation(ctx, body.code);
  }

  @Public()
  @Post('invitation/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete it: set (or, for a TOTP reset, prove) the password and confirm a TOTP code → 10 recovery codes and a session' })
  async completeInvitation(@Ctx() ctx: RequestContext, @Body() body: CompleteInvitationDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const r = await this.auth.completeInvitation(ctx, body);
    setSessionCookies(reply, r.session);
    return { recoveryCodes: r.recoveryCodes, ...r.session };
  }
}
