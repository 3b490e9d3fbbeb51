import { Module } from '@nestjs/common';
import { CalendarModule } from '../../calendar/calendar.module';
import { ChannelClientsModule } from '../../channel-clients/channel-clients.module';
import { ClocksModule } from '../../clocks/clocks.module';
import { RoutingModule } from '../../routing/routing.module';
import { StaffModule } from '../../staff/staff.module';
import { UnitsModule } from '../../units/units.module';
import { AdminCalendarController } from './admin-calendar.controller';
import { AdminChannelsController } from './admin-channels.controller';
import { AdminDeadlinesController } from './admin-deadlines.controller';
import { AdminIndexController } from './admin-index.controller';
import { AdminLookups } from './admin-lookups';
import { AdminRoutingController } from './admin-routing.controller';
import { AdminStaffController } from './admin-staff.controller';
import { AdminUnitsController } from './admin-units.controller';

/** The console's admin pages (issue #18): staff, units and coverage, routing, deadlines, calendar, channel clients. */
@Module({
  imports: [StaffModule, UnitsModule, RoutingModule, ClocksModule, CalendarModule, ChannelClientsModule],
  controllers: [
    AdminIndexController,
    AdminStaffController,
    AdminUnitsController,
    AdminRoutingController,
    AdminDeadlinesController,
    AdminCalendarController,
    AdminChannelsController,
  ],
  providers: [AdminLookups],
})
export class ConsoleAdminModule {}
