import { createTransport } from 'nodemailer';
import type { Mailer, MailMessage } from './mailer.ts';

/** The sender when FUER_SMTP_FROM is unset. */
export const DEFAULT_MAIL_FROM = '淄博市妇儿工委办公室 <noreply@localhost>';

/** Where the mail goes, without credentials (for logs and notices). */
export function smtpServerLabel(url: URL): string {
  return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
}

/**
 * Parses FUER_SMTP_URL: smtp://[user:pass@]host[:port] (STARTTLS when the server offers it) or
 * smtps://[user:pass@]host[:port] (TLS from the start); nodemailer's query options (e.g.
 * ?tls.rejectUnauthorized=false) pass through. Throws a Chinese message for anything else.
 */
export function parseSmtpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('FUER_SMTP_URL 不是有效的地址，应为 smtp://[用户名:密码@]主机[:端口] 或 smtps://…');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`FUER_SMTP_URL 的协议“${url.protocol}”不受支持，应为 smtp: 或 smtps:`);
  if (url.hostname === '') throw new Error('FUER_SMTP_URL 缺少主机名');
  return url;
}

/**
 * A Mailer over SMTP (nodemailer), one connection per message. Subject and body are sent as UTF-8 (nodemailer
 * encodes Chinese headers as encoded words). Throws the server's or the network's error: the outbox records it.
 */
export function smtpMailer(url: URL, from: string = DEFAULT_MAIL_FROM): Mailer {
  const transport = createTransport({
    url: url.href,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return {
    label: smtpServerLabel(url),
    async send(message: MailMessage): Promise<void> {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, textEncoding: 'base64' });
    },
    close(): void {
      transport.close();
    },
  };
}
