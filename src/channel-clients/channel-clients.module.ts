import { Module } from '@nestjs/common';
import { ChannelClientsRepository } from './channel-clients.repository';
import { ChannelClientsService } from './channel-clients.service';

/** The systems that deliver tips for citizens (hotline, SMS gateway, Open311 apps). */
@Module({
  providers: [ChannelClientsRepository, ChannelClientsService],
  exports: [ChannelClientsService],
})
export class ChannelClientsModule {}
