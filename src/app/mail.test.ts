import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '../test/smtp-capture';
import { loadConfig } from './config';
import { createMailer } from './mail';

describe('outgoing mail', () => {
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(() => smtp.close());

  it('is off without a configured server and says so when asked to send', async () => {
    const mailer = createMailer(loadConfig({}));
    expect(mailer.enabled).toBe(false);
    await expect(mailer.send({ to: 'a@example.kg', subject: 's', text: 't' })).rejects.toThrow(/KITEPKANA_SMTP_URL/);
  });

  it('delivers a Cyrillic message to the configured server', async () => {
    const mailer = createMailer(loadConfig({ KITEPKANA_SMTP_URL: smtp.smtpUrl, KITEPKANA_MAIL_FROM: 'library@example.kg' }));
    await mailer.send({ to: 'reader@example.kg', subject: 'Напоминание о возврате книг', text: 'Срок возврата: 1 декабря' });
    mailer.close();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({
      from: 'library@example.kg',
      to: ['reader@example.kg'],
      subject: 'Напоминание о возврате книг',
    });
  });

  it('rejects a server address that is not smtp:// or smtps://', () => {
    expect(() => loadConfig({ KITEPKANA_SMTP_URL: 'http://mail' })).toThrow(/KITEPKANA_SMTP_URL/);
  });
});
