import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Outgoing e-mail (SMTP_URL). Global: audit alarms and notifications send through it. */
@Global()
@Module({ providers: [MailService], exports: [MailService] })
export class MailModule {}
