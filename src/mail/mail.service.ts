import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/env';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  /** A stable Message-ID (notifications): a notice re-sent after a crash carries the same id, so a mail system can drop the copy. */
  messageId?: string;
}

/**
 * Outgoing e-mail through one SMTP server (SMTP_URL, e.g. smtp://user:pass@mail.example:587 or
 * smtps://…:465), with nodemailer. When SMTP_URL is unset, `enabled` is false and send() does
 * nothing: callers decide whether mail is optional for them.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly log = new Logger('Mail');
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'SMTP_URL' | 'MAIL_FROM'>) {
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : null;
    this.from = config.MAIL_FROM;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** Sends one message; throws when the server refuses it. Returns false when mail is not configured. */
  async send(message: MailMessage): Promise<boolean> {
    if (!this.transport) return false;
    if (message.to.length === 0) return false;
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, messageId: message.messageId });
    this.log.log({ recipients: message.to.length }, 'mail sent');
    return true;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
