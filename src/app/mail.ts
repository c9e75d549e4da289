/**
 * Outgoing e-mail (overdue notices, digests, password links). Sent over SMTP when
 * KITEPKANA_SMTP_URL is configured (smtp://user:pass@host:port or smtps://…); otherwise `enabled` is
 * false and callers fall back to what works without mail (printable letters, the portal inbox).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from './config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  readonly enabled: boolean;
  /** Sends one message; rejects when the server refuses it. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

class SmtpMailer implements Mailer {
  readonly enabled = true;
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }
  close(): void {
    this.transport.close();
  }
}

const disabled: Mailer = {
  enabled: false,
  send: () => Promise.reject(new Error('E-mail is not configured (KITEPKANA_SMTP_URL)')),
  close: () => {},
};

export function createMailer(config: Pick<AppConfig, 'smtpUrl' | 'mailFrom'>): Mailer {
  return config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : disabled;
}
