import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { Ctx, RequestContext } from '../common/request-context';
import { CreateStaffDto } from './dto/create-staff.dto';
import { UpdateStaffDto } from './dto/update-staff.dto';
import { toStaffView } from './staff-principal';
import { StaffService } from './staff.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/admin/staff')
export class StaffAdminController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  async list() {
    return { items: (await this.staff.list()).map(toStaffView), nextCursor: null };
  }

  @Post()
  @ApiOperation({ summary: 'Create an account: returns a one-time password and the TOTP secret (shown once)' })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateStaffDto) {
    const created = await this.staff.create(ctx, { ...body });
    return { account: toStaffView(created.account), password: created.password, totpSecret: created.totpSecret };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change role and/or unit (every session of the account ends)' })
  async update(@Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string, @Body() body: UpdateStaffDto) {
    return toStaffView(await this.staff.changeRoleOrUnit(ctx, id, body));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable an account (its sessions stop working at once)' })
  async disable(@Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string) {
    return toStaffView(await this.staff.disable(ctx, id));
  }
}
