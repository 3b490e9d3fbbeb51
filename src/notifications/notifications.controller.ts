import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, ROLES, StaffPrincipal } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import { ListNotificationsDto, SetNotificationEmailDto } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

/** A staff member's own notices (breaches, escalations); nobody reads another's. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Roles(...ROLES)
  list(@CurrentStaff() staff: StaffPrincipal, @Query() q: ListNotificationsDto) {
    return this.notifications.list(staff, q);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @Roles(...ROLES)
  read(@CurrentStaff() staff: StaffPrincipal, @Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.notifications.markRead(staff, ctx, id);
  }

  /** Where a staff member's notices are e-mailed (null clears it). */
  @Put('admin/staff/:id/notification-email')
  @Roles('admin')
  setEmail(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() b: SetNotificationEmailDto) {
    return this.notifications.setEmail(ctx, id, b.email ?? null);
  }
}
