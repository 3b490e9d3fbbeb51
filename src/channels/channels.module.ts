import { Module } from '@nestjs/common';
import { ChannelClientsModule } from '../channel-clients/channel-clients.module';
import { LimitsModule } from '../limits/limits.module';
import { IntakeModule } from '../intake/intake.module';
import { LocalitiesModule } from '../localities/localities.module';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { DeliveriesService } from './deliveries/deliveries.service';
import { HotlineController } from './hotline/hotline.controller';
import { HotlineService } from './hotline/hotline.service';
import { Open311Controller } from './open311/open311.controller';
import { Open311Service } from './open311/open311.service';
import { SmsController } from './sms/sms.controller';
import { SmsService } from './sms/sms.service';

/**
 * Channel adapters: each turns its requests into an IntakeCommand for the one IntakeService
 * (the web form's adapter is intake's own controllers). Adding a channel adds a folder here.
 */
@Module({
  imports: [IntakeModule, ChannelClientsModule, LocalitiesModule, LimitsModule],
  controllers: [HotlineController, SmsController, Open311Controller],
  providers: [DeliveriesRepository, DeliveriesService, HotlineService, SmsService, Open311Service],
})
export class ChannelsModule {}
