import { MailService } from '../../src/mail/mail.service';
import { startTestSmtp, TestSmtp } from '../utils/smtp';

describe('MailService (real SMTP server)', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('delivers a message to the configured server', async () => {
    const mail = new MailService({ SMTP_URL: smtp.url, MAIL_FROM: 'tipline <audit@tipline.test>' });
    expect(mail.enabled).toBe(true);
    expect(await mail.send({ to: ['auditor@example.test'], subject: 'Kiểm tra', text: 'checkpoint 7: 120 events' })).toBe(true);
    const [m] = await smtp.waitFor(1);
    expect(m).toMatchObject({ from: 'audit@tipline.test', to: ['auditor@example.test'], subject: 'Kiểm tra' });
    expect(m.text.trim()).toBe('checkpoint 7: 120 events');
    mail.onModuleDestroy();
  });

  it('does nothing without SMTP_URL', async () => {
    const mail = new MailService({ SMTP_URL: undefined, MAIL_FROM: 'x <x@x.test>' });
    expect(mail.enabled).toBe(false);
    expect(await mail.send({ to: ['a@b.test'], subject: 's', text: 't' })).toBe(false);
  });
});
