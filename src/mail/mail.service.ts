import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/env';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID: a message re-sent after a crash carries the same id, so a mail system can drop the copy. */
  messageId: string;
}

/** Sends e-mail through SMTP_URL with nodemailer; `enabled` is false when SMTP_URL is unset. */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
    this.from = config.MAIL_FROM;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.transport) throw new Error('SMTP_URL is not set');
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, messageId: message.messageId });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
