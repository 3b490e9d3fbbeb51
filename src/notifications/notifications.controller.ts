import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../common/errors/api-errors';
import { NotificationEmailDto, NotificationPageDto, NotificationReadDto } from './dto/notification-responses.dto';
import { CurrentStaff, Roles, ROLES, StaffPrincipal } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import { ListNotificationsDto, SetNotificationEmailDto } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';
import { UuidPipe } from '../common/uuid.pipe';

/** A staff member's own notices (breaches, escalations); nobody reads another's. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiStaffErrors()
@Controller('api/v1')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Roles(...ROLES)
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiErrors(400)
  list(@CurrentStaff() staff: StaffPrincipal, @Query() q: ListNotificationsDto) {
    return this.notifications.list(staff, q);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOkResponse({ type: NotificationReadDto })
  @ApiErrors(400, 404)
  read(@CurrentStaff() staff: StaffPrincipal, @Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string) {
    return this.notifications.markRead(staff, ctx, id);
  }

  /** Where a staff member's notices are e-mailed (null clears it). */
  @Put('admin/staff/:id/notification-email')
  @Roles('admin')
  @ApiOkResponse({ type: NotificationEmailDto })
  @ApiErrors(400, 404)
  setEmail(@Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string, @Body() b: SetNotificationEmailDto) {
    return this.notifications.setEmail(ctx, id, b.email ?? null);
  }
}
